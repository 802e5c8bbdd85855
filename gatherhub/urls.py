"""GatherHub's documented, unprefixed paths; mounted under /gatherhub/ (or at the root of its own host)."""

from django.urls import include, path

from core.health.urls import gatherhub_style_urlpatterns

urlpatterns = [
    path("api/v1/", include("gatherhub.api.urls")),
    path("health/", include(gatherhub_style_urlpatterns())),
]
