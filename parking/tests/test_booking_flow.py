"""End to end against local Stripe: book, pay, confirm, stay, review, onboard the host, pay them out once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.payments import gateway
from parking.models import Booking, PaymentStatus, Transaction
from parking.services import bookings as booking_services
from parking.tasks import process_payouts
from parking.tests.conftest import API, make_listing
from parking.tests.payments import PAY, latest_event

pytestmark = pytest.mark.django_db


def test_seeker_books_pays_stays_reviews_and_host_is_paid_once(
    stripe_key, local_stripe, seeker, host, client_for, deliver
):
    guest, owner = client_for(seeker), client_for(host)
    listing = make_listing(host)
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    created = guest.post(
        API + "bookings/",
        {"listing": listing.pk, "start_time": start.isoformat(), "end_time": (start + timedelta(hours=2)).isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.content
    booking_id = created.json()["data"]["id"]

    intent = guest.post(PAY + "payment-intent/", {"booking_id": booking_id}, format="json").json()["data"]
    assert intent["amount"] == 600
    confirmed = guest.post(
        PAY + "confirm/", {"payment_intent_id": intent["payment_intent_id"], "payment_method": "pm_card_visa"}
    )
    assert confirmed.json()["data"]["payment_status"] == "PAID"
    assert deliver(latest_event(local_stripe, stripe_key, "payment_intent.succeeded", intent["payment_intent_id"]))
    assert Booking.objects.get(pk=booking_id).payment_status == PaymentStatus.PAID

    assert owner.post(API + f"bookings/{booking_id}/confirm/").status_code == 200
    booking = Booking.objects.get(pk=booking_id)
    booking_services.booking_check_in(booking=booking, now=start)
    booking_services.booking_check_out(booking=booking, now=start + timedelta(hours=2))
    review = guest.post(API + "reviews/", {"booking": booking_id, "rating": 5, "comment": "Great."}, format="json")
    assert review.status_code == 201, review.content

    account_id = owner.post(PAY + "payout-account/").json()["data"]["account"]["stripe_account_id"]
    local_stripe.complete_onboarding(account_id)
    deliver(latest_event(local_stripe, stripe_key, "account.updated", account_id))

    # The stay has not ended yet by the clock: the weekly task pays nothing until it has.
    assert process_payouts() == 0
    Booking.objects.filter(pk=booking_id).update(
        start_time=timezone.now() - timedelta(hours=3), end_time=timezone.now() - timedelta(hours=1)
    )
    assert process_payouts() == 1
    assert process_payouts() == 0
    transfers = gateway.stripe_call("parking", "transfers", "list", params={"destination": account_id})["data"]
    assert [(t["amount"], t["transfer_group"]) for t in transfers] == [(600, f"booking-{booking_id}")]
    assert Transaction.objects.filter(booking_id=booking_id).count() == 2  # the charge and the payout
    history = guest.get(PAY + "transactions/").json()["data"]["results"]
    assert [(t["type"], t["amount"], t["status"]) for t in history] == [("CHARGE", 600, "SUCCEEDED")]
