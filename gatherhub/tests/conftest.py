"""GatherHub test fixtures: accounts of the realm, events made through the services, the error-body check."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gatherhub.services.events import event_create, event_join

API = "/gatherhub/api/v1/"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Rate limits out of the way; the rate-limit tests set their own."""
    settings.GATHERHUB_RATE_LIMIT_ANON = "100000/minute"
    settings.GATHERHUB_RATE_LIMIT_USER = "100000/minute"


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The documented error body: exactly {error, message, details, timestamp}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "message", "details", "timestamp"}, body
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    assert TIMESTAMP.match(body["timestamp"])
    if code is not None:
        assert body["error"] == code, body
    return body


@pytest.fixture
def account(make_account):
    """account("alice") -> a GatherHub account with that username, e-mail alice@example.com and name "Alice Tester"."""

    def make(username: str, **fields):
        fields.setdefault("name", f"{username.title()} Tester")
        return make_account("gatherhub", email=f"{username}@example.com", username=username, **fields)

    return make


@pytest.fixture
def alice(account):
    return account("alice")


@pytest.fixture
def bob(account):
    return account("bob")


@pytest.fixture
def carol(account):
    return account("carol")


@pytest.fixture
def make_event(db):
    """make_event(creator, participants=[...], **fields) -> an event created and joined through the services."""

    def make(creator, *, participants=(), **fields):
        fields.setdefault("title", "Board games night")
        fields.setdefault("date", timezone.now() + timedelta(days=3))
        event = event_create(creator=creator, **fields)
        for user in participants:
            event = event_join(event_id=event.pk, user=user)
        return event

    return make
