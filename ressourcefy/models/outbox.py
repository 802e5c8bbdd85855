"""The transactional outbox: domain events written with the change that caused them, relayed at least once.

A consumer records each event id it has handled (ProcessedEvent) in the same transaction as its
effect, so a relayed-twice event has its effect once.
"""

import uuid

from django.db import models
from django.db.models import Q


class OutboxEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=64, help_text="e.g. user.registered, resource.created.")
    aggregate_type = models.CharField(max_length=32)
    aggregate_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["created_at"], name="rfy_outbox_pending", condition=Q(published_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.aggregate_id}"


class ProcessedEvent(models.Model):
    """That `consumer` has handled outbox event `event_id` (its idempotency record)."""

    consumer = models.CharField(max_length=64)
    event_id = models.UUIDField()
    processed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consumer", "event_id"], name="rfy_processed_event_unique")]

    def __str__(self) -> str:
        return f"{self.consumer}: {self.event_id}"
