"""Parking's services modules, one per area."""
