"""Reads of the outbox: how far behind the relay is."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ressourcefy.models import OutboxEvent


def outbox_max_lag() -> timedelta:
    return timedelta(seconds=settings.RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS)


def outbox_lag_acceptable() -> bool:
    """No unpublished event is older than RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS (one indexed query)."""
    oldest_allowed = timezone.now() - outbox_max_lag()
    return not OutboxEvent.objects.filter(published_at__isnull=True, created_at__lt=oldest_allowed).exists()
