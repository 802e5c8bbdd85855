"""billing/checkout/ and the Stripe webhook against the local Stripe server: purchases, subscriptions, refunds."""

import pytest

from core.payments import gateway
from core.payments.models import WebhookEvent
from ressourcefy.models import (
    BillingCustomer,
    OutboxEvent,
    Payment,
    PaymentStatus,
    Price,
    PriceKind,
    Purchase,
    PurchaseStatus,
    Subscription,
    SubscriptionStatus,
)
from ressourcefy.services.billing import resource_price_ensure, subscription_price_create
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
from ressourcefy.tests.conftest import assert_error

pytestmark = pytest.mark.django_db
stripe_key, deliver = billing_helpers.stripe_key, billing_helpers.deliver  # fixtures


def checkout(client, **body):
    return client.post(CHECKOUT, {"success_url": SUCCESS, "cancel_url": CANCEL, **body}, format="json")


def buy(client_for, user, resource, local_stripe, stripe_key, deliver) -> Purchase:
    """The whole purchase: checkout, pay on the hosted page, checkout.session.completed delivered."""
    response = checkout(client_for(user), resource_id=str(resource.pk))
    assert response.status_code == 201, response.content
    session_id = response.json()["data"]["sessionId"]
    assert pay_on_checkout(response.json()["data"]["url"]) == 303
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session_id)
    assert deliver(completed).status_code == 200
    return Purchase.objects.get(checkout_session_id=session_id)


# --- checkout ---------------------------------------------------------------------------


def test_buying_a_premium_resource_completes_the_purchase(
    stripe_key, local_stripe, client_for, reader, contributor, deliver, mailoutbox
):
    resource = make_premium(contributor)
    purchase = buy(client_for, reader, resource, local_stripe, stripe_key, deliver)
    assert (purchase.status, purchase.user, purchase.amount_cents) == (PurchaseStatus.COMPLETED, reader, 1500)
    assert purchase.payment_intent_id.startswith("pi_")
    payment = Payment.objects.get(purchase=purchase)
    assert (payment.status, payment.amount_cents, payment.provider_reference) == (
        PaymentStatus.COMPLETED,
        1500,
        purchase.payment_intent_id,
    )
    event = OutboxEvent.objects.get(event_type="purchase.completed")
    assert event.payload["purchase_id"] == str(purchase.pk) and event.payload["user_id"] == str(reader.uuid)
    # The session was made for our customer, in payment mode, with our ids in its metadata.
    session = gateway.stripe_call("ressourcefy", "checkout.sessions", "retrieve", purchase.checkout_session_id)
    assert session["mode"] == "payment"
    assert session["customer"] == BillingCustomer.objects.get(user=reader).stripe_customer_id
    assert session["metadata"] == {
        "user_id": str(reader.uuid),
        "purchase_id": str(purchase.pk),
        "resource_id": str(resource.pk),
    }


def test_the_resource_price_is_made_at_stripe_once_and_by_price_id_too(
    stripe_key, local_stripe, client_for, reader, rfy_account, contributor
):
    resource = make_premium(contributor)
    first = checkout(client_for(reader), resource_id=str(resource.pk))
    assert first.status_code == 201, first.content
    price = Price.objects.get(resource=resource)
    assert (price.kind, price.amount_cents, price.active) == (PriceKind.ONE_TIME, 1500, True)
    other = rfy_account("USER", "olga")
    second = checkout(client_for(other), price_id=price.stripe_price_id)
    assert second.status_code == 201, second.content
    assert Price.objects.filter(resource=resource).count() == 1
    assert Purchase.objects.filter(resource=resource, status=PurchaseStatus.PENDING).count() == 2
    # A new price_cents retires the old price and makes one at the new amount.
    resource.price_cents = 2500
    resource.save()
    assert resource_price_ensure(resource=resource).amount_cents == 2500
    assert list(Price.objects.filter(resource=resource, active=True).values_list("amount_cents", flat=True)) == [2500]
    assert checkout(client_for(reader), price_id=price.stripe_price_id).status_code == 400


