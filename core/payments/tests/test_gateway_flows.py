"""The gateway over HTTP against the local Stripe server: idempotent creates, errors mapped, intent to webhook."""

import pytest

from core.payments import gateway, webhooks
from core.payments.exceptions import PaymentDeclined, PaymentRequestInvalid
from core.payments.local_stripe.events import event_payload, signed_event_headers
from core.payments.models import WebhookEvent
from core.payments.webhooks import webhook_handler

pytestmark = pytest.mark.django_db
WEBHOOK_SECRET = "whsec_flows"


@pytest.fixture
def api_key(settings, local_stripe) -> str:
    """Parking's key: one of its own per test, so the server's events and objects are the test's alone."""
    return local_stripe.configure(settings, "parking", webhook_secret=WEBHOOK_SECRET)


def test_a_retried_request_makes_one_stripe_object(api_key, make_account, client_for):
    user = make_account("parking")
    client = client_for(user)
    first = client.post("/parking/api/v1/_test/stripe-customer/", {}, format="json")
    again = client.post("/parking/api/v1/_test/stripe-customer/", {}, format="json")
    assert first.status_code == again.status_code == 201
    assert first.json()["data"]["customer"] == again.json()["data"]["customer"]
    customers = gateway.stripe_call("parking", "customers", "list", params={"email": user.email, "limit": 10})
    assert [customer["id"] for customer in customers["data"]] == [first.json()["data"]["customer"]]


def test_a_declined_card_is_402_and_an_unknown_object_400(api_key, make_account):
    user = make_account("parking")
    with pytest.raises(PaymentDeclined):
        gateway.stripe_create(
            "parking",
            "payment_intents",
            {"amount": 1500, "currency": "usd", "payment_method": "pm_card_chargeDeclined", "confirm": True},
            idempotency_key=gateway.idempotency_key(user, "declined"),
        )
    with pytest.raises(PaymentRequestInvalid):
        gateway.stripe_call("parking", "payment_intents", "retrieve", "pi_does_not_exist")


def test_from_intent_to_webhook_to_handler(
    api_key, local_stripe, make_account, client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(webhooks, "_HANDLERS", {})
    paid = []

    @webhook_handler("parking", "payment_intent.succeeded")
    def record_payment(event: dict) -> None:
        intent = event["data"]["object"]
        paid.append((intent["id"], intent["amount"], intent["metadata"]["booking"]))

    user = make_account("parking")
    intent = gateway.stripe_create(
        "parking",
        "payment_intents",
        {
            "amount": 2550,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
            "metadata": {"booking": "7"},
        },
        idempotency_key=gateway.idempotency_key(user, "booking-7"),
    )
    assert intent["status"] == "succeeded"

    # Stripe's event, as the server recorded it for this key, delivered the way Stripe delivers it.
    (succeeded,) = local_stripe.events("payment_intent.succeeded", api_key=api_key)
    payload = event_payload(succeeded)
    headers = signed_event_headers(payload, WEBHOOK_SECRET)
    for _ in range(3):  # Stripe retries; the handler runs once
        with django_capture_on_commit_callbacks(execute=True):  # the handling task queued after commit
            response = client.post(
                "/parking/api/v1/payments/webhook/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=headers["Stripe-Signature"],
            )
        assert response.status_code == 200
    assert WebhookEvent.objects.get(event_id=succeeded["id"]).status == WebhookEvent.Status.HANDLED
    assert paid == [(intent["id"], 2550, "7")]


@pytest.mark.parametrize("order", ["as-sent", "reversed"])
def test_events_in_any_order_end_in_the_current_state(
    api_key, local_stripe, make_account, client, monkeypatch, django_capture_on_commit_callbacks, order
):
    monkeypatch.setattr(webhooks, "_HANDLERS", {})
    stored = {}

    @webhook_handler("parking", "payment_intent.created", "payment_intent.succeeded")
    def store_intent(event: dict) -> None:
        intent = gateway.event_object_current("parking", event)
        stored[intent["id"]] = intent["status"]

    user = make_account("parking")
    intent = gateway.stripe_create(
        "parking",
        "payment_intents",
        {"amount": 900, "currency": "usd", "payment_method": "pm_card_visa", "confirm": True},
        idempotency_key=gateway.idempotency_key(user, f"order-{order}"),
    )
    events = [event for event in local_stripe.events(api_key=api_key) if event["type"].startswith("payment_intent.")]
    assert [event["type"] for event in events] == ["payment_intent.created", "payment_intent.succeeded"]
    for event in events if order == "as-sent" else reversed(events):
        payload = event_payload(event)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/parking/api/v1/payments/webhook/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signed_event_headers(payload, WEBHOOK_SECRET)["Stripe-Signature"],
            )
    assert stored == {intent["id"]: "succeeded"}
