"""Health probes against real dependencies: shapes, 503 when Redis or the channel layer is down, JSON 405s."""

import os
import re
import socket
import time

import pytest
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from django.core.cache import caches
from django.test import override_settings
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from core.health import checks
from core.health.urls import gatherhub_style_urlpatterns, ressourcefy_style_urlpatterns

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
REAL_REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Port 1 on loopback: nothing listens there, so every connection is refused at once.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"
SHORT_TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}

# This module doubles as a URLconf (`pytest.mark.urls`) mounting the helpers where products will.
urlpatterns = [
    path("health/", include("core.health.urls")),
    path("gatherhub/health/", include(gatherhub_style_urlpatterns())),
    path("ressourcefy/api/health/", include(ressourcefy_style_urlpatterns())),
]


def redis_cache(url: str) -> dict:
    return {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": SHORT_TIMEOUTS}}


def redis_channel_layer(url: str) -> dict:
    return {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}}


@pytest.fixture
def dead_redis():
    with override_settings(CACHES=redis_cache(DEAD_REDIS_URL), CHANNEL_LAYERS=redis_channel_layer(DEAD_REDIS_URL)):
        yield


@pytest.fixture
def real_redis():
    with override_settings(CACHES=redis_cache(REAL_REDIS_URL), CHANNEL_LAYERS=redis_channel_layer(REAL_REDIS_URL)):
        yield


