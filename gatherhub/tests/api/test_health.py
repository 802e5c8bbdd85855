"""Health under /gatherhub/health/: the four probes in the documented shapes (served by the core)."""

import pytest

from gatherhub.tests.conftest import TIMESTAMP

pytestmark = pytest.mark.django_db

HEALTH = "/gatherhub/health/"


def test_health(api_client):
    body = api_client.get(HEALTH).json()
    assert set(body) == {"status", "timestamp", "version"} and body["status"] == "healthy"
    assert TIMESTAMP.match(body["timestamp"])


def test_ready(api_client):
    response = api_client.get(HEALTH + "ready/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "checks", "total_latency_ms"}
    assert set(body["checks"]) == {"database", "redis", "channels"}
    assert all(check["status"] == "healthy" for check in body["checks"].values())


def test_live(api_client):
    body = api_client.get(HEALTH + "live/").json()
    assert body["status"] == "alive" and body["django_ready"] is True


def test_status(api_client):
    body = api_client.get(HEALTH + "status/").json()
    assert {
        "status",
        "timestamp",
        "uptime_check_ms",
        "system",
        "database",
        "cache",
        "debug_mode",
        "allowed_hosts",
    } <= set(body)
    assert body["database"]["status"] == "connected"
