"""Dependency probes behind the health endpoints: the database, the cache (Redis) and the channel layer."""

import asyncio
import logging
import platform
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import django
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection

logger = logging.getLogger(__name__)

HEALTHY = "healthy"
UNHEALTHY = "unhealthy"
CHANNEL_TIMEOUT_SECONDS = 2.0
# A probe key must outlive one probe only; the TTL cleans up after a failed delete.
CACHE_PROBE_TTL_SECONDS = 10
ERROR_MAX_LENGTH = 200


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one probe: `healthy` or `unhealthy`, how long it took, and why it failed."""

    status: str
    latency_ms: float
    error: str | None = None

    @property
    def healthy(self) -> bool:
        return self.status == HEALTHY

    def as_dict(self) -> dict:
        body = {"status": self.status, "latency_ms": self.latency_ms}
        if self.error is not None:
            body["error"] = self.error
        return body


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _describe(exc: Exception) -> str:
    """`ConnectionError: Error 111 connecting ...`: the class and message, never a traceback."""
    message = str(exc).strip()
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text[:ERROR_MAX_LENGTH]


def _timed(name: str, probe: Callable[[], None]) -> CheckResult:
    started = time.perf_counter()
    try:
        probe()
    # Any failure of a dependency (driver errors, timeouts, misconfiguration)
    # must read as "unhealthy", never escape as a 500.
    except Exception as exc:
        error = _describe(exc)
        logger.warning("Health check %s failed: %s", name, error)
        return CheckResult(UNHEALTHY, _elapsed_ms(started), error)
    return CheckResult(HEALTHY, _elapsed_ms(started))


# --- Probes ------------------------------------------------------------------


def _database_probe() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_probe() -> None:
    cache = caches["default"]
    # A fresh key per probe, so concurrent probes never read each other's value.
    key = f"health:probe:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=CACHE_PROBE_TTL_SECONDS)
    try:
        if cache.get(key) != value:
            raise RuntimeError("cache did not return the value just stored")
    finally:
        cache.delete(key)


async def _channel_round_trip(layer) -> None:
    channel = f"health.probe.{uuid.uuid4().hex}"
    nonce = uuid.uuid4().hex
    await layer.send(channel, {"type": "health.probe", "nonce": nonce})
    message = await layer.receive(channel)
    if message.get("nonce") != nonce:
        raise RuntimeError("channel layer returned a different message")


async def _channel_round_trip_with_timeout(layer) -> None:
    await asyncio.wait_for(_channel_round_trip(layer), timeout=CHANNEL_TIMEOUT_SECONDS)


def _channels_probe() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")
    try:
        async_to_sync(_channel_round_trip_with_timeout)(layer)
    except TimeoutError as exc:
        raise TimeoutError(f"no round trip within {CHANNEL_TIMEOUT_SECONDS:g} s") from exc


def check_database() -> CheckResult:
    return _timed("database", _database_probe)


def check_cache() -> CheckResult:
    return _timed("cache", _cache_probe)


def check_channel_layer() -> CheckResult:
    return _timed("channels", _channels_probe)


def readiness_checks() -> dict[str, CheckResult]:
    """Every readiness probe by the name the GatherHub spec gives it (the cache is Redis in production)."""
    return {
        "database": check_database(),
        "redis": check_cache(),
        "channels": check_channel_layer(),
    }


def all_healthy(checks: dict[str, CheckResult]) -> bool:
    return all(result.healthy for result in checks.values())


def total_latency_ms(checks: dict[str, CheckResult]) -> float:
    return round(sum(result.latency_ms for result in checks.values()), 1)


# --- Status dashboard --------------------------------------------------------


def django_ready() -> bool:
    return apps.ready


def system_summary() -> dict:
    return {
        "python_version": platform.python_version(),
        "platform": platform.system(),
        "django_version": django.get_version(),
        "environment": settings.ENVIRONMENT,
    }


def _database_version() -> str:
    """`PostgreSQL 15.19`, `SQLite 3.45.1`: the backend's display name and server version."""
    version = ".".join(str(part) for part in connection.get_database_version())
    return f"{connection.display_name} {version}"


def database_summary() -> dict:
    """`connected` with version and table count, or `disconnected` with both null."""
    try:
        return {
            "status": "connected",
            "version": _database_version(),
            "table_count": len(connection.introspection.table_names()),
        }
    # The dashboard reports an unreachable database; it must not become a 500.
    except Exception as exc:
        logger.warning("Health status could not read the database: %s", _describe(exc))
        return {"status": "disconnected", "version": None, "table_count": None}


def cache_backend_name() -> str:
    """`redis` for either Redis backend, otherwise the backend's module name (`locmem`, `dummy`, ...)."""
    # Read from settings rather than the cache object, which a broken configuration cannot build.
    backend = settings.CACHES["default"]["BACKEND"]
    if "redis" in backend.lower():
        return "redis"
    module = backend.rpartition(".")[0]
    return module.rpartition(".")[2] or backend


def cache_summary() -> dict:
    status = "working" if check_cache().healthy else "failing"
    return {"status": status, "backend": cache_backend_name()}
