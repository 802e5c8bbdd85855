"""Stripe Connect accounts of pros and clients' payments to them, amounts in minor units (core.payments.money)."""

from django.conf import settings
from django.db import models

from alistpros.models.pros import ProProfile
from core.payments.models import ConnectedAccount


class ConnectAccount(ConnectedAccount):
    """A pro's Stripe Connect Express account: one per pro, whoever asks for onboarding and how often."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alistpros_connect_account"
    )


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"
    REFUNDED = "refunded", "Refunded"
    CANCELED = "canceled", "Canceled"


class Payment(models.Model):
    """A client's payment to a pro: a payment intent on the platform, transferred to the pro less the platform fee."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alistpros_payments")
    alistpro = models.ForeignKey(ProProfile, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveIntegerField(help_text="Minor units of `currency` (cents).")
    currency = models.CharField(max_length=3, default="usd")
    platform_fee = models.PositiveIntegerField(default=0, help_text="Minor units kept by the platform.")
    description = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_transfer_id = models.CharField(max_length=255, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"]), models.Index(fields=["alistpro", "-created_at"])]

    def __str__(self) -> str:
        return f"Payment {self.pk} ({self.status})"
