"""Parking's tests/api modules, one per area."""
