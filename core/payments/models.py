"""Stripe webhook events as received: stored once per product and event id, then handled once."""

from django.db import models


class WebhookEvent(models.Model):
    """One Stripe event delivered to one product's endpoint; Stripe's retries and replays find this row again."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        HANDLED = "handled", "Handled"
        IGNORED = "ignored", "Ignored (no handler)"
        FAILED = "failed", "Failed"

    product = models.CharField(max_length=32)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["product", "event_id"], name="webhook_event_once_per_product"),
        ]
        indexes = [models.Index(fields=["product", "status", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.product} {self.type} {self.event_id} ({self.status})"


class ConnectedAccount(models.Model):
    """A payee's Stripe Connect Express account (an A-List pro, a Parking host): abstract, one per user.

    A product's concrete model adds `user = OneToOneField(...)` with its own related name and says,
    in `onboarding_complete`, which of Stripe's flags it needs (core.payments.connect keeps them).
    """

    stripe_account_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    details_submitted = models.BooleanField(default=False)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    onboarding_completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.stripe_account_id or f"(pending) {self.user_id}"

    @property
    def onboarding_complete(self) -> bool:
        return self.details_submitted and self.charges_enabled and self.payouts_enabled
