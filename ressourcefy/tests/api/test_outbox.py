"""The outbox relay: oldest first, at least once, each consumer's effect once, a failing consumer retried."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ressourcefy.models import OutboxEvent, Price, PriceKind, ProcessedEvent, Purchase, PurchaseStatus
from ressourcefy.services.outbox import outbox_consumer, outbox_consumer_unregister, outbox_record, outbox_relay
from ressourcefy.tasks import outbox_relay as outbox_relay_task
from ressourcefy.tests.api.billing_helpers import make_premium

pytestmark = pytest.mark.django_db


def record(event_type: str, payload: dict | None = None) -> OutboxEvent:
    with transaction.atomic():
        return outbox_record(event_type=event_type, aggregate_type="test", aggregate_id="1", payload=payload)


@pytest.fixture
def seen():
    """A test consumer of `test.*` events, recording the event ids it saw in order."""
    handled: list[str] = []

    @outbox_consumer("test_recorder", "test.happened", "test.again")
    def recorder(event):
        handled.append(event.event_type)

    yield handled
    outbox_consumer_unregister("test_recorder")


@pytest.fixture
def flaky():
    """A consumer of `test.flaky` that fails while `state["fail"]`."""
    state = {"fail": True, "calls": 0}

    @outbox_consumer("test_flaky", "test.flaky")
    def consumer(event):
        state["calls"] += 1
        if state["fail"]:
            raise ConnectionError("the mail server is down")

    yield state
    outbox_consumer_unregister("test_flaky")


def test_the_relay_publishes_oldest_first_and_marks_published(seen):
    first, second = record("test.happened"), record("test.again")
    OutboxEvent.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=5))
    assert outbox_relay_task.delay().get() == 2
    assert seen == ["test.happened", "test.again"]
    for event in (first, second):
        event.refresh_from_db()
        assert event.published_at is not None and event.attempts == 1
    assert outbox_relay() == 0 and seen == ["test.happened", "test.again"]


def test_relayed_twice_the_consumer_s_effect_is_once(reader, contributor, mailoutbox):
    """At least once: an event published but not marked (the relay died before its commit) is relayed again."""
    resource = make_premium(contributor)
    price = Price.objects.create(
        stripe_price_id="price_t", kind=PriceKind.ONE_TIME, resource=resource, amount_cents=1500
    )
    purchase = Purchase.objects.create(
        user=reader, resource=resource, price=price, amount_cents=1500, status=PurchaseStatus.COMPLETED
    )
    event = record("purchase.completed", {"purchase_id": str(purchase.pk)})
    assert outbox_relay() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [reader.email] and resource.title in mailoutbox[0].subject
    assert "15.00 USD" in mailoutbox[0].body
    OutboxEvent.objects.filter(pk=event.pk).update(published_at=None)
    assert outbox_relay() == 1
    assert len(mailoutbox) == 1
    assert ProcessedEvent.objects.filter(consumer="purchase_receipt_mail", event_id=event.pk).count() == 1


def test_a_failing_consumer_leaves_the_event_unpublished_and_it_is_retried(seen, flaky):
    event, other = record("test.flaky"), record("test.happened")
    assert outbox_relay() == 1
    event.refresh_from_db()
    assert event.published_at is None and event.attempts == 1 and "mail server is down" in event.last_error
    assert not ProcessedEvent.objects.filter(consumer="test_flaky").exists()  # its effect was rolled back
    assert seen == ["test.happened"]  # a failing event does not hold the others back
    assert outbox_relay() == 0
    event.refresh_from_db()
    assert event.attempts == 2
    flaky["fail"] = False
    assert outbox_relay() == 1
    event.refresh_from_db()
    assert event.published_at is not None and event.last_error == "" and flaky["calls"] == 3
    assert ProcessedEvent.objects.filter(consumer="test_flaky", event_id=event.pk).count() == 1
    assert other.pk != event.pk


def test_an_event_without_consumers_is_published():
    event = record("nobody.listens")
    assert outbox_relay() == 1
    event.refresh_from_db()
    assert event.published_at is not None


def test_the_beat_schedule_runs_the_relay_every_10_seconds():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.select_related("interval").get(task="ressourcefy.outbox_relay")
    assert (task.interval.every, task.interval.period, task.enabled) == (10, "seconds", True)
