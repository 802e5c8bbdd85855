"""Parking in a Pinch's models, one module per area."""

from parking.models.accounts import ParkingProfile, UserType

__all__ = ["ParkingProfile", "UserType"]
