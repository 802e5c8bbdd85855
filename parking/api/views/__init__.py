"""Parking's views modules, one per area."""
