"""Writing domain events to the outbox, inside the caller's transaction."""

from django.db import transaction

from ressourcefy.models import OutboxEvent


def outbox_record(*, event_type: str, aggregate_type: str, aggregate_id, payload: dict | None = None) -> OutboxEvent:
    """Record `event_type` for the aggregate; must run in the transaction that makes the change it reports.

    Written in the same commit as the change, the event exists exactly when the change does;
    the relay (tasks.outbox_relay) publishes it later, at least once.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_record must be called inside the transaction that makes the change.")
    return OutboxEvent.objects.create(
        event_type=event_type, aggregate_type=aggregate_type, aggregate_id=str(aggregate_id), payload=payload or {}
    )