@pytest.fixture
def silent_redis_url():
    """A local socket that accepts connections and never answers: a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


def assert_check(result: dict, status: str) -> None:
    assert result["status"] == status
    assert isinstance(result["latency_ms"], float)
    assert result["latency_ms"] == round(result["latency_ms"], 1)
    if status == "healthy":
        assert "error" not in result
    else:
        assert result["error"] and "Traceback" not in result["error"]


# --- Basic and liveness -------------------------------------------------------


def test_health_reports_version(client, settings):
    settings.APP_VERSION = "9.8.7"
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "timestamp", "version"}
    assert body["status"] == "healthy" and body["version"] == "9.8.7"
    assert TIMESTAMP.match(body["timestamp"])


def test_liveness(client):
    response = client.get("/health/live/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "django_ready"}
    assert body["status"] == "alive" and body["django_ready"] is True
    assert TIMESTAMP.match(body["timestamp"])


# --- Readiness ----------------------------------------------------------------


@pytest.mark.django_db
def test_readiness_healthy_with_default_services(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "checks", "total_latency_ms"}
    assert body["status"] == "healthy"
    assert TIMESTAMP.match(body["timestamp"])
    assert set(body["checks"]) == {"database", "redis", "channels"}
    for result in body["checks"].values():
        assert_check(result, "healthy")
    expected_total = round(sum(result["latency_ms"] for result in body["checks"].values()), 1)
    assert body["total_latency_ms"] == pytest.approx(expected_total)


@pytest.mark.django_db
def test_readiness_healthy_against_real_redis(client, real_redis):
    assert isinstance(get_channel_layer(), RedisChannelLayer)
    # Twice: each probe runs in its own event loop, and the layer must not keep a dead loop's pool.
    for _ in range(2):
        response = client.get("/health/ready/")
        assert response.status_code == 200, response.json()
        assert {result["status"] for result in response.json()["checks"].values()} == {"healthy"}


@pytest.mark.django_db
def test_readiness_503_names_the_dead_redis_checks(client, dead_redis):
    assert isinstance(get_channel_layer(), RedisChannelLayer)
    started = time.perf_counter()
    response = client.get("/health/ready/")
    assert time.perf_counter() - started < 5
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "unhealthy"
    assert TIMESTAMP.match(body["timestamp"])
    assert_check(body["checks"]["database"], "healthy")
    assert_check(body["checks"]["redis"], "unhealthy")
    assert_check(body["checks"]["channels"], "unhealthy")
    assert "127.0.0.1:1" in body["checks"]["redis"]["error"]


@pytest.mark.django_db
def test_readiness_503_when_only_the_channel_layer_is_down(client):
    with override_settings(CHANNEL_LAYERS=redis_channel_layer(DEAD_REDIS_URL)):
        response = client.get("/health/ready/")
    assert response.status_code == 503
    failing = {name for name, result in response.json()["checks"].items() if result["status"] == "unhealthy"}
    assert failing == {"channels"}


@pytest.mark.django_db
def test_dependencies_come_back_after_the_outage(client, dead_redis):
    assert client.get("/health/ready/").status_code == 503
    with override_settings(CACHES=redis_cache(REAL_REDIS_URL), CHANNEL_LAYERS=redis_channel_layer(REAL_REDIS_URL)):
        assert client.get("/health/ready/").status_code == 200


def test_hung_redis_times_out_instead_of_hanging(silent_redis_url):
    with override_settings(CACHES=redis_cache(silent_redis_url), CHANNEL_LAYERS=redis_channel_layer(silent_redis_url)):
        started = time.perf_counter()
        cache_result = checks.check_cache()
        channels_result = checks.check_channel_layer()
    assert time.perf_counter() - started < checks.CHANNEL_TIMEOUT_SECONDS + 3
    assert not cache_result.healthy and "Timeout" in cache_result.error
    assert not channels_result.healthy and "Timeout" in channels_result.error


def test_missing_channel_layer_is_unhealthy():
    with override_settings(CHANNEL_LAYERS={}):
        result = checks.check_channel_layer()
    assert not result.healthy and "no channel layer" in result.error


def test_cache_probe_leaves_no_key_behind(real_redis):
    assert checks.check_cache().healthy
    assert not list(caches["default"].iter_keys("health:probe:*"))


# --- Status dashboard ---------------------------------------------------------


@pytest.mark.django_db
def test_status_dashboard(client, settings):
    settings.ENVIRONMENT = "staging"
    response = client.get("/health/status/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "status",
        "timestamp",
        "uptime_check_ms",
        "system",
        "database",
        "cache",
        "debug_mode",
        "allowed_hosts",
    }
    assert body["status"] == "ok" and TIMESTAMP.match(body["timestamp"])
    assert isinstance(body["uptime_check_ms"], float)
    assert set(body["system"]) == {"python_version", "platform", "django_version", "environment"}
    assert body["system"]["environment"] == "staging"
    database = body["database"]
    assert database["status"] == "connected"
    assert re.match(r"^(PostgreSQL|SQLite) \d+\.\d+", database["version"])
    assert isinstance(database["table_count"], int) and database["table_count"] > 0
    assert body["cache"]["status"] == "working"
    assert body["debug_mode"] is False
    assert body["allowed_hosts"] == list(settings.ALLOWED_HOSTS)


@pytest.mark.django_db
def test_status_dashboard_names_the_backend_and_a_failing_cache(client, dead_redis):
    response = client.get("/health/status/")
    assert response.status_code == 200
    assert response.json()["cache"] == {"status": "failing", "backend": "redis"}


@pytest.mark.django_db
def test_status_dashboard_with_local_memory_cache(client):
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        response = client.get("/health/status/")
    assert response.json()["cache"] == {"status": "working", "backend": "locmem"}


# --- Methods ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/health/", "/health/live/", "/health/ready/", "/health/status/"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_and_head_are_allowed(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == "method_not_allowed" and TIMESTAMP.match(body["timestamp"])


@pytest.mark.django_db
def test_head_answers_without_a_body(client):
    response = client.head("/health/ready/")
    assert response.status_code == 200
    assert response.content == b""


# --- Product-shaped routes ----------------------------------------------------


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_gatherhub_style_routes(client):
    assert client.get("/gatherhub/health/").json()["status"] == "healthy"
    assert client.get("/gatherhub/health/live/").json()["status"] == "alive"
    assert client.get("/gatherhub/health/ready/").json()["status"] == "healthy"
    assert client.get("/gatherhub/health/status/").json()["status"] == "ok"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_ressourcefy_style_routes(client):
    live = client.get("/ressourcefy/api/health/live/")
    ready = client.get("/ressourcefy/api/health/ready/")
    assert (live.status_code, live.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ok"})


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_ressourcefy_style_readiness_unavailable(client, dead_redis):
    response = client.get("/ressourcefy/api/health/ready/")
    assert (response.status_code, response.json()) == (503, {"status": "unavailable"})


@pytest.mark.urls(__name__)
def test_ressourcefy_style_405_uses_ressourcefy_errors(client):
    response = client.post("/ressourcefy/api/health/live/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_schema_builds_without_warnings():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "drf-spectacular warned about the health views"
    ready = schema["paths"]["/health/ready/"]["get"]["responses"]
    assert {"200", "503"} <= set(ready)
    assert ready["503"]["content"]["application/json"]["schema"]["properties"]["checks"]
