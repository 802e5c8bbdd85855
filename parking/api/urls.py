"""Parking in a Pinch's API routes, relative to its documented base `/api/v1/`."""

urlpatterns: list = []
