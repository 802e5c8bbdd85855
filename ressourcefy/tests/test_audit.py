"""The audit trail: django-auditlog wired for Ressourcefy (actor of JWT requests, realm filter, masked
passwords), `audit_action`, the read-only Django admin, and a platform without Ressourcefy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from ressourcefy.models import Resource, Tag
from ressourcefy.selectors.audit import activity_id, activity_row, audit_entries_recent
from ressourcefy.services.audit import audit_action
from ressourcefy.tests.conftest import API

pytestmark = pytest.mark.django_db
User = get_user_model()


def entries_for(instance):
    return LogEntry.objects.get_for_object(instance).order_by("timestamp", "pk")


def test_a_jwt_request_names_its_actor(client_for, contributor, tags):
    body = {"title": "Audited", "description": "d", "visibility": "public", "tag_ids": [str(tags[0].pk)]}
    response = client_for(contributor).post(
        API + "resources/",
        body,
        format="json",
        HTTP_X_CORRELATION_ID="req-42",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_PORT="4431",
    )
    assert response.status_code == 201, response.content
    resource = Resource.objects.get(title="Audited")
    created = entries_for(resource).first()
    assert created.action == LogEntry.Action.CREATE
    assert created.actor == contributor and created.actor_email == contributor.email
    assert created.additional_data is None  # no impersonation
    # What auditlog's own middleware records of the request: its address, port and correlation id.
    assert created.remote_addr == "203.0.113.9" and created.cid == "req-42"
    assert created.remote_port == 4431


def test_the_address_does_not_outlive_its_request(client_for, contributor, tags):
    client_for(contributor).get(API + "user/me/", REMOTE_ADDR="203.0.113.9")
    entry = entries_for(Tag.objects.create(name="After", slug="after")).get()
    assert entry.actor is None and entry.remote_addr is None


def test_the_actor_does_not_outlive_its_request(client_for, contributor, tags):
    client_for(contributor).get(API + "user/me/")
    tag = Tag.objects.create(name="Outside", slug="outside")
    assert entries_for(tag).get().actor is None


def test_only_accounts_of_our_realm_are_recorded(make_account):
    ours = make_account("ressourcefy", email="ours@example.com")
    theirs = make_account("townspark", email="theirs@example.com")
    ours.set_password("Another-pass-1")
    ours.save()
    assert entries_for(theirs).count() == 0
    changed = entries_for(ours).last()
    assert changed.action == LogEntry.Action.UPDATE
    old, new = changed.changes_dict["password"]
    assert "Another-pass-1" not in new and new.startswith("*") and new != old  # masked, never the hash


def test_audit_action_records_before_and_after(superadmin, tags):
    entry = audit_action(
        action="tag.merge",
        target=tags[0],
        description="Merged django into python",
        before={"resources": 1},
        after={"resources": 3},
        actor=superadmin,
    )
    entry.refresh_from_db()
    assert entry.content_type == ContentType.objects.get_for_model(Tag) and entry.object_pk == str(tags[0].pk)
    assert entry.actor == superadmin
    assert entry.additional_data == {
        "action": "tag.merge",
        "description": "Merged django into python",
        "before": {"resources": 1},
        "after": {"resources": 3},
    }
    assert entry.changes_dict == {"resources": ["1", "3"]}
    row = activity_row(audit_entries_recent(limit=1)[0])
    assert row == {
        "id": activity_id(entry.pk),
        "timestamp": entry.timestamp,
        "actor_email": superadmin.email,
        "impersonator_email": None,
        "action": "tag.merge",
        "entity_name": "Tag",
        "object_id": str(tags[0].pk),
        "description": "Merged django into python",
    }


def test_activity_ids_are_stable_uuids():
    assert activity_id(7) == activity_id(7) != activity_id(8)
    assert activity_id(7).version == 5


def test_recent_entries_are_ressourcefy_only(make_account, tags):
    make_account("townspark", email="theirs@example.com")
    rows = [activity_row(entry) for entry in audit_entries_recent(limit=100)]
    assert rows and {row["entity_name"] for row in rows} <= {"Tag", "User", "Profile"}
    assert all("theirs" not in row["description"] for row in rows)


def test_django_admin_shows_entries_read_only(tags):
    User.objects.create_superuser("ops@example.com", "Operator-pass-1")
    client = Client()
    client.force_login(User.objects.get(email="ops@example.com", realm=""))
    listing = client.get("/admin/auditlog/logentry/")
    assert listing.status_code == 200 and b"python" in listing.content
    assert client.get("/admin/auditlog/logentry/add/").status_code == 403
    entry = LogEntry.objects.first()
    page = client.post(f"/admin/auditlog/logentry/{entry.pk}/change/", {"object_repr": "forged"})
    assert page.status_code in (200, 403)
    entry.refresh_from_db()
    assert entry.object_repr != "forged"


def test_the_platform_runs_without_ressourcefy():
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "ENABLED_PRODUCTS": "townspark,parking", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_django_admin_changes_name_the_operator(tags):
    operator = User.objects.create_superuser("ops@example.com", "Operator-pass-1")
    client = Client()
    client.force_login(operator)
    tag = tags[0]
    response = client.post(f"/admin/ressourcefy/tag/{tag.pk}/change/", {"name": "Python 3", "slug": "python"})
    assert response.status_code == 302, response.content
    changed = entries_for(tag).last()
    assert changed.action == LogEntry.Action.UPDATE and changed.actor == operator
    assert changed.changes_dict["name"] == ["python", "Python 3"]
