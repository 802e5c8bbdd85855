"""Parking's serializers modules, one per area."""
