"""Parking in a Pinch's reads, one module per area."""
