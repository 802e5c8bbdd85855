"""Parking in a Pinch's writes, one module per area."""
