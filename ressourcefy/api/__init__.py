"""Ressourcefy's HTTP API: serializers, views and URLs."""
