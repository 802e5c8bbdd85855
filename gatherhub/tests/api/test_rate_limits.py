"""Rate limits: X-RateLimit-* headers on every API response and the documented 429, configurable per audience."""

import time
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.testing.throttles import allowed_in_parallel, stop_throttle_clock
from gatherhub.api.throttling import GatherHubAnonThrottle, GatherHubUserThrottle
from gatherhub.tests.conftest import API, TIMESTAMP, assert_error

pytestmark = pytest.mark.django_db

EVENTS = API + "events/"
LOGIN = API + "auth/login/"
REGISTER = API + "auth/register/"

# The limits count in windows aligned to the clock: the tests stop it 20.5 s into a minute, so no
# window ends inside a test and each 429 has a known wait.
MINUTE_START = int(time.time()) // 60 * 60
NOW = MINUTE_START + 20.5
MINUTE_END = MINUTE_START + 60
MINUTE_END_AT = datetime.fromtimestamp(MINUTE_END, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch):
    # Counters are keyed by account id, and a shared Redis outlives the test database and its ids.
    cache.clear()
    stop_throttle_clock(monkeypatch, NOW)


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
    assert seen == [(3, 2, MINUTE_END), (3, 1, MINUTE_END), (3, 0, MINUTE_END)]

    response = client.get(EVENTS)
    body = assert_error(response, 429, "rate_limit_exceeded")
    assert body["message"].startswith("Rate limit exceeded. Try again in ") and body["message"].endswith(" seconds.")
    assert body["details"]["limit"] == 3 and body["details"]["window"] == "1 minute"
    assert TIMESTAMP.match(body["details"]["reset_at"])
    assert limits(response) == (3, 0, MINUTE_END)
    assert response["Retry-After"] == "40"


def test_the_429_body_is_the_documented_one(settings, client_for, alice):
    settings.GATHERHUB_RATE_LIMIT_USER = "1/minute"
    client = client_for(alice)
    client.get(EVENTS)
    body = client.get(EVENTS).json()
    assert body == {
        "error": "rate_limit_exceeded",
        "message": "Rate limit exceeded. Try again in 40 seconds.",
        "details": {"limit": 1, "window": "1 minute", "reset_at": MINUTE_END_AT},
        "timestamp": body["timestamp"],
    }
    assert TIMESTAMP.match(body["timestamp"])


def test_login_and_register_are_also_under_the_auth_rate_limit(settings, api_client, alice):
    settings.GATHERHUB_RATE_LIMIT_ANON = "100/minute"
    settings.AUTH_RATE_LIMIT = "3/minute"
    address = fresh_address()
    wrong = {"username": "alice", "password": "wrong"}
    attempts = [
        api_client.post(LOGIN, wrong, format="json", REMOTE_ADDR=address),
        api_client.post(REGISTER, {"username": "x"}, format="json", REMOTE_ADDR=address),
        api_client.post(LOGIN, wrong, format="json", REMOTE_ADDR=address),
    ]
    assert [response.status_code for response in attempts] == [400, 400, 400]
    # The headers show the limit nearest to refusing: 3 per minute, not GatherHub's 100.
    assert [limits(response) for response in attempts] == [(3, 2, MINUTE_END), (3, 1, MINUTE_END), (3, 0, MINUTE_END)]

    for refused in (
        api_client.post(LOGIN, wrong, format="json", REMOTE_ADDR=address),
        api_client.post(REGISTER, {"username": "x"}, format="json", REMOTE_ADDR=address),
    ):
        body = assert_error(refused, 429, "rate_limit_exceeded")
        assert body["message"] == "Rate limit exceeded. Try again in 40 seconds."
        assert body["details"] == {"limit": 3, "window": "1 minute", "reset_at": MINUTE_END_AT}
        assert refused["Retry-After"] == "40"
    # Per address: another client is not locked out.
    assert api_client.post(LOGIN, wrong, format="json", REMOTE_ADDR=fresh_address()).status_code == 400


def test_other_endpoints_are_not_under_the_auth_rate_limit(settings, api_client):
    settings.AUTH_RATE_LIMIT = "1/minute"
    address = fresh_address()
    statuses = [api_client.get(EVENTS, REMOTE_ADDR=address).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]


@pytest.mark.parametrize(
    ("throttle", "setting", "limit", "clients", "attempts"),
    [
        (GatherHubUserThrottle, "GATHERHUB_RATE_LIMIT_USER", 1000, 16, 94),
        (GatherHubAnonThrottle, "GATHERHUB_RATE_LIMIT_ANON", 100, 16, 13),
    ],
)
def test_parallel_clients_get_exactly_the_limit(settings, throttle, setting, limit, clients, attempts):
    setattr(settings, setting, f"{limit}/minute")
    for _ in range(5):  # a lost update shows up in some rounds, not every one
        raw = uuid.uuid4().bytes
        request = Request(APIRequestFactory().get(EVENTS, REMOTE_ADDR=f"10.{raw[0]}.{raw[1]}.{raw[2]}"))
        if throttle is GatherHubUserThrottle:
            request.user = SimpleNamespace(is_authenticated=True, pk=uuid.uuid4())
        assert allowed_in_parallel(throttle, request, clients=clients, attempts=attempts) == limit


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
