"""Notification endpoints: inbox with filters and unread_count, mark read, read all, delete; settings respected."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townspark.models import Notification
from townspark.services.issues import issue_status_update
from townspark.services.notifications import notification_create
from townspark.tests.conftest import API
from townspark.tests.helpers import deleted, error, ok_data, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(citizen, resolver, issue):
    issue_status_update(issue=issue, status="acknowledged", actor=resolver)  # status_update
    issue_status_update(issue=issue, status="resolved", actor=resolver)  # resolution
    notification_create(user=citizen, type="system", title="Welcome", message="Hello")
    return Notification.objects.filter(user=citizen)


class TestList:
    def test_shape_and_unread_count(self, citizen_client, inbox, resolver, issue):
        data = page(citizen_client.get(API + "notifications/"))
        assert data["count"] == 3 and data["unread_count"] == 3
        newest = data["results"][0]
        # createdAt: superset for the TownSpark frontend (issue #15)
        assert set(newest) == {"id", "type", "title", "message", "issue", "actor", "read", "created_at", "createdAt"}
        status_update = next(n for n in data["results"] if n["type"] == "status_update")
        assert status_update["issue"] == {"id": issue.id, "title": issue.title}
        assert status_update["actor"] == {"id": str(resolver.uuid), "name": "Rex Resolver", "avatar": None}
        assert status_update["message"] == f"Your issue '{issue.title}' has been acknowledged by Public Works."

    def test_filters(self, citizen_client, inbox):
        first = inbox.order_by("created_at").first()
        citizen_client.patch(API + f"notifications/{first.pk}/read/")
        assert page(citizen_client.get(API + "notifications/?read=true"))["count"] == 1
        unread = page(citizen_client.get(API + "notifications/?read=false"))
        assert unread["count"] == 2 and unread["unread_count"] == 2
        assert [n["type"] for n in page(citizen_client.get(API + "notifications/?type=resolution"))["results"]] == [
            "resolution"
        ]
        error(citizen_client.get(API + "notifications/?type=bogus"), 400, "VALIDATION_ERROR")

    def test_only_my_own(self, client_for, other_citizen, inbox):
        assert page(client_for(other_citizen).get(API + "notifications/"))["count"] == 0

    def test_unauthenticated(self, api_client):
        error(api_client.get(API + "notifications/"), 401, "AUTHENTICATION_REQUIRED")

    def test_query_count_is_flat(self, citizen_client, citizen, resolver, issue):
        for n in range(12):
            notification_create(
                user=citizen, type="status_update", title=f"T{n}", message="m", issue=issue, actor=resolver
            )
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                assert len(page(citizen_client.get(API + f"notifications/?page_size={size}"))["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]


class TestActions:
    def test_mark_read(self, citizen_client, inbox):
        target = inbox.first()
        response = citizen_client.patch(API + f"notifications/{target.pk}/read/")
        assert ok_data(response)["read"] is True and response.json()["message"] == "Notification marked as read"
        assert page(citizen_client.get(API + "notifications/"))["unread_count"] == 2

    def test_read_all(self, citizen_client, inbox):
        assert ok_data(citizen_client.post(API + "notifications/read-all/")) == {"marked_read": 3, "unread_count": 0}
        assert page(citizen_client.get(API + "notifications/"))["unread_count"] == 0

    def test_delete(self, citizen_client, inbox):
        target = inbox.first()
        assert deleted(citizen_client.delete(API + f"notifications/{target.pk}/")) == (
            "Notification deleted successfully",
            {"detail": "Notification deleted."},
        )
        assert not Notification.objects.filter(pk=target.pk).exists()

    def test_other_users_notification_is_not_found(self, client_for, other_citizen, inbox):
        client = client_for(other_citizen)
        target = inbox.first()
        error(client.patch(API + f"notifications/{target.pk}/read/"), 404, "NOT_FOUND")
        error(client.delete(API + f"notifications/{target.pk}/"), 404, "NOT_FOUND")
        error(client.patch(API + f"notifications/{uuid.uuid4()}/read/"), 404, "NOT_FOUND")

    def test_unauthenticated(self, api_client, inbox):
        target = inbox.first()
        error(api_client.patch(API + f"notifications/{target.pk}/read/"), 401, "AUTHENTICATION_REQUIRED")
        error(api_client.post(API + "notifications/read-all/"), 401, "AUTHENTICATION_REQUIRED")
        error(api_client.delete(API + f"notifications/{target.pk}/"), 401, "AUTHENTICATION_REQUIRED")


def test_settings_silence_a_type(citizen_client, citizen, resolver, issue):
    citizen_client.patch(API + "users/me/settings/", {"notifications": {"status_updates": False}}, format="json")
    issue_status_update(issue=issue, status="acknowledged", actor=resolver)
    assert not Notification.objects.filter(user=citizen, type="status_update").exists()


def test_important_notifications_are_emailed_unless_switched_off(
    citizen_client, citizen, resolver, issue, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        issue_status_update(issue=issue, status="acknowledged", actor=resolver)
    assert [m.to for m in mail.outbox] == [[citizen.email]] and "Status Update" in mail.outbox[0].subject
    citizen_client.patch(API + "users/me/settings/", {"notifications": {"email": False}}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        issue_status_update(issue=issue, status="resolved", actor=resolver)
    assert len(mail.outbox) == 1
