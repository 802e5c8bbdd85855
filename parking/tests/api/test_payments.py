"""Payment endpoints against the local Stripe server: cards, paying a booking, confirming, the ledger."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.payments import gateway
from core.payments.exceptions import PaymentDeclined
from parking.models import (
    BookingPayment,
    BookingStatus,
    PaymentStatus,
    StripeCustomer,
    Transaction,
    TransactionType,
)
from parking.services import bookings as booking_services
from parking.tests.conftest import assert_error
from parking.tests.payments import PAY, book, latest_event

pytestmark = pytest.mark.django_db
SETUP, METHODS, INTENT, CONFIRM, TRANSACTIONS = (
    PAY + "setup-intent/",
    PAY + "methods/",
    PAY + "payment-intent/",
    PAY + "confirm/",
    PAY + "transactions/",
)


def stripe_customer_ids() -> set[str]:
    """Every customer at local Stripe (localstripe lists all keys' customers: compare before and after)."""
    return {c["id"] for c in gateway.stripe_call("parking", "customers", "list", params={"limit": 100})["data"]}


def pay(client, booking, payment_method="pm_card_visa"):
    intent = client.post(INTENT, {"booking_id": booking.pk}, format="json")
    assert intent.status_code == 200, intent.content
    pi = intent.json()["data"]["payment_intent_id"]
    return client.post(CONFIRM, {"payment_intent_id": pi, "payment_method": payment_method}, format="json")


# --- customers, setup intents, cards ----------------------------------------------------


def test_setup_intent_makes_one_customer_per_account(stripe_key, seeker, client_for):
    customers_before = stripe_customer_ids()
    client = client_for(seeker)
    first, again = client.post(SETUP), client.post(SETUP)
    assert first.status_code == again.status_code == 201
    data = first.json()["data"]
    assert set(data) == {"client_secret", "setup_intent_id", "customer_id"}
    assert data["setup_intent_id"].startswith("seti_") and data["client_secret"]
    assert again.json()["data"]["customer_id"] == data["customer_id"]
    assert StripeCustomer.objects.get(user=seeker).stripe_customer_id == data["customer_id"]
    assert stripe_customer_ids() - customers_before == {data["customer_id"]}


def test_setup_intent_needs_an_account_and_stripe(api_client, client_for, seeker, no_stripe_key):
    assert_error(api_client.post(SETUP), 401)
    assert_error(client_for(seeker).post(SETUP), 503)
    assert not StripeCustomer.objects.exists()


def test_cards_attach_list_default_and_detach(stripe_key, seeker, client_for):
    client = client_for(seeker)
    assert client.get(METHODS).json()["data"] == []
    added = client.post(METHODS, {"payment_method_id": "pm_card_visa", "set_default": True}, format="json")
    assert added.status_code == 201, added.content
    card = added.json()["data"]
    assert set(card) == {"id", "brand", "last4", "exp_month", "exp_year", "is_default"}
    assert (card["brand"], card["last4"], card["is_default"]) == ("visa", "4242", True)
    second = client.post(METHODS, {"payment_method_id": "pm_card_chargeDeclined"}, format="json").json()["data"]
    assert (second["last4"], second["is_default"]) == ("0341", False)
    listed = client.get(METHODS).json()["data"]
    assert {c["id"]: c["is_default"] for c in listed} == {card["id"]: True, second["id"]: False}
    removed = client.delete(f"{METHODS}{second['id']}/")
    assert removed.status_code == 200, removed.content
    assert [c["id"] for c in client.get(METHODS).json()["data"]] == [card["id"]]


def test_cards_of_someone_else_or_unknown_are_404(stripe_key, seeker, both, client_for):
    card = client_for(seeker).post(METHODS, {"payment_method_id": "pm_card_visa"}, format="json").json()["data"]
    other = client_for(both)
    assert_error(other.delete(f"{METHODS}{card['id']}/"), 404)  # no customer yet
    other.post(SETUP)
    assert_error(other.delete(f"{METHODS}{card['id']}/"), 404)  # a customer, not this card's
    assert_error(other.delete(f"{METHODS}pm_nope/"), 404)
    assert [c["id"] for c in client_for(seeker).get(METHODS).json()["data"]] == [card["id"]]


def test_cards_validation_auth_and_no_stripe(stripe_key, seeker, client_for, api_client, settings):
    client = client_for(seeker)
    assert_error(client.post(METHODS, {}, format="json"), 400, "VALIDATION_ERROR")
    assert_error(client.post(METHODS, {"payment_method_id": "pm_does_not_exist"}, format="json"), 400)
    assert_error(api_client.get(METHODS), 401)
    assert_error(api_client.delete(f"{METHODS}pm_x/"), 401)
    settings.STRIPE = {**settings.STRIPE, "SECRET_KEYS": {"parking": ""}}
    assert_error(client.get(METHODS), 503)
    assert_error(client.delete(f"{METHODS}pm_x/"), 503)


# --- payment intents ---------------------------------------------------------------------


def test_payment_intent_is_one_per_booking_and_follows_the_price(stripe_key, seeker, host, client_for):
    booking = book(seeker, host)
    client = client_for(seeker)
    first = client.post(INTENT, {"booking_id": booking.pk}, format="json")
    assert first.status_code == 200, first.content
    data = first.json()["data"]
    assert set(data) == {"payment_intent_id", "client_secret", "amount", "currency", "booking_id"}
    assert (data["amount"], data["currency"], data["booking_id"]) == (600, "usd", booking.pk)
    intent = gateway.stripe_call("parking", "payment_intents", "retrieve", data["payment_intent_id"])
    assert intent["customer"] == StripeCustomer.objects.get(user=seeker).stripe_customer_id
    assert intent["metadata"] == {
        "booking_id": str(booking.pk),
        "listing_id": str(booking.listing_id),
        "guest_id": str(seeker.pk),
        "host_id": str(host.pk),
    }
    # Re-priced while unpaid: the same intent, its amount changed at Stripe.
    booking_services.booking_update(booking=booking, end_time=booking.start_time + booking_services.HOUR * 3)
    again = client.post(INTENT, {"booking_id": booking.pk}, format="json").json()["data"]
    assert again["payment_intent_id"] == data["payment_intent_id"]
    assert again["amount"] == 900
    stripe_intent = gateway.stripe_call("parking", "payment_intents", "retrieve", again["payment_intent_id"])
    assert int(stripe_intent["amount"]) == 900
    assert BookingPayment.objects.count() == 1
    customer_id = StripeCustomer.objects.get(user=seeker).stripe_customer_id
    intents = gateway.stripe_call("parking", "payment_intents", "list", params={"limit": 100})["data"]
    assert [i["id"] for i in intents if i["customer"] == customer_id] == [data["payment_intent_id"]]


def test_payment_intent_only_for_own_payable_booking(stripe_key, seeker, both, host, client_for, api_client):
    booking = book(seeker, host)
    assert_error(client_for(both).post(INTENT, {"booking_id": booking.pk}, format="json"), 404)
    assert_error(client_for(seeker).post(INTENT, {"booking_id": 10**9}, format="json"), 404)
    assert_error(client_for(seeker).post(INTENT, {"booking_id": "x"}, format="json"), 400, "VALIDATION_ERROR")
    assert_error(client_for(seeker).post(INTENT, {}, format="json"), 400)
    assert_error(client_for(host).post(INTENT, {"booking_id": booking.pk}, format="json"), 403)
    assert_error(api_client.post(INTENT, {"booking_id": booking.pk}, format="json"), 401)
    cancelled = book(seeker, host, status=BookingStatus.CANCELLED)
    assert_error(client_for(seeker).post(INTENT, {"booking_id": cancelled.pk}, format="json"), 400)
    paid = book(seeker, host, payment_status=PaymentStatus.PAID)
    assert_error(client_for(seeker).post(INTENT, {"booking_id": paid.pk}, format="json"), 400)
    assert not BookingPayment.objects.exists()


def test_payment_intent_without_stripe_is_503(no_stripe_key, seeker, host, client_for):
    booking = book(seeker, host)
    assert_error(client_for(seeker).post(INTENT, {"booking_id": booking.pk}, format="json"), 503)
    assert_error(client_for(seeker).post(CONFIRM, {"payment_intent_id": "pi_1", "payment_method": "pm"}), 503)
    assert not BookingPayment.objects.exists()


# --- confirming ------------------------------------------------------------------------


def test_confirm_stores_the_payment_at_once(stripe_key, seeker, host, client_for):
    booking = book(seeker, host)
    response = pay(client_for(seeker), booking)
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {
        "booking_id": booking.pk,
        "status": "PENDING",
        "payment_status": "PAID",
        "amount": 600,
        "currency": "usd",
        "refund_due": 0,
    }
    charge = Transaction.objects.get(booking=booking)
    assert (charge.type, charge.amount, charge.status, charge.user_id) == ("CHARGE", 600, "SUCCEEDED", seeker.pk)
    assert charge.stripe_id.startswith("ch_")


def test_declined_card_is_402_and_nothing_paid(stripe_key, seeker, host, client_for):
    booking = book(seeker, host)
    response = pay(client_for(seeker), booking, payment_method="pm_card_chargeDeclined")
    assert_error(response, 402, "PAYMENT_DECLINED")
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.FAILED
    assert not Transaction.objects.exists()
    # Another card afterwards pays it.
    assert pay(client_for(seeker), booking).json()["data"]["payment_status"] == "PAID"


def test_confirm_only_own_intent(stripe_key, seeker, both, host, client_for, api_client):
    booking = book(seeker, host)
    pi = client_for(seeker).post(INTENT, {"booking_id": booking.pk}, format="json").json()["data"]["payment_intent_id"]
    body = {"payment_intent_id": pi, "payment_method": "pm_card_visa"}
    assert_error(client_for(both).post(CONFIRM, body, format="json"), 404)
    assert_error(client_for(seeker).post(CONFIRM, {**body, "payment_intent_id": "pi_unknown"}, format="json"), 404)
    assert_error(client_for(seeker).post(CONFIRM, {"payment_method": "pm_card_visa"}, format="json"), 400)
    assert_error(client_for(host).post(CONFIRM, body, format="json"), 403)
    assert_error(api_client.post(CONFIRM, body, format="json"), 401)
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.UNPAID


# --- webhooks ---------------------------------------------------------------------------


def test_succeeded_event_marks_paid_once(stripe_key, local_stripe, seeker, host, client_for, deliver):
    booking = book(seeker, host)
    client = client_for(seeker)
    pi = client.post(INTENT, {"booking_id": booking.pk}, format="json").json()["data"]["payment_intent_id"]
    gateway.stripe_call("parking", "payment_intents", "confirm", pi, params={"payment_method": "pm_card_visa"})
    event = latest_event(local_stripe, stripe_key, "payment_intent.succeeded", pi)
    assert deliver(event).status_code == 200
    assert deliver(event).status_code == 200
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.PAID
    assert Transaction.objects.filter(booking=booking, type=TransactionType.CHARGE).count() == 1


def test_failed_event_marks_failed(stripe_key, local_stripe, seeker, host, client_for, deliver):
    booking = book(seeker, host)
    pi = client_for(seeker).post(INTENT, {"booking_id": booking.pk}, format="json").json()["data"]["payment_intent_id"]
    with pytest.raises(PaymentDeclined):  # the decline; the event is what the test looks at
        gateway.stripe_call(
            "parking", "payment_intents", "confirm", pi, params={"payment_method": "pm_card_chargeDeclined"}
        )
    deliver(latest_event(local_stripe, stripe_key, "payment_intent.payment_failed", pi))
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.FAILED


def test_payment_landing_on_a_cancelled_booking_is_refunded(
    stripe_key, local_stripe, seeker, host, client_for, deliver, django_capture_on_commit_callbacks
):
    booking = book(seeker, host)
    pi = client_for(seeker).post(INTENT, {"booking_id": booking.pk}, format="json").json()["data"]["payment_intent_id"]
    booking_services.booking_cancel(booking=booking)  # before the payment arrives
    gateway.stripe_call("parking", "payment_intents", "confirm", pi, params={"payment_method": "pm_card_visa"})
    deliver(latest_event(local_stripe, stripe_key, "payment_intent.succeeded", pi))
    booking.refresh_from_db()
    assert (booking.payment_status, booking.refund_due) == (PaymentStatus.PAID, 600)
    refund = Transaction.objects.get(booking=booking, type=TransactionType.REFUND)
    assert refund.amount == 600 and refund.stripe_id.startswith("re_")
    charge_id = BookingPayment.objects.get(booking=booking).stripe_charge_id
    deliver(latest_event(local_stripe, stripe_key, "charge.refunded", charge_id))
    booking.refresh_from_db()
    assert booking.payment_status == PaymentStatus.REFUNDED


@pytest.mark.parametrize("how", ["cancel", "decline", "expire"])
def test_paid_booking_cancelled_declined_or_expired_is_refunded_once(
    how, stripe_key, seeker, host, client_for, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from parking.services.payments import booking_refund_pay

    booking = book(seeker, host)
    pay(client_for(seeker), booking)
    booking.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        if how == "cancel":
            booking_services.booking_cancel(booking=booking)
        elif how == "decline":
            booking_services.booking_decline(booking=booking)
        else:
            booking_services.bookings_expire(now=booking.start_time + timedelta(minutes=1))
    booking.refresh_from_db()
    assert booking.refund_due == 600
    booking_refund_pay(booking_id=booking.pk)  # the task again: the same refund
    charge_id = BookingPayment.objects.get(booking=booking).stripe_charge_id
    refunds = gateway.stripe_call("parking", "refunds", "list", params={"limit": 100})["data"]
    assert [r["amount"] for r in refunds if r["charge"] == charge_id] == [600]
    assert Transaction.objects.filter(booking=booking, type=TransactionType.REFUND).count() == 1


# --- the ledger ----------------------------------------------------------------------------


def test_transactions_are_the_callers_newest_first_with_flat_queries(stripe_key, seeker, both, host, client_for):
    bookings = [book(seeker, host) for _ in range(3)]
    for booking in bookings:
        Transaction.objects.create(user=seeker, booking=booking, type="CHARGE", amount=600, status="SUCCEEDED")
    Transaction.objects.create(user=host, booking=bookings[0], type="PAYOUT", amount=600)
    client = client_for(seeker)
    response = client.get(TRANSACTIONS)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["count"] == 3
    assert [t["booking_id"] for t in data["results"]] == [b.pk for b in reversed(bookings)]
    assert set(data["results"][0]) == {"id", "type", "amount", "currency", "status", "booking_id", "created_at"}
    assert client_for(both).get(TRANSACTIONS).json()["data"]["count"] == 0
    with CaptureQueriesContext(connection) as few:
        client.get(TRANSACTIONS, {"page_size": 1})
    for booking in [book(seeker, host) for _ in range(5)]:
        Transaction.objects.create(user=seeker, booking=booking, type="REFUND", amount=1)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(TRANSACTIONS, {"page_size": 8}).json()["data"]["results"]) == 8
    assert len(many) == len(few)


def test_transactions_need_an_account(api_client):
    assert_error(api_client.get(TRANSACTIONS), 401)
