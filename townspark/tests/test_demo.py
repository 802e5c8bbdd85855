"""seed_demo for TownSpark: demo logins, a year of consistent data, idempotent and fast."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F

from core.demo import DEMO_PASSWORD
from townspark.models import Comment, Issue, Notification, Upvote
from townspark.tests.conftest import API
from townspark.tests.helpers import ok_data, page

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_seed_demo(capsys, api_client):
    started = time.monotonic()
    call_command("seed_demo", "--product", "townspark")
    elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    for email in ("admin@townspark.demo", "resolver@townspark.demo", "citizen@townspark.demo"):
        assert email in out
    assert elapsed < 30
    assert Issue.objects.count() == 400
    assert Comment.objects.count() > 200 and Upvote.objects.count() > 400 and Notification.objects.count() > 300
    # Denormalised counters agree with the rows.
    assert not Issue.objects.annotate(n=Count("upvote_records")).exclude(n=F("upvote_count")).exists()
    assert not Issue.objects.annotate(n=Count("issue_comments")).exclude(n=F("comment_count")).exists()
    assert Issue.objects.filter(status="resolved", resolved_at__isnull=True).count() == 0

    call_command("seed_demo", "--product", "townspark")
    assert Issue.objects.count() == 400

    tokens = ok_data(
        api_client.post(
            API + "auth/login/", {"email": "citizen@townspark.demo", "password": DEMO_PASSWORD}, format="json"
        )
    )["tokens"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert page(api_client.get(API + "users/me/issues/"))["count"] > 5
    assert page(api_client.get(API + "notifications/"))["unread_count"] >= 0
    resolver_login = api_client.post(
        API + "auth/login/", {"email": "resolver@townspark.demo", "password": DEMO_PASSWORD}, format="json"
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {ok_data(resolver_login)['tokens']['access']}")
    assert ok_data(api_client.get(API + "resolver/dashboard/"))["stats"]["assigned"] > 0


SCALE = 0.002


def _fingerprint() -> dict:
    """The generated data, independent of ids and the clock: what must repeat from the same seed."""
    first = Issue.objects.order_by("number").values_list("number", flat=True).first()
    issues = Issue.objects.order_by("number").values_list(
        "number", "title", "reporter__email", "status", "area", "latitude", "upvote_count", "comment_count"
    )
    upvotes = Upvote.objects.values_list("user__email", "issue__number")
    comments = Comment.objects.values_list("issue__number", "author__email", "content", "parent__content")
    return {
        "issues": [(number - first, *rest) for number, *rest in issues],
        "upvotes": sorted((email, number - first) for email, number in upvotes),
        "comments": sorted((number - first, email, text, parent or "") for number, email, text, parent in comments),
        "notifications": sorted(Notification.objects.values_list("user__email", "type", "message")),
    }


def test_seed_demo_at_scale(capsys):
    from django.core.management.base import CommandError

    from townspark.demo import resident_email, scale_counts
    from townspark.models import Bookmark, IssueCounter

    counts = scale_counts(SCALE)
    assert counts == {
        "residents": 40, "issues": 200, "upvotes": 2000, "comments": 600, "notifications": 400, "bookmarks": 40,
    }  # fmt: skip
    assert scale_counts(2 * SCALE) == {key: 2 * value for key, value in counts.items()}  # linear in N

    call_command("seed_demo", "--product", "townspark", "--scale", str(SCALE))
    assert "citizen@townspark.demo" in capsys.readouterr().out
    residents = User.objects.filter(realm="townspark", email__startswith="resident")
    assert residents.count() == 40 and residents.filter(email=resident_email(39)).exists()
    assert Issue.objects.count() == 200 and Upvote.objects.count() == 2000 and Comment.objects.count() == 600
    assert Notification.objects.count() == 400 and Bookmark.objects.count() == 40
    # Counters recounted from the rows; issue numbers taken from the counter, which is left after them.
    assert not Issue.objects.annotate(n=Count("upvote_records")).exclude(n=F("upvote_count")).exists()
    assert not Issue.objects.annotate(n=Count("issue_comments")).exclude(n=F("comment_count")).exists()
    numbers = list(Issue.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 200))
    assert IssueCounter.objects.get(name="issue").value == numbers[-1]
    assert all(issue_id == f"TS-{number}" for issue_id, number in Issue.objects.values_list("id", "number"))
    # What the benchmark scenarios need: a busy issue, a demo citizen with notifications, issues and upvotes.
    busiest = Issue.objects.order_by("-comment_count").first()
    assert busiest.comment_count >= 6 and Comment.objects.filter(issue=busiest, parent__isnull=False).exists()
    assert not Comment.objects.filter(parent__isnull=False, root__isnull=True).exists()
    assert not Comment.objects.filter(root__isnull=False).exclude(root__issue=F("issue")).exists()
    citizen = User.objects.get(realm="townspark", email="citizen@townspark.demo")
    assert Notification.objects.filter(user=citizen).count() >= 20
    assert Issue.objects.filter(reporter=citizen).exists() and Upvote.objects.filter(user=citizen).exists()
    assert Issue.objects.filter(status="resolved", resolved_at__isnull=True).count() == 0
    assert len(set(Issue.objects.values_list("area", flat=True))) > 20  # spread over the region's districts

    seeded = _fingerprint()
    call_command("seed_demo", "--product", "townspark", "--scale", str(SCALE))  # idempotent
    assert Issue.objects.count() == 200 and Upvote.objects.count() == 2000 and residents.count() == 40
    with pytest.raises(CommandError, match="another scale"):
        call_command("seed_demo", "--product", "townspark", "--scale", str(2 * SCALE))

    Issue.objects.all().delete()  # deterministic: the same data again from scratch
    residents.delete()
    call_command("seed_demo", "--product", "townspark", "--scale", str(SCALE))
    assert _fingerprint() == seeded
