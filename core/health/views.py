"""Health endpoints in the GatherHub shape (the platform's own) and in Ressourcefy's `{status: ok}` shape."""

import time

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.envelopes import utc_timestamp
from core.health import checks

_STRING = {"type": "string"}
_TIMESTAMP = {"type": "string", "format": "date-time", "example": "2024-01-01T12:00:00Z"}
_CHECK = {
    "type": "object",
    "required": ["status", "latency_ms"],
    "properties": {
        "status": {"type": "string", "enum": [checks.HEALTHY, checks.UNHEALTHY]},
        "latency_ms": {"type": "number", "example": 1.1},
        "error": {"type": "string", "description": "Only on failure: why the dependency is unhealthy."},
    },
}


def _object(properties: dict) -> dict:
    return {"type": "object", "required": list(properties), "properties": properties}


def _schema(description: str, schema: dict, *, unavailable: dict | None = None):
    """Documents a probe: its 200 body and, for readiness, its 503 body."""
    responses = {200: OpenApiResponse(response=schema, description=description)}
    if unavailable is not None:
        responses[503] = OpenApiResponse(response=unavailable, description="A dependency is down")
    return extend_schema(tags=["health"], auth=[], responses=responses)


_READY_BODY = _object(
    {
        "status": {"type": "string", "enum": [checks.HEALTHY, checks.UNHEALTHY]},
        "timestamp": _TIMESTAMP,
        "checks": _object({"database": _CHECK, "redis": _CHECK, "channels": _CHECK}),
        "total_latency_ms": {"type": "number", "example": 8.6},
    }
)
_HEALTH_BODY = _object({"status": {"type": "string", "enum": ["healthy"]}, "timestamp": _TIMESTAMP, "version": _STRING})
_LIVE_BODY = _object(
    {"status": {"type": "string", "enum": ["alive"]}, "timestamp": _TIMESTAMP, "django_ready": {"type": "boolean"}}
)
_STATUS_BODY = _object(
    {
        "status": {"type": "string", "enum": ["ok"]},
        "timestamp": _TIMESTAMP,
        "uptime_check_ms": {"type": "number"},
        "system": _object(
            {"python_version": _STRING, "platform": _STRING, "django_version": _STRING, "environment": _STRING}
        ),
        "database": _object(
            {
                "status": {"type": "string", "enum": ["connected", "disconnected"]},
                "version": {"type": "string", "nullable": True, "example": "PostgreSQL 15.19"},
                "table_count": {"type": "integer", "nullable": True},
            }
        ),
        "cache": _object(
            {
                "status": {"type": "string", "enum": ["working", "failing"]},
                "backend": {"type": "string", "example": "redis"},
            }
        ),
        "debug_mode": {"type": "boolean"},
        "allowed_hosts": {"type": "array", "items": _STRING},
    }
)


def _unavailable(body: dict) -> Response:
    response = Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    # An unready dependency is an expected answer, already logged by its check:
    # keep Django from logging every probe of an outage as a server error.
    response._has_been_logged = True
    return response


class HealthEndpoint(APIView):
    """Public, unenveloped, GET/HEAD only; other methods get the exception handler's JSON 405."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head"]
    envelope = False


# --- GatherHub shape (also served at the root) ------------------------------


class HealthView(HealthEndpoint):
    @_schema("The application is up", _HEALTH_BODY)
    def get(self, request):
        return Response({"status": "healthy", "timestamp": utc_timestamp(), "version": settings.APP_VERSION})


class LivenessView(HealthEndpoint):
    @_schema("The process answers", _LIVE_BODY, unavailable=_LIVE_BODY)
    def get(self, request):
        ready = checks.django_ready()
        body = {"status": "alive", "timestamp": utc_timestamp(), "django_ready": ready}
        return Response(body) if ready else _unavailable(body)


class ReadinessView(HealthEndpoint):
    @_schema("Database, Redis and the channel layer all answer", _READY_BODY, unavailable=_READY_BODY)
    def get(self, request):
        results = checks.readiness_checks()
        healthy = checks.all_healthy(results)
        body = {
            "status": checks.HEALTHY if healthy else checks.UNHEALTHY,
            "timestamp": utc_timestamp(),
            "checks": {name: result.as_dict() for name, result in results.items()},
            "total_latency_ms": checks.total_latency_ms(results),
        }
        return Response(body) if healthy else _unavailable(body)


class StatusView(HealthEndpoint):
    @_schema("System, database and cache status", _STATUS_BODY)
    def get(self, request):
        started = time.perf_counter()
        database = checks.database_summary()
        cache = checks.cache_summary()
        return Response(
            {
                "status": "ok",
                "timestamp": utc_timestamp(),
                "uptime_check_ms": round((time.perf_counter() - started) * 1000, 1),
                "system": checks.system_summary(),
                "database": database,
                "cache": cache,
                "debug_mode": settings.DEBUG,
                "allowed_hosts": list(settings.ALLOWED_HOSTS),
            }
        )


# --- Ressourcefy shape -------------------------------------------------------

_OK_BODY = _object({"status": {"type": "string", "enum": ["ok"]}})
_UNAVAILABLE_BODY = _object({"status": {"type": "string", "enum": ["unavailable"]}})


class StatusOkLivenessView(HealthEndpoint):
    @_schema("The server is running", _OK_BODY)
    def get(self, request):
        return Response({"status": "ok"})


class StatusOkReadinessView(HealthEndpoint):
    @_schema("The server's dependencies all answer", _OK_BODY, unavailable=_UNAVAILABLE_BODY)
    def get(self, request):
        if checks.all_healthy(checks.readiness_checks()):
            return Response({"status": "ok"})
        return _unavailable({"status": "unavailable"})
