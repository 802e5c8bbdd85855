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
from parking.models.messaging import Conversation, Message
from parking.models.payments import (
    BookingPayment,
    PayoutAccount,
    StripeCustomer,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from parking.models.reviews import HIDE_AFTER_REPORTS, Review, ReviewReport

__all__ = [
    "HOLDING_STATUSES",
    "Booking",
    "BookingPayment",
    "PayoutAccount",
    "StripeCustomer",
    "Transaction",
    "TransactionStatus",
    "TransactionType",
    "BookingStatus",
    "PaymentStatus",
    "FEATURE_BITS",
    "AvailabilityWindow",
    "Conversation",
    "Feature",
    "Listing",
    "ListingPhoto",
    "Message",
    "ParkingProfile",
    "HIDE_AFTER_REPORTS",
    "Review",
    "ReviewReport",
    "SpotType",
    "UserType",
]
