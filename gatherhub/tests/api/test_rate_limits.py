"""Rate limits: X-RateLimit-* headers on every API response and the documented 429, configurable per audience."""

import uuid
from datetime import datetime

import pytest

from gatherhub.tests.conftest import API, TIMESTAMP, assert_error

pytestmark = pytest.mark.django_db

EVENTS = API + "events/"
LOGIN = API + "auth/login/"


def fresh_address() -> str:
    """A client address no earlier request (nor an earlier run, on a shared Redis cache) has used."""
    raw = uuid.uuid4().bytes
    return f"10.{raw[0]}.{raw[1]}.{raw[2]}"


def limits(response) -> tuple[int, int, int]:
    return (
        int(response["X-RateLimit-Limit"]),
        int(response["X-RateLimit-Remaining"]),
        int(response["X-RateLimit-Reset"]),
    )


def test_authenticated_requests_count_down_then_429(settings, client_for, alice):
    settings.GATHERHUB_RATE_LIMIT_USER = "3/minute"
    client = client_for(alice)
    seen = [limits(client.get(EVENTS)) for _ in range(3)]
    assert [(limit, remaining) for limit, remaining, _ in seen] == [(3, 2), (3, 1), (3, 0)]
    assert all(reset >= int(datetime.now().timestamp()) for _, _, reset in seen)  # noqa: DTZ005

    response = client.get(EVENTS)
    body = assert_error(response, 429, "rate_limit_exceeded")
    assert body["message"].startswith("Rate limit exceeded. Try again in ") and body["message"].endswith(" seconds.")
    assert body["details"]["limit"] == 3 and body["details"]["window"] == "1 minute"
    assert TIMESTAMP.match(body["details"]["reset_at"])
    assert limits(response)[:2] == (3, 0)
    assert 1 <= int(response["Retry-After"]) <= 60


def test_each_account_has_its_own_budget(settings, client_for, alice, bob):
    settings.GATHERHUB_RATE_LIMIT_USER = "1/minute"
    assert client_for(alice).get(EVENTS).status_code == 200
    assert client_for(alice).get(EVENTS).status_code == 429
    assert client_for(bob).get(EVENTS).status_code == 200


def test_anonymous_requests_are_limited_per_address(settings, api_client, alice):
    settings.GATHERHUB_RATE_LIMIT_ANON = "2/hour"
    address = fresh_address()
    payload = {"username": "alice", "password": "wrong"}
    first = api_client.post(LOGIN, payload, format="json", REMOTE_ADDR=address)
    assert first.status_code == 400 and limits(first)[:2] == (2, 1)
    api_client.post(LOGIN, payload, format="json", REMOTE_ADDR=address)
    body = assert_error(api_client.post(LOGIN, payload, format="json", REMOTE_ADDR=address), 429, "rate_limit_exceeded")
    assert body["details"]["window"] == "1 hour"
    assert api_client.post(LOGIN, payload, format="json", REMOTE_ADDR=fresh_address()).status_code == 400


def test_refused_requests_still_carry_the_headers(settings, api_client):
    settings.GATHERHUB_RATE_LIMIT_ANON = "7/minute"
    response = api_client.get(EVENTS, REMOTE_ADDR=fresh_address())
    assert response.status_code == 401
    assert limits(response)[:2] == (7, 7)


def test_limits_come_from_the_environment_with_defaults(settings, monkeypatch, client_for, alice, bob):
    del settings.GATHERHUB_RATE_LIMIT_USER
    monkeypatch.delenv("GATHERHUB_RATE_LIMIT_USER", raising=False)
    assert limits(client_for(alice).get(EVENTS))[0] == 1000
    monkeypatch.setenv("GATHERHUB_RATE_LIMIT_USER", "5/second")
    assert limits(client_for(bob).get(EVENTS))[:2] == (5, 4)


def test_a_limit_can_be_switched_off(settings, client_for, alice):
    settings.GATHERHUB_RATE_LIMIT_USER = "off"
    response = client_for(alice).get(EVENTS)
    assert response.status_code == 200 and "X-RateLimit-Limit" not in response
