"""Parking's selectors modules, one per area."""