def test_one_stripe_customer_per_account(stripe_key, local_stripe, client_for, reader, contributor):
    resource = make_premium(contributor)
    for _ in range(2):
        assert checkout(client_for(reader), resource_id=str(resource.pk)).status_code == 201
    customer = BillingCustomer.objects.get(user=reader)
    created = stripe_events(local_stripe, stripe_key, "customer.created")
    assert [event["data"]["object"]["id"] for event in created] == [customer.stripe_customer_id]


def test_buying_a_resource_you_own_or_wrote_is_refused(
    stripe_key, local_stripe, client_for, reader, contributor, deliver
):
    resource = make_premium(contributor)
    buy(client_for, reader, resource, local_stripe, stripe_key, deliver)
    assert_error(checkout(client_for(reader), resource_id=str(resource.pk)), 400, "invalid_action")
    assert_error(checkout(client_for(contributor), resource_id=str(resource.pk)), 400, "invalid_action")


def test_prices_not_sold_are_refused(stripe_key, client_for, reader, contributor):
    public = make_premium(contributor)
    public.visibility, public.price_cents = "public", None
    public.save()
    assert_error(checkout(client_for(reader), resource_id=str(public.pk)), 400, "invalid_action")
    assert_error(checkout(client_for(reader), price_id="price_unknown"), 400, "invalid_action")
    missing = "00000000-0000-0000-0000-000000000000"
    assert_error(checkout(client_for(reader), resource_id=missing), 400, "invalid_action")
    assert not Purchase.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"price_id": "price_1", "resource_id": "00000000-0000-0000-0000-000000000000"},
        {"price_id": "price_1", "success_url": "not a url"},
        {"price_id": "x" * 256},
        {"resource_id": "nope"},
    ],
)
def test_checkout_validation(stripe_key, client_for, reader, body):
    response = client_for(reader).post(CHECKOUT, {"cancel_url": CANCEL, "success_url": SUCCESS, **body}, format="json")
    error = assert_error(response, 400, "validation_error")
    assert error["details"]


def test_checkout_needs_a_validated_url_pair(stripe_key, client_for, reader):
    response = client_for(reader).post(CHECKOUT, {"price_id": "price_1", "success_url": SUCCESS}, format="json")
    assert "cancel_url" in assert_error(response, 400, "validation_error")["details"]


def test_checkout_needs_an_activated_account(stripe_key, api_client, client_for, make_account):
    assert_error(api_client.post(CHECKOUT, {}, format="json"), 401)
    inactive = make_account("ressourcefy", email="new@example.com")
    inactive.is_verified = False
    inactive.save(update_fields=["is_verified"])
    assert_error(checkout(client_for(inactive), price_id="price_1"), 403, "account_not_activated")


def test_checkout_without_stripe_is_503(settings, client_for, reader):
    settings.STRIPE = {**settings.STRIPE, "SECRET_KEYS": {"ressourcefy": ""}}
    assert_error(checkout(client_for(reader), price_id="price_1"), 503)


# --- subscriptions ----------------------------------------------------------------------


def subscribe(client_for, user, price, local_stripe, stripe_key, deliver) -> Subscription:
    response = checkout(client_for(user), price_id=price.stripe_price_id)
    assert response.status_code == 201, response.content
    session_id = response.json()["data"]["sessionId"]
    assert pay_on_checkout(response.json()["data"]["url"]) == 303
    session = gateway.stripe_call("ressourcefy", "checkout.sessions", "retrieve", session_id)
    assert session["mode"] == "subscription" and session["subscription"]
    for type in ("customer.subscription.created", "invoice.paid", "customer.subscription.updated"):
        for event in stripe_events(local_stripe, stripe_key, type):
            assert deliver(event).status_code == 200
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session_id)
    assert deliver(completed).status_code == 200
    return Subscription.objects.get(stripe_subscription_id=session["subscription"])


