"""TownSpark's API routes, relative to its documented base `/api/v1/`."""

urlpatterns: list = []
