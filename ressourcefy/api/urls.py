"""Ressourcefy's API routes, relative to its documented base `/api/`."""

urlpatterns: list = []