def test_subscribing_through_checkout_activates_the_subscription(stripe_key, local_stripe, client_for, reader, deliver):
    price = subscription_price_create(amount_cents=999)
    subscription = subscribe(client_for, reader, price, local_stripe, stripe_key, deliver)
    assert (subscription.user, subscription.status, subscription.plan) == (reader, SubscriptionStatus.ACTIVE, "premium")
    assert subscription.current_period_end is not None
    assert subscription.stripe_customer_id == BillingCustomer.objects.get(user=reader).stripe_customer_id
    changed = OutboxEvent.objects.filter(event_type="subscription.changed", aggregate_id=str(subscription.pk))
    assert [e.payload["status"] for e in changed] == ["active"]
    # Subscribing again while active is refused.
    assert_error(checkout(client_for(reader), price_id=price.stripe_price_id), 400, "invalid_action")


def test_a_canceled_subscription_is_stored_as_stripe_says(stripe_key, local_stripe, client_for, reader, deliver):
    price = subscription_price_create(amount_cents=999)
    subscription = subscribe(client_for, reader, price, local_stripe, stripe_key, deliver)
    gateway.stripe_call("ressourcefy", "subscriptions", "cancel", subscription.stripe_subscription_id)
    (deleted,) = stripe_events(local_stripe, stripe_key, "customer.subscription.deleted")
    assert deliver(deleted).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELED
    # The older `created` event delivered again late changes nothing: the row is what Stripe says now.
    (created,) = stripe_events(local_stripe, stripe_key, "customer.subscription.created")
    created["id"] = created["id"] + "_replayed"
    assert deliver(created).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELED


def test_events_in_any_order_end_the_same(stripe_key, local_stripe, client_for, reader, contributor, deliver):
    """checkout.session.completed before the subscription's own events: one row, active."""
    price = subscription_price_create(amount_cents=999)
    response = checkout(client_for(reader), price_id=price.stripe_price_id)
    session_id = response.json()["data"]["sessionId"]
    pay_on_checkout(response.json()["data"]["url"])
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session_id)
    assert deliver(completed).status_code == 200
    for event in reversed(local_stripe.events(api_key=stripe_key)):
        assert deliver(event).status_code == 200
    (subscription,) = Subscription.objects.all()
    assert subscription.status == SubscriptionStatus.ACTIVE


# --- refunds and doubles -----------------------------------------------------------------


def test_a_refunded_charge_refunds_the_purchase(stripe_key, local_stripe, client_for, reader, contributor, deliver):
    purchase = buy(client_for, reader, make_premium(contributor), local_stripe, stripe_key, deliver)
    gateway.stripe_create(
        "ressourcefy", "refunds", {"payment_intent": purchase.payment_intent_id}, idempotency_key="test-refund"
    )
    refunded = stripe_events(local_stripe, stripe_key, "charge.refunded")
    assert refunded
    assert deliver(refunded[-1]).status_code == 200
    purchase.refresh_from_db()
    assert purchase.status == PurchaseStatus.REFUNDED
    assert Payment.objects.get(purchase=purchase).status == PaymentStatus.REFUNDED
    # A late repeat of checkout.session.completed does not complete it again.
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed")
    completed["id"] += "_again"
    deliver(completed)
    purchase.refresh_from_db()
    assert purchase.status == PurchaseStatus.REFUNDED
    assert OutboxEvent.objects.filter(event_type="purchase.completed").count() == 1


def test_the_same_event_twice_is_handled_once(stripe_key, local_stripe, client_for, reader, contributor, deliver):
    purchase = buy(client_for, reader, make_premium(contributor), local_stripe, stripe_key, deliver)
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed")
    assert deliver(completed).status_code == 200
    assert WebhookEvent.objects.filter(event_id=completed["id"]).count() == 1
    assert Payment.objects.filter(purchase=purchase).count() == 1
    assert OutboxEvent.objects.filter(event_type="purchase.completed").count() == 1


def test_a_bad_signature_is_400(stripe_key, client):
    response = client.post(WEBHOOK, b"{}", content_type="application/json", HTTP_STRIPE_SIGNATURE="t=1,v1=00")
    assert_error(response, 400)


def test_checkout_needs_a_finished_onboarding(stripe_key, client_for, rfy_account, contributor):
    newcomer = rfy_account("USER", "newbie", onboarding_step="interests")
    response = checkout(client_for(newcomer), resource_id=str(make_premium(contributor).pk))
    assert_error(response, 403, "onboarding_incomplete")
    assert not Purchase.objects.exists()
