"""A-List Home Pros's documented, unprefixed paths; mounted under /alistpros/ (or at the root of its own host)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("alistpros.api.urls")),
]
