"""Celery tasks of Ressourcefy, safe to run twice."""

from celery import shared_task

# --- outbox relay: run by beat every 10 seconds (registered in migration 0003_beat_outbox_relay) -------

OUTBOX_RELAY = "ressourcefy.outbox_relay"


@shared_task(name=OUTBOX_RELAY, ignore_result=True)
def outbox_relay() -> int:
    """Publish the outbox's unpublished events, oldest first, at least once; how many were published."""
    from ressourcefy.services.outbox import outbox_relay as relay

    return relay()
