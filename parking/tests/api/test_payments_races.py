"""Payments under concurrency (PostgreSQL): one customer, one transfer per booking, one handling per event."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.payments import gateway
from core.payments.models import WebhookEvent
from core.testing.races import run_together, statuses_together
from parking.models import BookingStatus, PaymentStatus, PayoutAccount, StripeCustomer, Transaction, TransactionType
from parking.services.payments import payouts_process
from parking.tests.api.test_payments import stripe_customer_ids
from parking.tests.payments import PAY, book, latest_event, signed_post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_first_calls_at_once_make_one_customer(stripe_key, seeker, client_for):
    customers_before = stripe_customer_ids()
    clients = [client_for(seeker) for _ in range(6)]
    assert statuses_together([lambda c=c: c.post(PAY + "setup-intent/") for c in clients]) == [201] * 6
    assert StripeCustomer.objects.count() == 1
    assert len(stripe_customer_ids() - customers_before) == 1


def test_payout_task_twice_at_once_transfers_each_booking_once(stripe_key, local_stripe, seeker, host):
    account = gateway.stripe_create(
        "parking", "accounts", {"type": "express"}, idempotency_key=f"race-account-{host.pk}"
    )
    local_stripe.complete_onboarding(account["id"])
    PayoutAccount.objects.create(user=host, stripe_account_id=account["id"], payouts_enabled=True)
    end = timezone.now() - timedelta(hours=1)
    bookings = [
        book(
            seeker,
            host,
            start_time=end - timedelta(hours=2),
            end_time=end,
            status=BookingStatus.COMPLETED,
            payment_status=PaymentStatus.PAID,
        )
        for _ in range(4)
    ]
    run_together([payouts_process, payouts_process, payouts_process])
    payouts = Transaction.objects.filter(type=TransactionType.PAYOUT)
    assert sorted(payouts.values_list("booking_id", flat=True)) == sorted(b.pk for b in bookings)
    transfers = gateway.stripe_call("parking", "transfers", "list", params={"destination": account["id"]})["data"]
    assert len(transfers) == 4


def test_double_webhook_delivery_at_once_is_handled_once(stripe_key, local_stripe, seeker, host, client_for):
    booking = book(seeker, host)
    guest = client_for(seeker)
    pi = guest.post(PAY + "payment-intent/", {"booking_id": booking.pk}, format="json").json()["data"]
    gateway.stripe_call(
        "parking", "payment_intents", "confirm", pi["payment_intent_id"], params={"payment_method": "pm_card_visa"}
    )
    event = latest_event(local_stripe, stripe_key, "payment_intent.succeeded", pi["payment_intent_id"])
    from rest_framework.test import APIClient

    clients = [APIClient() for _ in range(4)]
    assert statuses_together([lambda c=c: signed_post(c, event) for c in clients]) == [200] * 4
    assert WebhookEvent.objects.filter(event_id=event["id"]).count() == 1
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.PAID
    assert Transaction.objects.filter(booking=booking, type=TransactionType.CHARGE).count() == 1
