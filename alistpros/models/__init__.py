"""A-List Home Pros' models: pro profiles, payments, messaging and scheduling."""

from alistpros.models.messaging import Conversation, Message
from alistpros.models.payments import ConnectAccount, Payment, PaymentStatus
from alistpros.models.pros import PortfolioItem, ProProfile, Review, ServiceCategory
from alistpros.models.scheduling import Appointment, AppointmentStatus, AvailabilitySlot

__all__ = [
    "Appointment",
    "AppointmentStatus",
    "AvailabilitySlot",
    "ConnectAccount",
    "Conversation",
    "Message",
    "Payment",
    "PaymentStatus",
    "PortfolioItem",
    "ProProfile",
    "Review",
    "ServiceCategory",
]
