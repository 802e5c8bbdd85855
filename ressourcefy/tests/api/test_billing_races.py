"""Billing under concurrency (PostgreSQL): the same Stripe event delivered twice at once has its effect once."""

import pytest

from core.payments.local_stripe.events import event_payload, signed_event_headers
from core.payments.models import WebhookEvent
from core.testing.races import run_together, statuses_together
from ressourcefy.models import OutboxEvent, Payment, Purchase, PurchaseStatus, Subscription, SubscriptionStatus
from ressourcefy.services.billing import subscription_price_create
from ressourcefy.tests.api import billing_helpers
from ressourcefy.tests.api.billing_helpers import (
    CANCEL,
    CHECKOUT,
    SUCCESS,
    WEBHOOK,
    make_premium,
    pay_on_checkout,
    stripe_events,
)

stripe_key = billing_helpers.stripe_key  # fixture


def post_signed(client_factory, event: dict):
    payload = event_payload(event)
    signature = signed_event_headers(payload, billing_helpers.WEBHOOK_SECRET)["Stripe-Signature"]
    return lambda: client_factory().post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def paid_session(client_for, user, body: dict) -> str:
    response = client_for(user).post(CHECKOUT, {"success_url": SUCCESS, "cancel_url": CANCEL, **body}, format="json")
    assert response.status_code == 201, response.content
    assert pay_on_checkout(response.json()["data"]["url"]) == 303
    return response.json()["data"]["sessionId"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_checkout_completed_delivered_twice_at_once(stripe_key, local_stripe, client_for, reader, contributor):
    from rest_framework.test import APIClient

    session_id = paid_session(client_for, reader, {"resource_id": str(make_premium(contributor).pk)})
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session_id)
    assert statuses_together([post_signed(APIClient, completed) for _ in range(2)]) == [200, 200]
    purchase = Purchase.objects.get(checkout_session_id=session_id)
    assert purchase.status == PurchaseStatus.COMPLETED
    assert Payment.objects.filter(purchase=purchase).count() == 1
    assert OutboxEvent.objects.filter(event_type="purchase.completed").count() == 1
    assert WebhookEvent.objects.get(event_id=completed["id"]).status == WebhookEvent.Status.HANDLED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_events_of_one_new_subscription_at_once_make_one_row(stripe_key, local_stripe, client_for, reader):
    from rest_framework.test import APIClient

    price = subscription_price_create(amount_cents=999)
    session_id = paid_session(client_for, reader, {"price_id": price.stripe_price_id})
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session_id)
    (created,) = stripe_events(local_stripe, stripe_key, "customer.subscription.created")
    responses = run_together([post_signed(APIClient, completed), post_signed(APIClient, created)])
    assert [r.status_code for r in responses] == [200, 200]
    (subscription,) = Subscription.objects.all()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert OutboxEvent.objects.filter(event_type="subscription.changed").count() == 1
