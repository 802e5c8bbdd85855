"""health/live/ and health/ready/: the document's bare `{status}` bodies; ready fails on an old outbox backlog."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ressourcefy.models import OutboxEvent
from ressourcefy.services.outbox import outbox_record
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
LIVE, READY = API + "health/live/", API + "health/ready/"


def waiting_event(age: timedelta) -> OutboxEvent:
    with transaction.atomic():
        event = outbox_record(event_type="test.waiting", aggregate_type="test", aggregate_id="1")
    OutboxEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - age)
    return event


def test_live_is_ok(api_client):
    response = api_client.get(LIVE)
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_is_ok_with_a_young_backlog(api_client):
    waiting_event(timedelta(seconds=30))
    response = api_client.get(READY)
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_is_unavailable_when_the_outbox_lags(api_client, settings):
    settings.RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS = 60
    event = waiting_event(timedelta(seconds=61))
    response = api_client.get(READY)
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})
    OutboxEvent.objects.filter(pk=event.pk).update(published_at=timezone.now())  # the relay caught up
    assert api_client.get(READY).status_code == 200


def test_the_default_limit_is_300_seconds(api_client):
    waiting_event(timedelta(seconds=290))
    assert api_client.get(READY).status_code == 200
    waiting_event(timedelta(seconds=310))
    assert api_client.get(READY).status_code == 503


def test_ready_is_unavailable_when_the_database_is_unreachable(api_client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(CursorWrapper, "execute", unreachable)
    response = api_client.get(READY)
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})


def test_health_refuses_other_methods_in_the_one_error_format(api_client):
    assert_error(api_client.post(LIVE), 405)
