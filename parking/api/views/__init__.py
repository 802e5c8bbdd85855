"""Parking in a Pinch's views, one module per area."""
