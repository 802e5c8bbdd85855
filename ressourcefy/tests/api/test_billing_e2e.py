"""Billing end to end: the local Stripe server itself delivers its signed events to our webhook on a live server.

Nothing is handed over by the test: the buyer pays on the hosted Checkout page, Stripe posts
`checkout.session.completed` (and, for a subscription, `customer.subscription.*` and the invoice's
events) to `/ressourcefy/api/billing/webhook/`, and the rows the access rules read change.
"""

import time

import pytest

from ressourcefy.models import Payment, PaymentStatus, Purchase, PurchaseStatus, Subscription, SubscriptionStatus
from ressourcefy.services.billing import subscription_price_create
from ressourcefy.tests.api import billing_helpers
from ressourcefy.tests.api.billing_helpers import CANCEL, CHECKOUT, SUCCESS, WEBHOOK, make_premium, pay_on_checkout

# Stripe posts several events at once (payment_intent.*, charge.*, checkout.session.completed): on SQLite's
# shared in-memory test database those concurrent writers fail with "table is locked", so PostgreSQL only.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]
stripe_key = billing_helpers.stripe_key  # fixture


def eventually(check, *, seconds: float = 15.0):
    """Wait for the webhook deliveries, which the local server makes off its request path."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


@pytest.fixture
def stripe_delivers(stripe_key, local_stripe, live_server):
    local_stripe.set_webhook(stripe_key, live_server.url + WEBHOOK, billing_helpers.WEBHOOK_SECRET)
    return stripe_key


def start_checkout(client, **body) -> dict:
    response = client.post(CHECKOUT, {"success_url": SUCCESS, "cancel_url": CANCEL, **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["data"]


def test_buying_a_premium_resource_through_checkout(stripe_delivers, client_for, reader, contributor, mailoutbox):
    resource = make_premium(contributor, price_cents=1900)
    session = start_checkout(client_for(reader), resource_id=str(resource.pk))
    assert Purchase.objects.get(checkout_session_id=session["sessionId"]).status == PurchaseStatus.PENDING
    assert pay_on_checkout(session["url"]) == 303

    def completed():
        return Purchase.objects.filter(
            checkout_session_id=session["sessionId"], status=PurchaseStatus.COMPLETED
        ).first()

    purchase = eventually(completed)
    assert purchase is not None, "checkout.session.completed was not delivered and handled"
    assert (purchase.user, purchase.resource, purchase.amount_cents) == (reader, resource, 1900)
    payment = Payment.objects.get(purchase=purchase)
    assert (payment.status, payment.amount_cents, payment.user) == (PaymentStatus.COMPLETED, 1900, reader)


def test_subscribing_through_checkout(stripe_delivers, client_for, reader):
    price = subscription_price_create(amount_cents=999)
    session = start_checkout(client_for(reader), price_id=price.stripe_price_id)
    assert pay_on_checkout(session["url"]) == 303

    def active():
        return Subscription.objects.filter(user=reader, status=SubscriptionStatus.ACTIVE).first()

    subscription = eventually(active)
    assert subscription is not None, "the subscription's events were not delivered and handled"
    assert subscription.current_period_end is not None
    assert eventually(
        lambda: Payment.objects.filter(subscription=subscription, status=PaymentStatus.COMPLETED).exists()
    )
    # Now subscribed: a second subscription is refused.
    response = client_for(reader).post(
        CHECKOUT, {"price_id": price.stripe_price_id, "success_url": SUCCESS, "cancel_url": CANCEL}, format="json"
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_action"
