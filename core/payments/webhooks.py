"""Webhook events: handlers registered per product and event type, stored once, handled once after commit.

A product maps Stripe events to its own models in handlers it registers from its AppConfig.ready():

    @webhook_handler("parking", "payment_intent.succeeded")
    def booking_paid(event: dict) -> None: ...

A handler runs inside a transaction that also marks the event handled, so its writes and the mark
commit together; a handler that raises leaves no write behind and the event FAILED, to be re-run
(`manage.py stripe_event_rerun`). Stripe does not deliver events in order (`succeeded` may come
before `created`), so a handler finds its row by the Stripe id stored when the object was made and
stores the object's state as Stripe has it now (`gateway.event_object_current`), not the event's
snapshot: any order of deliveries then ends in the same state.
"""

import logging
import traceback
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.payments.gateway import webhook_event_verified
from core.payments.models import WebhookEvent

logger = logging.getLogger(__name__)

Handler = Callable[[dict], None]
_HANDLERS: dict[tuple[str, str], Handler] = {}


def webhook_handler(product_key: str, *event_types: str) -> Callable[[Handler], Handler]:
    """Register the decorated function for these event types of one product (one handler per type)."""

    def register(handler: Handler) -> Handler:
        for event_type in event_types:
            registered = _HANDLERS.get((product_key, event_type))
            if registered is not None and registered is not handler:
                raise ValueError(f"{product_key} already handles {event_type} with {registered.__qualname__}.")
            _HANDLERS[(product_key, event_type)] = handler
        return handler

    return register


def webhook_handler_for(product_key: str, event_type: str) -> Handler | None:
    return _HANDLERS.get((product_key, event_type))


def webhook_event_receive(*, product_key: str, payload: bytes, signature: str | None) -> tuple[WebhookEvent, bool]:
    """Verify and store one delivery; (event row, whether this delivery stored it).

    The first delivery of an event id queues its handling after commit. A repeat (Stripe retries,
    replays, the same event sent twice at once) finds the stored row and queues nothing, unless the
    event failed before: then the repeat is a chance to handle it again.
    """
    event = webhook_event_verified(product_key, payload, signature)
    defaults = {"type": event["type"], "livemode": bool(event.get("livemode")), "payload": event}
    try:
        with transaction.atomic():
            row, created = WebhookEvent.objects.get_or_create(
                product=product_key, event_id=event["id"], defaults=defaults
            )
    except IntegrityError:  # a concurrent delivery of the same event stored it first
        row, created = WebhookEvent.objects.get(product=product_key, event_id=event["id"]), False
    if created or row.status == WebhookEvent.Status.FAILED:
        _handle_after_commit(row.pk)
    return row, created


def _handle_after_commit(event_pk: int) -> None:
    from core.payments.tasks import webhook_event_handle_task  # tasks import this module

    transaction.on_commit(lambda: webhook_event_handle_task.delay(event_pk))


def webhook_event_handle(*, event_pk: int) -> str:
    """Run the event's handler once; returns the event's status. Safe to call any number of times, at once too.

    The event row is locked first, so of two concurrent calls the second waits and then finds the
    event handled. (SQLite has no row locks: its IMMEDIATE transactions serialize writers instead.)
    """
    with transaction.atomic():
        row = WebhookEvent.objects.select_for_update().get(pk=event_pk)
        if row.status in (WebhookEvent.Status.HANDLED, WebhookEvent.Status.IGNORED):
            return row.status
        row.attempts += 1
        handler = webhook_handler_for(row.product, row.type)
        if handler is None:
            row.status = WebhookEvent.Status.IGNORED
        else:
            try:
                with transaction.atomic():  # a savepoint: a failing handler's writes are undone, the row's are kept
                    handler(row.payload)
            except Exception:
                logger.exception("Handling %s %s %s failed", row.product, row.type, row.event_id)
                row.status, row.error = WebhookEvent.Status.FAILED, traceback.format_exc()[-4000:]
                row.save(update_fields=["status", "error", "attempts"])
                return row.status
            row.status = WebhookEvent.Status.HANDLED
        row.error, row.handled_at = "", timezone.now()
        row.save(update_fields=["status", "error", "attempts", "handled_at"])
        return row.status


def webhook_event_rerun(*, event_pk: int) -> str:
    """Handle a FAILED event again now (an operator's retry); other events are left as they are."""
    WebhookEvent.objects.filter(pk=event_pk, status=WebhookEvent.Status.FAILED).update(
        status=WebhookEvent.Status.RECEIVED
    )
    return webhook_event_handle(event_pk=event_pk)
