"""Root health routes, and the route sets a product includes to serve health under its own prefix."""

from django.urls import path

from core.health.views import (
    HealthView,
    LivenessView,
    ReadinessView,
    StatusOkLivenessView,
    StatusOkReadinessView,
    StatusView,
)


def _gatherhub_shaped(name_prefix: str) -> list:
    return [
        path("", HealthView.as_view(), name=name_prefix),
        path("live/", LivenessView.as_view(), name=f"{name_prefix}-live"),
        path("ready/", ReadinessView.as_view(), name=f"{name_prefix}-ready"),
        path("status/", StatusView.as_view(), name=f"{name_prefix}-status"),
    ]


def gatherhub_style_urlpatterns() -> list:
    """`""`, `live/`, `ready/`, `status/` in GatherHub's shapes, for `path("health/", include(...))`."""
    return _gatherhub_shaped("gatherhub-health")


def ressourcefy_style_urlpatterns() -> list:
    """`live/` and `ready/` answering `{"status": "ok"}` (503 `{"status": "unavailable"}` when not ready)."""
    return [
        path("live/", StatusOkLivenessView.as_view(), name="ressourcefy-health-live"),
        path("ready/", StatusOkReadinessView.as_view(), name="ressourcefy-health-ready"),
    ]


urlpatterns = _gatherhub_shaped("health")
