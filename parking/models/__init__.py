"""Parking in a Pinch's models, one module per area."""

from parking.models.accounts import ParkingProfile, UserType
from parking.models.bookings import HOLDING_STATUSES, Booking, BookingStatus, PaymentStatus
from parking.models.listings import (
    FEATURE_BITS,
    AvailabilityWindow,
    Feature,
    Listing,
    ListingPhoto,
    SpotType,
)

__all__ = [
    "HOLDING_STATUSES",
    "Booking",
    "BookingStatus",
    "PaymentStatus",
    "FEATURE_BITS",
    "AvailabilityWindow",
    "Feature",
    "Listing",
    "ListingPhoto",
    "ParkingProfile",
    "SpotType",
    "UserType",
]
