"""Parking in a Pinch: parking-spot listings and bookings (contract: shared/specs/parking.md)."""
