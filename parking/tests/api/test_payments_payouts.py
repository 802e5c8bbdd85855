"""Hosts' payout accounts and payouts: onboarding, account.updated, which stays are paid out, requests."""

from datetime import timedelta

import pytest

from core.payments import gateway
from parking.models import BookingStatus, PaymentStatus, PayoutAccount, Transaction, TransactionType
from parking.services.payments import payouts_process
from parking.tests.conftest import assert_error
from parking.tests.payments import PAY, book, latest_event

pytestmark = pytest.mark.django_db
ACCOUNT, PAYOUT = PAY + "payout-account/", PAY + "payout/"


@pytest.fixture
def onboarded_host(stripe_key, local_stripe, host, client_for, deliver):
    """`host` with a payouts-enabled Connect account, the account.updated event delivered."""
    account_id = client_for(host).post(ACCOUNT).json()["data"]["account"]["stripe_account_id"]
    local_stripe.complete_onboarding(account_id)
    assert deliver(latest_event(local_stripe, stripe_key, "account.updated", account_id)).status_code == 200
    return host


def completed_paid(seeker, host, *, ended_ago=timedelta(hours=1), **fields):
    """A COMPLETED, PAID booking whose stay ended `ended_ago` (payment rows as the charge left them)."""
    from django.utils import timezone

    end = timezone.now() - ended_ago
    fields = {"status": BookingStatus.COMPLETED, "payment_status": PaymentStatus.PAID, **fields}
    return book(seeker, host, start_time=end - timedelta(hours=2), end_time=end, **fields)


def test_payout_account_is_made_once_and_reports_flags(stripe_key, local_stripe, host, client_for, deliver):
    client = client_for(host)
    assert client.get(ACCOUNT).json()["data"]["has_account"] is False
    first, again = client.post(ACCOUNT), client.post(ACCOUNT)
    assert first.status_code == again.status_code == 200
    data = first.json()["data"]
    assert data["onboarding_url"].startswith("http")
    account_id = data["account"]["stripe_account_id"]
    assert again.json()["data"]["account"]["stripe_account_id"] == account_id
    assert [a["id"] for a in gateway.stripe_call("parking", "accounts", "list", params={"limit": 10})["data"]] == [
        account_id
    ]
    local_stripe.complete_onboarding(account_id)
    deliver(latest_event(local_stripe, stripe_key, "account.updated", account_id))
    status = client.get(ACCOUNT).json()["data"]
    assert status["payouts_enabled"] is True and status["is_ready"] is True
    assert status["onboarding_completed_at"]


def test_payout_account_roles_and_stripe(stripe_key, seeker, client_for, api_client, settings, host):
    assert_error(client_for(seeker).post(ACCOUNT), 403)
    assert_error(client_for(seeker).get(ACCOUNT), 403)
    assert_error(api_client.post(ACCOUNT), 401)
    settings.STRIPE = {**settings.STRIPE, "SECRET_KEYS": {"parking": ""}}
    assert_error(client_for(host).post(ACCOUNT), 503)
    assert not PayoutAccount.objects.exists()


def test_process_payouts_pays_each_finished_stay_once_at_the_frozen_clock(onboarded_host, seeker, both, settings):
    from django.utils import timezone

    settings.PARKING_PLATFORM_FEE_PERCENT = 10
    now = timezone.now()
    due = completed_paid(seeker, onboarded_host)
    checked_out_early = completed_paid(seeker, onboarded_host, ended_ago=-timedelta(hours=3))
    unpaid = completed_paid(seeker, onboarded_host, payment_status=PaymentStatus.UNPAID)
    refunded = completed_paid(seeker, onboarded_host, payment_status=PaymentStatus.REFUNDED)
    confirmed = book(seeker, onboarded_host, status=BookingStatus.CONFIRMED, payment_status=PaymentStatus.PAID)
    host_without_account = completed_paid(seeker, both)
    paid = payouts_process(now=now)
    assert [p.booking_id for p in paid] == [due.pk]
    assert (paid[0].amount, paid[0].platform_fee, paid[0].user_id) == (540, 60, onboarded_host.pk)
    assert payouts_process(now=now) == []
    # Three hours later the early check-out's booked stay is over too.
    later = payouts_process(now=now + timedelta(hours=4))
    assert [p.booking_id for p in later] == [checked_out_early.pk]
    paid_ids = set(Transaction.objects.filter(type=TransactionType.PAYOUT).values_list("booking_id", flat=True))
    assert paid_ids == {due.pk, checked_out_early.pk}
    assert not {unpaid.pk, refunded.pk, confirmed.pk, host_without_account.pk} & paid_ids
    transfers = gateway.stripe_call("parking", "transfers", "list", params={"limit": 100})["data"]
    assert sorted(t["amount"] for t in transfers) == [540, 540]


def test_payout_request(onboarded_host, seeker, client_for, api_client, both):
    client = client_for(onboarded_host)
    assert_error(client.post(PAYOUT), 400, "VALIDATION_ERROR")  # nothing owed
    booking = completed_paid(seeker, onboarded_host)
    response = client.post(PAYOUT)
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert (data["count"], data["total_amount"]) == (1, 600)
    assert data["payouts"][0]["booking_id"] == booking.pk and data["payouts"][0]["type"] == "PAYOUT"
    assert_error(client.post(PAYOUT), 400)  # paid already
    assert_error(client_for(both).post(PAYOUT), 400)  # no payout account
    assert_error(client_for(seeker).post(PAYOUT), 403)
    assert_error(api_client.post(PAYOUT), 401)
    host_txns = client.get(PAY + "transactions/").json()["data"]["results"]
    assert [(t["type"], t["booking_id"]) for t in host_txns] == [("PAYOUT", booking.pk)]


def test_payout_request_without_stripe_is_503(no_stripe_key, host, client_for):
    assert_error(client_for(host).post(PAYOUT), 503)
