"""Parking in a Pinch's documented, unprefixed paths; mounted under /parking/ (or at the root of its own host)."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("parking.api.urls")),
]
