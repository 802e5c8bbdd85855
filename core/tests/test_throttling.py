"""The fixed-window counter under AUTH_RATE_LIMIT: exact with parallel clients, on the suite's cache (Redis too)."""

import time
import uuid

import pytest
from django.core.cache import caches
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api.throttling import AuthEndpointThrottle
from core.testing.throttles import allowed_in_parallel, stop_throttle_clock

LOGIN = "/townspark/api/v1/auth/login/"
MID_WINDOW = (int(time.time()) // 3600) * 3600 + 20.5  # 20.5 s into a minute (and an hour)


def login_request(address: str | None = None) -> Request:
    raw = uuid.uuid4().bytes
    return Request(APIRequestFactory().post(LOGIN, REMOTE_ADDR=address or f"10.{raw[0]}.{raw[1]}.{raw[2]}"))


@pytest.fixture
def stopped_clock(monkeypatch):
    stop_throttle_clock(monkeypatch, MID_WINDOW)


@pytest.mark.parametrize(("limit", "clients", "attempts"), [(30, 16, 4), (100, 16, 13)])
def test_parallel_clients_get_exactly_the_limit(settings, stopped_clock, limit, clients, attempts):
    settings.AUTH_RATE_LIMIT = f"{limit}/minute"
    for _ in range(10):  # a lost update shows up in some rounds, not every one
        assert allowed_in_parallel(AuthEndpointThrottle, login_request(), clients=clients, attempts=attempts) == limit


def test_the_counter_starts_again_with_the_next_window(settings, monkeypatch):
    settings.AUTH_RATE_LIMIT = "2/minute"
    request = login_request()
    stop_throttle_clock(monkeypatch, MID_WINDOW)
    throttles = [AuthEndpointThrottle() for _ in range(3)]
    assert [throttle.allow_request(request, None) for throttle in throttles] == [True, True, False]
    assert throttles[-1].wait() == 60 - 20.5  # until the minute ends, not a minute after the first attempt

    stop_throttle_clock(monkeypatch, MID_WINDOW + 39)
    assert AuthEndpointThrottle().allow_request(request, None) is False
    stop_throttle_clock(monkeypatch, MID_WINDOW + 40)
    assert AuthEndpointThrottle().allow_request(request, None) is True


def test_the_count_is_kept_in_the_shared_cache(settings, stopped_clock):
    # The per-process "local" cache would give every worker process a budget of its own.
    settings.AUTH_RATE_LIMIT = "5/minute"
    request = login_request()
    AuthEndpointThrottle().allow_request(request, None)
    caches["local"].clear()
    assert [AuthEndpointThrottle().allow_request(request, None) for _ in range(5)] == [True] * 4 + [False]


def test_off_lets_everything_through(settings):
    settings.AUTH_RATE_LIMIT = "off"
    request = login_request()
    assert all(AuthEndpointThrottle().allow_request(request, None) for _ in range(100))
