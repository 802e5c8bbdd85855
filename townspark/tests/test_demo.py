"""seed_demo for TownSpark: demo logins, a year of consistent data, idempotent and fast."""

import time

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from core.demo import DEMO_PASSWORD
from townspark.models import Comment, Issue, Notification, Upvote
from townspark.tests.conftest import API
from townspark.tests.helpers import ok_data, page

pytestmark = pytest.mark.django_db


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
