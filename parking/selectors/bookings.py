"""Booking reads: what a caller may see, their lists as guest or host, and which bookings hold a slot."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.ids import MAX_INTEGER_ID
from parking.models import Booking, BookingStatus
from parking.product import PRODUCT


def _is_operator(user) -> bool:
    return user.realm == PRODUCT.key and user.role in PRODUCT.admin_roles


def booking_holding(*, now: datetime | None = None) -> QuerySet:
    """Bookings that hold their slot: CONFIRMED and CHECKED_IN, and PENDING ones whose start has not passed.

    A PENDING booking whose start passed can no longer be confirmed (it is about to become EXPIRED), so it
    stops blocking others at once instead of waiting for the cleanup task.
    """
    now = now or timezone.now()
    return Booking.objects.filter(
        Q(status__in=[BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN])
        | Q(status=BookingStatus.PENDING, start_time__gt=now)
    )


def booking_overlapping(*, listing_id: int, start_time: datetime, end_time: datetime, now: datetime | None = None):
    """Holding bookings of the listing overlapping [start_time, end_time) (touching ranges do not overlap)."""
    return booking_holding(now=now).filter(listing_id=listing_id, start_time__lt=end_time, end_time__gt=start_time)


def booking_visible(*, user) -> QuerySet:
    """The bookings `user` takes part in, as guest or as the listing's host; an operator sees all."""
    queryset = Booking.objects.select_related("listing", "listing__host", "guest")
    if _is_operator(user):
        return queryset
    return queryset.filter(Q(guest=user) | Q(listing__host=user))


def booking_list(*, user, role: str | None = None, status: str | None = None) -> QuerySet:
    """The caller's bookings, latest start first; `role` "guest" or "host" keeps one side, `status` one status."""
    queryset = booking_visible(user=user)
    if role == "guest":
        queryset = queryset.filter(guest=user)
    elif role == "host":
        queryset = queryset.filter(listing__host=user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-start_time", "-id")


def booking_get(*, user, booking_id: int) -> Booking | None:
    return booking_visible(user=user).filter(pk=booking_id).first()


def booking_for_conversation(*, booking_id: int) -> Booking | None:
    """A booking with its listing, to start a conversation about (the service checks who takes part)."""
    if not 1 <= booking_id <= MAX_INTEGER_ID:
        return None
    return Booking.objects.select_related("listing").filter(pk=booking_id).first()
