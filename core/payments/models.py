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
