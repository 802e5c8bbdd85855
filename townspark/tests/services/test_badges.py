"""Badges are awarded when their criteria are met, once each; stats come from the data."""

import pytest

from townspark.models import UserBadge
from townspark.selectors.users import user_badge_names, user_stats
from townspark.services.badges import badges_award
from townspark.services.comments import comment_create
from townspark.services.engagement import issue_upvote_toggle
from townspark.services.issues import issue_status_update
from townspark.tests.conftest import API, make_issue
from townspark.tests.helpers import ok_data

pytestmark = pytest.mark.django_db


def test_first_report_on_first_issue(citizen):
    assert user_badge_names(user=citizen) == []
    make_issue(citizen)
    assert user_badge_names(user=citizen) == ["First Report"]
    make_issue(citizen)
    assert UserBadge.objects.filter(user=citizen).count() == 1


def test_stats_and_badges_from_data(
    citizen, other_citizen, resolver, make_account, client_for, django_capture_on_commit_callbacks
):
    issues = [make_issue(citizen, title=f"Issue {n}") for n in range(10)]
    voters = [make_account("townspark", email=f"v{n}@example.com") for n in range(5)]
    # The badges are awarded by the tasks the writes queue after commit.
    with django_capture_on_commit_callbacks(execute=True):
        for issue in issues:
            for voter in voters:
                issue_upvote_toggle(issue_id=issue.pk, user=voter)
            issue_status_update(issue=issue, status="resolved", actor=resolver)
        for n in range(10):
            comment_create(issue=issues[0], author=other_citizen, content=f"Comment {n}")
    assert user_stats(user=citizen) == {"issues_posted": 10, "uplifts_received": 50, "issues_resolved": 10}
    assert set(user_badge_names(user=citizen)) == {
        "First Report",
        "Active Reporter",
        "Community Hero",
        "10 Issues Resolved",
    }
    assert "Conversation Starter" in user_badge_names(user=other_citizen)
    me = ok_data(client_for(citizen).get(API + "users/me/"))
    # upvotes_received: superset for the TownSpark frontend (issue #15)
    assert me["stats"] == {"issues_posted": 10, "uplifts_received": 50, "issues_resolved": 10, "upvotes_received": 50}
    assert me["badges"][:2] == ["First Report", "Active Reporter"]


def test_award_is_idempotent(citizen):
    make_issue(citizen)
    assert badges_award(user=citizen) == []


def test_award_checks_only_the_badges_of_the_stats_that_changed(citizen, django_assert_num_queries):
    from townspark.models import Issue

    make_issue(citizen)
    UserBadge.objects.filter(user=citizen).delete()  # as if the issue had come in bulk, not through the service
    assert Issue.objects.filter(reporter=citizen).exists()
    with django_assert_num_queries(2):  # the badges not owned yet, then the one stat they need
        assert badges_award(user=citizen, changed=["comments_posted"]) == []
    assert badges_award(user=citizen, changed=["issues_posted"]) == ["First Report"]
    assert badges_award(user=citizen) == []
