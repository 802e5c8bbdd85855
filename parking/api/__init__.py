"""Parking in a Pinch's HTTP API: serializers, views and URLs."""
