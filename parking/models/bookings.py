"""Bookings: a seeker's reservation of a listing for a time range, priced on the server."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class BookingStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    CONFIRMED = "CONFIRMED", "Confirmed"
    DECLINED = "DECLINED", "Declined"
    CANCELLED = "CANCELLED", "Cancelled"
    EXPIRED = "EXPIRED", "Expired"
    CHECKED_IN = "CHECKED_IN", "Checked in"
    COMPLETED = "COMPLETED", "Completed"


class PaymentStatus(models.TextChoices):
    UNPAID = "UNPAID", "Unpaid"
    PAID = "PAID", "Paid"
    FAILED = "FAILED", "Failed"
    REFUNDED = "REFUNDED", "Refunded"


# A booking in one of these holds its slot: nobody else may book an overlapping range
# (a PENDING one only until its start passes, see selectors.bookings.booking_holding).
HOLDING_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


class Booking(models.Model):
    """A guest's booking of a listing for [start_time, end_time); prices in cents of the listing's currency."""

    listing = models.ForeignKey("parking.Listing", on_delete=models.PROTECT, related_name="bookings")
    guest = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="parking_bookings")
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    status = models.CharField(max_length=20, choices=BookingStatus.choices, default=BookingStatus.PENDING)
    total_price = models.PositiveIntegerField(help_text="Cents (USD).")
    price_days = models.PositiveIntegerField(default=0, help_text="Days charged at the listing's day price.")
    price_hours = models.PositiveIntegerField(default=0, help_text="Hours charged at the listing's hour price.")
    payment_status = models.CharField(max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID)
    refund_due = models.PositiveIntegerField(default=0, help_text="Cents to refund; the payments area pays it.")
    vehicle_plate = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_time", "-id"]
        indexes = [
            models.Index(fields=["listing", "start_time"], name="parking_booking_listing_start"),
            models.Index(fields=["guest", "-start_time"], name="parking_booking_guest_start"),
            models.Index(fields=["status", "start_time"], name="parking_booking_status_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="parking_booking_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} of listing {self.listing_id} by {self.guest_id}"

    @property
    def host(self):
        return self.listing.host
