"""The transactional outbox: writing domain events inside the caller's transaction, and relaying them to consumers."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ressourcefy.models import OutboxEvent, ProcessedEvent

logger = logging.getLogger(__name__)


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


# --- the relay: consumers and publishing ---------------------------------------------------

Consumer = Callable[[OutboxEvent], None]


@dataclass(frozen=True)
class RegisteredConsumer:
    name: str
    event_types: frozenset[str]
    handle: Consumer


_CONSUMERS: dict[str, RegisteredConsumer] = {}


def outbox_consumer(name: str, *event_types: str) -> Callable[[Consumer], Consumer]:
    """Register the decorated function as consumer `name` of these event types.

    The relay calls it at least once per event; ProcessedEvent(name, event id), written in the same
    transaction as its effect, makes a repeat a no-op. A consumer that raises leaves no effect and the
    event unpublished, to be retried on the next run.
    """

    def register(handle: Consumer) -> Consumer:
        _CONSUMERS[name] = RegisteredConsumer(name=name, event_types=frozenset(event_types), handle=handle)
        return handle

    return register


def outbox_consumer_unregister(name: str) -> None:
    _CONSUMERS.pop(name, None)


def _consume(consumer: RegisteredConsumer, event: OutboxEvent) -> None:
    """Run one consumer on one event once: its effect and its ProcessedEvent row commit together."""
    with transaction.atomic():  # a savepoint inside the relay's batch
        _, first_time = ProcessedEvent.objects.get_or_create(consumer=consumer.name, event_id=event.pk)
        if first_time:
            consumer.handle(event)


def _publish(event: OutboxEvent) -> bool:
    """Hand the event to every consumer of its type; True when all of them have it."""
    for consumer in list(_CONSUMERS.values()):
        if event.event_type not in consumer.event_types:
            continue
        try:
            _consume(consumer, event)
        except Exception as exc:
            logger.exception("Outbox consumer %s failed on %s %s", consumer.name, event.event_type, event.pk)
            event.attempts += 1
            event.last_error = f"{consumer.name}: {exc!r}"[:4000]
            event.save(update_fields=["attempts", "last_error"])
            return False
    event.attempts += 1
    event.published_at, event.last_error = timezone.now(), ""
    event.save(update_fields=["attempts", "published_at", "last_error"])
    logger.info("Outbox published %s %s", event.event_type, event.pk)
    return True


def outbox_relay_batch(*, batch_size: int = 100) -> tuple[int, int]:
    """Publish up to `batch_size` unpublished events, oldest first; (published, failed).

    The batch is locked with SKIP LOCKED, so relays running at once (a slow beat tick overlapping the
    next) take different events. A failed event stays unpublished and is retried next run; later events
    go on meanwhile, so one bad event cannot stall the relay (readiness reports the backlog instead).
    """
    published = failed = 0
    with transaction.atomic():
        events = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(published_at__isnull=True)
            .order_by("created_at", "id")[:batch_size]
        )
        for event in events:
            if _publish(event):
                published += 1
            else:
                failed += 1
    return published, failed


def outbox_relay(*, batch_size: int = 100, max_batches: int = 50) -> int:
    """Relay batches until the backlog is empty or only failing events are left; how many were published."""
    total = 0
    for _ in range(max_batches):
        published, failed = outbox_relay_batch(batch_size=batch_size)
        total += published
        if published + failed < batch_size or published == 0:
            break
    return total


# --- consumers ----------------------------------------------------------------------------


@outbox_consumer("purchase_receipt_mail", "purchase.completed")
def purchase_receipt_mail(event: OutboxEvent) -> None:
    """E-mails the buyer a receipt for a completed purchase."""
    from ressourcefy.models import Purchase

    purchase = Purchase.objects.select_related("user", "resource").filter(pk=event.payload.get("purchase_id")).first()
    if purchase is None:
        return
    amount = f"{purchase.amount_cents // 100}.{purchase.amount_cents % 100:02d} {purchase.currency.upper()}"
    send_mail(
        subject=f"Your Ressourcefy purchase: {purchase.resource.title}",
        message=(
            f"Thank you for buying “{purchase.resource.title}” ({amount}).\n"
            "It is in your library now: open it from its page whenever you like."
        ),
        from_email=None,
        recipient_list=[purchase.user.email],
    )
