"""Payments: guests' Stripe customers, hosts' payout accounts, one payment intent per booking and the money ledger."""

from django.conf import settings
from django.db import models

from core.payments.models import ConnectedAccount


class StripeCustomer(models.Model):
    """An account's Stripe customer (its saved cards): one per account, made on first need."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_customer")
    stripe_customer_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.stripe_customer_id or f"(pending) {self.user_id}"


class PayoutAccount(ConnectedAccount):
    """A host's Stripe Connect Express account, paid by Transfer after each completed stay."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_payout_account"
    )

    @property
    def onboarding_complete(self) -> bool:
        """Hosts are only paid (by transfer), never charge cards: the details and payouts are what count."""
        return self.details_submitted and self.payouts_enabled

    @property
    def ready(self) -> bool:
        """Transfers may be sent to it now."""
        return bool(self.stripe_account_id) and self.payouts_enabled


class BookingPayment(models.Model):
    """The one payment intent of a booking; saved before Stripe is asked, so its key makes one intent."""

    booking = models.OneToOneField("parking.Booking", on_delete=models.PROTECT, related_name="payment")
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    amount = models.PositiveIntegerField(help_text="Cents asked at Stripe (the booking's total when last asked).")
    currency = models.CharField(max_length=3, default="usd")
    intent_status = models.CharField(max_length=40, blank=True, help_text="The intent's status at Stripe, last seen.")
    stripe_charge_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Payment of booking {self.booking_id}: {self.stripe_payment_intent_id or '(pending)'}"


class TransactionType(models.TextChoices):
    CHARGE = "CHARGE", "Charge"
    REFUND = "REFUND", "Refund"
    PAYOUT = "PAYOUT", "Payout"


class TransactionStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"
    SUCCEEDED = "SUCCEEDED", "Succeeded"
    FAILED = "FAILED", "Failed"


class Transaction(models.Model):
    """Money that moved for a booking: the guest's charge, their refund, the host's payout (one of each at most).

    The PAYOUT row is the payout itself: made under the booking's lock before the Transfer, whose
    idempotency key comes from it, so a booking is transferred once however the task is run.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="parking_transactions")
    booking = models.ForeignKey("parking.Booking", on_delete=models.PROTECT, related_name="transactions")
    type = models.CharField(max_length=10, choices=TransactionType.choices)
    amount = models.PositiveIntegerField(help_text="Cents.")
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=10, choices=TransactionStatus.choices, default=TransactionStatus.PENDING)
    platform_fee = models.PositiveIntegerField(default=0, help_text="Cents kept by the platform (payouts).")
    stripe_id = models.CharField(max_length=255, blank=True, help_text="Charge, refund or transfer id at Stripe.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="parking_txn_user_created")]
        constraints = [
            models.UniqueConstraint(fields=["booking", "type"], name="parking_txn_one_per_booking_and_type"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.amount} for booking {self.booking_id} ({self.status})"
