"""Booking writes: create and update (priced, checked against overlaps under a listing lock), the host's and the
guest's transitions, refunds due on cancellation, the beat tasks' sweeps, and the e-mails of every change."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from core.api.exceptions import Conflict
from core.api.fields import missing_related
from core.mail import enqueue_emails
from core.payments.money import format_amount
from parking.models import AvailabilityWindow, Booking, BookingStatus, Listing, PaymentStatus
from parking.models.listings import CURRENCY
from parking.selectors.bookings import booking_overlapping
from parking.services.payments import refund_schedule

HOUR = timedelta(hours=1)
MAX_DURATION = timedelta(days=30)
FREE_CANCELLATION_BEFORE = timedelta(hours=24)
CHECK_IN_EARLY = timedelta(minutes=15)


@dataclass(frozen=True)
class Price:
    total: int
    days: int
    hours: int


def booking_price(*, price_per_hour: int, price_per_day: int, start_time: datetime, end_time: datetime) -> Price:
    """The cheapest split of the stay into day and hour charges (cents).

    The stay is counted in hours, a started hour counting whole. Every full 24 hours is a day at
    `price_per_day`; the hours left are charged at `price_per_hour` but never more than one day's price
    (when they would cost more they become one more day). If a day costs more than 24 hours
    (an odd listing), everything is charged by the hour.
    """
    hours_total = math.ceil((end_time - start_time) / HOUR)
    if price_per_day > 24 * price_per_hour:
        days, hours = 0, hours_total
    else:
        days, hours = divmod(hours_total, 24)
        if hours * price_per_hour >= price_per_day and hours:
            days, hours = days + 1, 0
    return Price(total=days * price_per_day + hours * price_per_hour, days=days, hours=hours)


def _check_times(*, listing: Listing, start_time: datetime, end_time: datetime, now: datetime) -> None:
    if end_time <= start_time:
        raise ValidationError({"end_time": ["Must be after start_time."]})
    if start_time <= now:
        raise ValidationError({"start_time": ["Must be in the future."]})
    if end_time - start_time > MAX_DURATION:
        raise ValidationError({"end_time": [f"A booking lasts at most {MAX_DURATION.days} days."]})
    # A listing without windows may be booked at any time; with windows, one of them covers the whole stay
    # (touching windows were joined when saved, so a stay across two adjacent windows fits one). One query.
    windows = AvailabilityWindow.objects.filter(listing=listing).aggregate(
        total=Count("id"), covering=Count("id", filter=Q(starts_at__lte=start_time, ends_at__gte=end_time))
    )
    if windows["total"] and not windows["covering"]:
        raise ValidationError({"start_time": ["The listing is not available for the whole of this time."]})


def _lock_listing(listing_id: int, *, missing=None) -> Listing:
    """The listing's row (its host joined), locked until commit: a listing's bookings are checked and written one
    at a time. A missing, inactive or deleted listing raises `missing` (default: 404)."""
    listings = Listing.objects.alive().filter(is_active=True).select_related("host").select_for_update(of=("self",))
    try:
        return listings.get(pk=listing_id)
    except Listing.DoesNotExist as exc:
        raise missing or NotFound("Listing not found.") from exc


def _check_free(*, listing: Listing, start_time, end_time, now, excluding: int | None = None) -> None:
    clashes = booking_overlapping(listing_id=listing.pk, start_time=start_time, end_time=end_time, now=now)
    if excluding is not None:
        clashes = clashes.exclude(pk=excluding)
    if clashes.exists():
        raise Conflict("The listing is already booked for part of this time.")


@transaction.atomic
def booking_create(
    *,
    guest,
    listing_id: int,
    start_time: datetime,
    end_time: datetime,
    vehicle_plate: str = "",
    notes: str = "",
    now: datetime | None = None,
) -> Booking:
    """A PENDING booking for the host to confirm; 409 when the slot is held, 403 on one's own listing.

    Five queries with the caller's account (issue #16): the listing locked with its host, its windows, the
    overlap check, the insert; both e-mails go out in one task after commit.
    """
    now = now or timezone.now()
    listing = _lock_listing(listing_id, missing=missing_related("listing", listing_id))
    if listing.host_id == guest.pk:
        raise PermissionDenied("You cannot book your own listing.")
    _check_times(listing=listing, start_time=start_time, end_time=end_time, now=now)
    _check_free(listing=listing, start_time=start_time, end_time=end_time, now=now)
    price = booking_price(
        price_per_hour=listing.price_per_hour,
        price_per_day=listing.price_per_day,
        start_time=start_time,
        end_time=end_time,
    )
    booking = Booking.objects.create(
        listing=listing,
        guest=guest,
        start_time=start_time,
        end_time=end_time,
        total_price=price.total,
        price_days=price.days,
        price_hours=price.hours,
        vehicle_plate=vehicle_plate,
        notes=notes,
    )
    _notify(booking, "requested")
    return booking


def _locked_booking(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("listing__host", "guest").get(pk=booking.pk)


def _require_status(booking: Booking, *statuses: str, action: str) -> None:
    if booking.status not in statuses:
        label = BookingStatus(booking.status).label.lower()
        raise ValidationError({"status": [f"A {label} booking cannot be {action}."]})


@transaction.atomic
def booking_update(*, booking: Booking, now: datetime | None = None, **fields) -> Booking:
    """Change times, vehicle plate or notes of a PENDING booking; new times are re-checked and re-priced."""
    now = now or timezone.now()
    _lock_listing(booking.listing_id)
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.PENDING, action="changed")
    if booking.start_time <= now:
        raise ValidationError({"status": ["This booking has started and can no longer be changed."]})
    start_time = fields.get("start_time", booking.start_time)
    end_time = fields.get("end_time", booking.end_time)
    if start_time != booking.start_time or end_time != booking.end_time:
        _check_times(listing=booking.listing, start_time=start_time, end_time=end_time, now=now)
        _check_free(listing=booking.listing, start_time=start_time, end_time=end_time, now=now, excluding=booking.pk)
        price = booking_price(
            price_per_hour=booking.listing.price_per_hour,
            price_per_day=booking.listing.price_per_day,
            start_time=start_time,
            end_time=end_time,
        )
        fields.update(total_price=price.total, price_days=price.days, price_hours=price.hours)
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    _notify(booking, "changed")
    return booking


@transaction.atomic
def booking_confirm(*, booking: Booking, now: datetime | None = None) -> Booking:
    """The host accepts a PENDING booking before it starts."""
    now = now or timezone.now()
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.PENDING, action="confirmed")
    if booking.start_time <= now:
        raise ValidationError({"status": ["This booking has started without confirmation and expired."]})
    booking.status = BookingStatus.CONFIRMED
    booking.save(update_fields=["status", "updated_at"])
    _notify(booking, "confirmed")
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking) -> Booking:
    """The host refuses a PENDING booking."""
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.PENDING, action="declined")
    booking.status = BookingStatus.DECLINED
    # A guest may pay before the host answers: a declined paid booking is given back in full.
    booking.refund_due = booking.total_price if booking.payment_status == PaymentStatus.PAID else 0
    booking.save(update_fields=["status", "refund_due", "updated_at"])
    refund_schedule(booking)
    _notify(booking, "declined")
    return booking


def booking_refund_due(*, booking: Booking, now: datetime) -> int:
    """Cents owed back on cancellation: everything paid when cancelled more than 24 hours before the start,
    nothing later; nothing when nothing was paid. (A declined or expired paid booking owes everything.)"""
    if booking.payment_status != PaymentStatus.PAID:
        return 0
    return booking.total_price if booking.start_time - now > FREE_CANCELLATION_BEFORE else 0


@transaction.atomic
def booking_cancel(*, booking: Booking, now: datetime | None = None) -> Booking:
    """The guest cancels a PENDING or CONFIRMED booking before it starts; the refund due is stored."""
    now = now or timezone.now()
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.PENDING, BookingStatus.CONFIRMED, action="cancelled")
    if booking.start_time <= now:
        raise ValidationError({"status": ["This booking has started and can no longer be cancelled."]})
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.refund_due = booking_refund_due(booking=booking, now=now)
    booking.save(update_fields=["status", "cancelled_at", "refund_due", "updated_at"])
    refund_schedule(booking)
    _notify(booking, "cancelled")
    return booking


@transaction.atomic
def booking_check_in(*, booking: Booking, now: datetime | None = None) -> Booking:
    """The guest arrives: a CONFIRMED booking, from 15 minutes before its start until its end."""
    now = now or timezone.now()
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.CONFIRMED, action="checked in")
    if not booking.start_time - CHECK_IN_EARLY <= now < booking.end_time:
        raise ValidationError(
            {"status": ["Check-in opens 15 minutes before the booking starts and closes when it ends."]}
        )
    booking.status = BookingStatus.CHECKED_IN
    booking.checked_in_at = now
    booking.save(update_fields=["status", "checked_in_at", "updated_at"])
    _notify(booking, "checked in")
    return booking


@transaction.atomic
def booking_check_out(*, booking: Booking, now: datetime | None = None) -> Booking:
    """The guest leaves: a CHECKED_IN booking becomes COMPLETED (leaving late is recorded, not refused)."""
    now = now or timezone.now()
    booking = _locked_booking(booking)
    _require_status(booking, BookingStatus.CHECKED_IN, action="checked out")
    booking.status = BookingStatus.COMPLETED
    booking.checked_out_at = max(now, booking.checked_in_at)
    booking.save(update_fields=["status", "checked_out_at", "updated_at"])
    _notify(booking, "checked out")
    return booking


def bookings_expire(*, now: datetime | None = None) -> int:
    """PENDING bookings whose start passed become EXPIRED (both parties told); safe to run twice."""
    now = now or timezone.now()
    expired = 0
    for booking_id in Booking.objects.filter(status=BookingStatus.PENDING, start_time__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            # Conditional update: a booking confirmed or cancelled meanwhile is left alone.
            if Booking.objects.filter(pk=booking_id, status=BookingStatus.PENDING).update(
                status=BookingStatus.EXPIRED, updated_at=now
            ):
                expired += 1
                booking = Booking.objects.select_related("listing__host", "guest").get(pk=booking_id)
                if booking.payment_status == PaymentStatus.PAID:  # never confirmed, so given back in full
                    booking.refund_due = booking.total_price
                    booking.save(update_fields=["refund_due", "updated_at"])
                    refund_schedule(booking)
                _notify(booking, "expired")
    return expired


def availability_windows_prune(*, now: datetime | None = None) -> int:
    """Delete availability windows that have ended, except each listing's latest one.

    The latest is kept because a listing without windows is bookable at any time: a listing whose
    windows have all ended must stay unbookable until its host adds new ones. Returns how many went.
    """
    now = now or timezone.now()
    later = AvailabilityWindow.objects.filter(listing=OuterRef("listing"), ends_at__gt=OuterRef("ends_at"))
    deleted, _ = AvailabilityWindow.objects.filter(ends_at__lte=now).filter(Exists(later)).delete()
    return deleted


def _notify(booking: Booking, event: str) -> None:
    """E-mail both parties about a change (sent by Celery after commit), the spec's send_booking_confirmation_email."""
    listing = booking.listing
    host = listing.host
    guest = booking.guest
    subject = f"Booking {event} - {listing.title}"
    details = (
        f"Booking #{booking.pk} at {listing.title} ({listing.address})\n"
        f"From {booking.start_time:%Y-%m-%d %H:%M} to {booking.end_time:%Y-%m-%d %H:%M} UTC\n"
        f"Status: {BookingStatus(booking.status).label}\n"
        f"Total: {format_amount(booking.total_price, CURRENCY)} {CURRENCY.upper()}\n"
    )
    if booking.refund_due:
        details += f"Refund due: {format_amount(booking.refund_due, CURRENCY)} {CURRENCY.upper()}\n"
    enqueue_emails(
        [
            {
                "subject": subject,
                "body": f"Hello {person.name or person.email},\n\nAs the {role}: booking {event}.\n\n{details}",
                "to": [person.email],
            }
            for person, role in ((guest, "guest"), (host, "host"))
            if person.email
        ]
    )
