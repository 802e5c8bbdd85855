"""Parking in a Pinch's request and response shapes, one module per area."""
