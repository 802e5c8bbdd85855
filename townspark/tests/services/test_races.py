"""Concurrency on PostgreSQL: upvote toggles keep the counter equal to the rows; concurrent creates get distinct ids."""

import threading

import pytest
from django.db import connection

from townspark.models import Issue, Upvote
from townspark.services.engagement import issue_upvote_toggle
from townspark.tests.conftest import make_issue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_in_threads(target, args_list) -> list:
    barrier = threading.Barrier(len(args_list))
    errors: list = []

    def worker(*args):
        try:
            barrier.wait()
            target(*args)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_concurrent_upvotes_by_distinct_users(make_account, reference_data):
    reporter = make_account("townspark", email="reporter@example.com")
    issue = make_issue(reporter)
    voters = [make_account("townspark", email=f"voter{n}@example.com") for n in range(20)]
    errors = run_in_threads(lambda user: issue_upvote_toggle(issue_id=issue.pk, user=user), [(v,) for v in voters])
    assert errors == []
    issue.refresh_from_db()
    assert issue.upvote_count == Upvote.objects.filter(issue=issue).count() == 20


def test_concurrent_toggles_by_the_same_and_different_users_stay_consistent(make_account, reference_data):
    reporter = make_account("townspark", email="reporter@example.com")
    issue = make_issue(reporter)
    voters = [make_account("townspark", email=f"voter{n}@example.com") for n in range(10)]
    # Every voter toggles twice at once: whatever the interleaving, counter == rows.
    errors = run_in_threads(lambda user: issue_upvote_toggle(issue_id=issue.pk, user=user), [(v,) for v in voters * 2])
    assert errors == []
    issue.refresh_from_db()
    assert issue.upvote_count == Upvote.objects.filter(issue=issue).count()


def test_concurrent_creates_get_distinct_ids(make_account, reference_data):
    reporters = [make_account("townspark", email=f"r{n}@example.com") for n in range(12)]
    errors = run_in_threads(lambda user: make_issue(user), [(r,) for r in reporters])
    assert errors == []
    ids = list(Issue.objects.values_list("id", flat=True))
    assert len(ids) == len(set(ids)) == 12
    assert sorted(Issue.objects.values_list("number", flat=True)) == list(range(1000, 1012))


def test_concurrent_comment_likes(make_account, reference_data):
    from townspark.models import Comment, CommentLike
    from townspark.services.comments import comment_create, comment_like_toggle

    author = make_account("townspark", email="author@example.com")
    comment = comment_create(issue=make_issue(author), author=author, content="Hello")
    fans = [make_account("townspark", email=f"fan{n}@example.com") for n in range(15)]
    errors = run_in_threads(lambda user: comment_like_toggle(comment_id=comment.pk, user=user), [(f,) for f in fans])
    assert errors == []
    assert Comment.objects.get(pk=comment.pk).like_count == CommentLike.objects.filter(comment=comment).count() == 15
