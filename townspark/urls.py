"""TownSpark's documented, unprefixed paths; mounted under /townspark/ (or at the root of its own host)."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("townspark.api.urls")),
]
