"""Ressourcefy's documented, unprefixed paths; mounted under /ressourcefy/ (or at the root of its own host)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("ressourcefy.api.urls")),
]
