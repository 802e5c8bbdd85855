"""The local Stripe server driven by the real stripe SDK over loopback HTTP: the wire format our gateway relies on."""

import json
import os
import secrets
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
import stripe

from core.payments.local_stripe.events import event_object, parse_webhook_endpoints, signed_event_headers
from core.payments.local_stripe.wire import parse_form

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def api_key() -> str:
    """A key of its own per test: the server keeps events per key, so tests never see each other's."""
    return "sk_test_" + secrets.token_hex(12)


@pytest.fixture
def client(local_stripe, api_key) -> stripe.StripeClient:
    return stripe.StripeClient(api_key, base_addresses={"api": local_stripe.url}, max_network_retries=2)


def event_types(local_stripe, api_key) -> list[str]:
    return [event["type"] for event in local_stripe.events(api_key=api_key)]


def new_account(client, **params):
    return client.v1.accounts.create(params={"type": "express", "country": "US", "email": "pro@example.com", **params})


# --- Wire format ----------------------------------------------------------------------------------


def test_bracketed_form_keys_become_nested_dicts_and_lists():
    body = (
        "mode=payment&metadata[order]=42&line_items[0][price_data][currency]=eur"
        "&line_items[0][price_data][product_data][name]=Guide&line_items[1][price]=price_x"
        "&line_items[0][quantity]=2&expand[]=customer&expand[]=invoice"
    )
    assert parse_form(body) == {
        "mode": "payment",
        "metadata": {"order": "42"},
        "line_items": [
            {"price_data": {"currency": "eur", "product_data": {"name": "Guide"}}, "quantity": "2"},
            {"price": "price_x"},
        ],
        "expand": ["customer", "invoice"],
    }


def test_webhook_setting_names_an_endpoint_and_secret_per_key():
    endpoints = parse_webhook_endpoints(
        "sk_test_a=http://127.0.0.1:8000/parking/api/v1/payments/webhook/|whsec_a;"
        " sk_test_b=http://127.0.0.1:8000/x/|whsec_b"
    )
    assert endpoints["sk_test_a"] == ("http://127.0.0.1:8000/parking/api/v1/payments/webhook/", "whsec_a")
    assert endpoints["sk_test_b"].secret == "whsec_b"
    with pytest.raises(ValueError, match="not 'sk_...=URL|whsec_...'"):
        parse_webhook_endpoints("sk_test_a=http://no-secret/")


# --- localstripe's resources through the SDK --------------------------------------------------------


def test_customer_payment_methods_attach_list_detach(client):
    customer = client.v1.customers.create(params={"email": "guest@example.com", "metadata": {"realm": "parking"}})
    card = client.v1.payment_methods.create(
        params={"type": "card", "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2031, "cvc": "123"}}
    )
    client.v1.payment_methods.attach(card.id, params={"customer": customer.id})

    listed = client.v1.payment_methods.list(params={"customer": customer.id, "type": "card"})
    assert [pm.id for pm in listed.data] == [card.id]
    assert listed.data[0].card.last4 == "4242"
    assert customer.metadata["realm"] == "parking"

    client.v1.payment_methods.detach(card.id)
    assert client.v1.payment_methods.list(params={"customer": customer.id, "type": "card"}).data == []


def test_setup_intent_confirmed_saves_the_card_on_the_customer(client, local_stripe, api_key):
    customer = client.v1.customers.create(params={"email": "guest@example.com"})
    intent = client.v1.setup_intents.create(params={"customer": customer.id, "usage": "off_session"})
    assert intent.status == "requires_payment_method"

    confirmed = client.v1.setup_intents.confirm(intent.id, params={"payment_method": "pm_card_visa"})

    assert confirmed.status == "succeeded"
    saved = client.v1.payment_methods.list(params={"customer": customer.id, "type": "card"})
    assert [pm.id for pm in saved.data] == [confirmed.payment_method]
    [event] = local_stripe.events("setup_intent.succeeded", api_key=api_key)
    assert event["data"]["object"]["id"] == intent.id


def test_payment_intent_succeeds_off_session_with_created_and_succeeded_events(client, local_stripe, api_key):
    customer = client.v1.customers.create(params={"email": "guest@example.com"})
    intent = client.v1.payment_intents.create(
        params={
            "amount": 2500,
            "currency": "usd",
            "customer": customer.id,
            "payment_method": "pm_card_visa",
            "confirm": True,
            "off_session": True,
            "metadata": {"booking": "7"},
        }
    )

    assert intent.status == "succeeded"
    assert intent.metadata["booking"] == "7"
    assert intent.latest_charge.startswith("ch_")
    expanded = client.v1.payment_intents.retrieve(intent.id, params={"expand": ["latest_charge"]})
    assert (expanded.latest_charge.id, expanded.latest_charge.amount) == (intent.latest_charge, 2500)
    assert event_types(local_stripe, api_key) == [
        "customer.created",
        "payment_intent.created",
        "payment_intent.succeeded",
    ]


def test_payment_intent_confirmed_later_with_a_payment_method(client, local_stripe, api_key):
    intent = client.v1.payment_intents.create(
        params={"amount": 900, "currency": "usd", "automatic_payment_methods": {"enabled": True}}
    )
    assert intent.status == "requires_payment_method"

    confirmed = client.v1.payment_intents.confirm(intent.id, params={"payment_method": "pm_card_visa"})

    assert confirmed.status == "succeeded"
    assert len(local_stripe.events("payment_intent.succeeded", api_key=api_key)) == 1


@pytest.mark.parametrize("payment_method", ["pm_card_chargeDeclined", "pm_card_visa_chargeDeclined"])
def test_declined_card_raises_the_sdks_card_error(client, local_stripe, api_key, payment_method):
    with pytest.raises(stripe.CardError) as raised:
        client.v1.payment_intents.create(
            params={"amount": 2500, "currency": "usd", "payment_method": payment_method, "confirm": True}
        )

    assert raised.value.http_status == 402
    assert raised.value.code == "card_declined"
    [failed] = local_stripe.events("payment_intent.payment_failed", api_key=api_key)
    assert failed["data"]["object"]["status"] == "requires_payment_method"
    assert local_stripe.events("payment_intent.succeeded", api_key=api_key) == []


def test_refund_of_a_payment_intent(client, local_stripe, api_key):
    intent = client.v1.payment_intents.create(
        params={"amount": 3000, "currency": "usd", "payment_method": "pm_card_visa", "confirm": True}
    )

    refund = client.v1.refunds.create(
        params={"payment_intent": intent.id, "amount": 500, "reason": "requested_by_customer"}
    )

    assert (refund.status, refund.amount, refund.reason) == ("succeeded", 500, "requested_by_customer")
    [charge_refunded] = local_stripe.events("charge.refunded", api_key=api_key)
    assert charge_refunded["data"]["object"]["amount_refunded"] == 500
    assert len(local_stripe.events("refund.created", api_key=api_key)) == 1


def test_refund_of_a_failed_payment_is_refused(client):
    with pytest.raises(stripe.CardError) as declined:
        client.v1.payment_intents.create(
            params={"amount": 3000, "currency": "usd", "payment_method": "pm_card_chargeDeclined", "confirm": True}
        )
    failed = declined.value.error.payment_intent
    assert failed.status == "requires_payment_method"
    with pytest.raises(stripe.InvalidRequestError, match="Cannot refund a failed payment"):
        client.v1.refunds.create(params={"payment_intent": failed.id})


def test_payout_in_dollars_then_paid(client, local_stripe, api_key):
    payout = client.v1.payouts.create(params={"amount": 4200, "currency": "usd", "metadata": {"host": "3"}})
    assert (payout.status, payout.currency) == ("pending", "usd")

    local_stripe.pay_out(payout.id)

    assert client.v1.payouts.retrieve(payout.id).status == "paid"
    assert event_types(local_stripe, api_key) == ["payout.created", "payout.paid"]


def test_subscription_on_a_recurring_price(client, local_stripe, api_key):
    product = client.v1.products.create(params={"name": "Premium"})
    price = client.v1.prices.create(
        params={"product": product.id, "unit_amount": 999, "currency": "eur", "recurring": {"interval": "month"}}
    )
    customer = client.v1.customers.create(params={"email": "reader@example.com", "payment_method": "pm_card_visa"})
    card = client.v1.payment_methods.list(params={"customer": customer.id, "type": "card"}).data[0]
    client.v1.customers.update(customer.id, params={"invoice_settings": {"default_payment_method": card.id}})

    subscription = client.v1.subscriptions.create(params={"customer": customer.id, "items": [{"price": price.id}]})

    assert subscription.status == "active"
    types = event_types(local_stripe, api_key)
    assert {"customer.subscription.created", "customer.subscription.updated", "invoice.paid"} <= set(types)

    client.v1.subscriptions.cancel(subscription.id)
    assert local_stripe.events("customer.subscription.deleted", api_key=api_key)


# --- Connect -----------------------------------------------------------------------------------------


def test_express_account_onboarding_through_the_account_link(client, local_stripe, api_key):
    account = new_account(
        client,
        capabilities={"card_payments": {"requested": True}, "transfers": {"requested": True}},
        metadata={"pro": "12"},
    )
    assert account.id.startswith("acct_")
    assert (account.charges_enabled, account.payouts_enabled, account.details_submitted) == (False, False, False)

    link = client.v1.account_links.create(
        params={
            "account": account.id,
            "type": "account_onboarding",
            "refresh_url": "http://127.0.0.1:8000/refresh",
            "return_url": "http://127.0.0.1:8000/done",
        }
    )
    assert link.object == "account_link" and link.expires_at > time.time()

    visited = requests.get(link.url, allow_redirects=False, timeout=10)

    assert (visited.status_code, visited.headers["Location"]) == (303, "http://127.0.0.1:8000/done")
    onboarded = client.v1.accounts.retrieve(account.id)
    assert (onboarded.charges_enabled, onboarded.payouts_enabled, onboarded.details_submitted) == (True, True, True)
    assert onboarded.capabilities["transfers"] == "active"
    [updated] = local_stripe.events("account.updated", api_key=api_key)
    assert updated["data"]["object"]["id"] == account.id


def test_complete_onboarding_control_route(client, local_stripe, api_key):
    account = new_account(client)
    local_stripe.complete_onboarding(account.id)
    assert client.v1.accounts.retrieve(account.id).charges_enabled is True
    assert len(local_stripe.events("account.updated", api_key=api_key)) == 1


def test_login_link_only_for_express_accounts(client):
    express = new_account(client)
    link = client.v1.accounts.login_links.create(express.id)
    assert link.object == "login_link" and express.id in link.url
    assert requests.get(link.url, timeout=10).status_code == 200

    standard = client.v1.accounts.create(params={"type": "standard"})
    with pytest.raises(stripe.InvalidRequestError, match="Express"):
        client.v1.accounts.login_links.create(standard.id)


def test_destination_charge_transfers_the_amount_less_the_fee(client, local_stripe, api_key):
    account = new_account(client)
    intent = client.v1.payment_intents.create(
        params={
            "amount": 10000,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
            "application_fee_amount": 1500,
            "transfer_data": {"destination": account.id},
        }
    )

    assert intent.transfer_data["destination"] == account.id
    assert intent.application_fee_amount == 1500
    [transfer] = client.v1.transfers.list(params={"destination": account.id}).data
    assert (transfer.amount, transfer.source_transaction) == (8500, intent.latest_charge)
    assert client.v1.charges.retrieve(intent.latest_charge).transfer == transfer.id
    assert len(local_stripe.events("transfer.created", api_key=api_key)) == 1


def test_transfers_create_retrieve_list(client):
    account = new_account(client)
    transfer = client.v1.transfers.create(
        params={"amount": 700, "currency": "usd", "destination": account.id, "metadata": {"payout": "1"}}
    )
    assert transfer.id.startswith("tr_") and transfer.livemode is False
    assert client.v1.transfers.retrieve(transfer.id).metadata["payout"] == "1"
    listed = client.v1.transfers.list()
    assert listed.object == "list" and [t.id for t in listed.data] == [transfer.id] and listed.has_more is False


def test_unknown_account_is_the_sdks_invalid_request_error(client):
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.transfers.create(params={"amount": 700, "currency": "usd", "destination": "acct_missing"})
    assert (raised.value.http_status, raised.value.param, raised.value.code) == (404, "destination", "resource_missing")

    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.payment_intents.create(
            params={"amount": 100, "currency": "usd", "transfer_data": {"destination": "acct_missing"}}
        )
    assert raised.value.param == "transfer_data[destination]"


# --- Checkout ----------------------------------------------------------------------------------------


def test_checkout_payment_session_completes_on_its_hosted_url(client, local_stripe, api_key):
    session = client.v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "client_reference_id": "user-5",
            "metadata": {"resource": "9"},
            "success_url": "http://127.0.0.1:8000/ok?session_id={CHECKOUT_SESSION_ID}",
            "cancel_url": "http://127.0.0.1:8000/cancel",
            "line_items": [
                {
                    "quantity": 2,
                    "price_data": {"currency": "eur", "unit_amount": 450, "product_data": {"name": "Guide"}},
                }
            ],
        }
    )
    assert session.id.startswith("cs_test_")
    assert (session.status, session.payment_status, session.amount_total) == ("open", "unpaid", 900)

    visited = requests.get(session.url, allow_redirects=False, timeout=10)

    assert visited.status_code == 303
    assert visited.headers["Location"] == f"http://127.0.0.1:8000/ok?session_id={session.id}"
    paid = client.v1.checkout.sessions.retrieve(session.id)
    assert (paid.status, paid.payment_status) == ("complete", "paid")
    assert client.v1.payment_intents.retrieve(paid.payment_intent).status == "succeeded"
    [completed] = local_stripe.events("checkout.session.completed", api_key=api_key)
    assert completed["data"]["object"]["client_reference_id"] == "user-5"
    assert completed["data"]["object"]["metadata"] == {"resource": "9"}
    # An admin refund of a Checkout payment goes through its payment intent.
    assert client.v1.refunds.create(params={"payment_intent": paid.payment_intent}).amount == 900
    [item] = client.v1.checkout.sessions.line_items.list(session.id).data
    assert (item.quantity, item.amount_total) == (2, 900)


def test_checkout_subscription_session_starts_the_subscription(client, local_stripe, api_key):
    price = client.v1.prices.create(
        params={
            "unit_amount": 1200,
            "currency": "eur",
            "recurring": {"interval": "month"},
            "product_data": {"name": "Premium"},
        }
    )
    session = client.v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "line_items": [{"price": price.id, "quantity": 1}],
            "success_url": "http://127.0.0.1:8000/ok",
            "customer_email": "reader@example.com",
        }
    )

    requests.get(session.url, allow_redirects=False, timeout=10)

    paid = client.v1.checkout.sessions.retrieve(session.id)
    subscription = client.v1.subscriptions.retrieve(paid.subscription)
    assert subscription.status == "active" and subscription.customer == paid.customer
    types = event_types(local_stripe, api_key)
    assert types.index("customer.subscription.created") < types.index("checkout.session.completed")
    assert "invoice.paid" in types


def test_checkout_cancel_redirects_without_paying(client):
    session = client.v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "success_url": "http://127.0.0.1:8000/ok",
            "cancel_url": "http://127.0.0.1:8000/no",
            "line_items": [{"price_data": {"currency": "eur", "unit_amount": 100, "product_data": {"name": "x"}}}],
        }
    )
    visited = requests.get(session.url + "?outcome=cancel", allow_redirects=False, timeout=10)
    assert visited.headers["Location"] == "http://127.0.0.1:8000/no"
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"


def test_checkout_mode_and_price_must_agree(client):
    one_time = client.v1.prices.create(params={"unit_amount": 100, "currency": "eur", "product_data": {"name": "x"}})
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.checkout.sessions.create(
            params={
                "mode": "subscription",
                "success_url": "http://127.0.0.1:8000/ok",
                "line_items": [{"price": one_time.id}],
            }
        )
    assert raised.value.param == "line_items[0][price]"
    with pytest.raises(stripe.InvalidRequestError, match="price_nope"):
        client.v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "success_url": "http://127.0.0.1:8000/ok",
                "line_items": [{"price": "price_nope"}],
            }
        )


def test_prices_retrieve_and_list(client):
    price = client.v1.prices.create(
        params={"unit_amount": 500, "currency": "EUR", "product_data": {"name": "x"}, "metadata": {"plan": "basic"}}
    )
    assert price.id.startswith("price_") and price.type == "one_time" and price.currency == "eur"
    assert client.v1.prices.retrieve(price.id).metadata["plan"] == "basic"
    assert price.id in [p.id for p in client.v1.prices.list(params={"product": price.product}).data]


# --- Errors --------------------------------------------------------------------------------------------


def test_missing_objects_and_bad_keys_raise_the_sdks_errors(client, local_stripe):
    for retrieve in (client.v1.customers.retrieve, client.v1.accounts.retrieve, client.v1.checkout.sessions.retrieve):
        with pytest.raises(stripe.InvalidRequestError) as raised:
            retrieve("nope_123")
        assert raised.value.http_status == 404
        assert raised.value.json_body["error"]["type"] == "invalid_request_error"

    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.transfers.create(params={"currency": "usd", "destination": "acct_x"})
    assert (raised.value.http_status, raised.value.param) == (400, "amount")

    keyless = stripe.StripeClient("not_a_secret_key", base_addresses={"api": local_stripe.url})
    with pytest.raises(stripe.AuthenticationError):
        keyless.v1.customers.list()


# --- Idempotency ---------------------------------------------------------------------------------------


def test_retried_post_with_the_same_key_creates_one_localstripe_object(client, api_key):
    email = f"{api_key}@example.com"  # localstripe's customers are one list for every key
    first = client.v1.customers.create(params={"email": email}, options={"idempotency_key": "order-1"})
    again = client.v1.customers.create(params={"email": email}, options={"idempotency_key": "order-1"})

    assert again.id == first.id
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    assert [obj.id for obj in client.v1.customers.list(params={"email": email}).data] == [first.id]
    assert client.v1.customers.create(params={"email": email}, options={"idempotency_key": "order-2"}).id != first.id


def test_retried_post_with_the_same_key_creates_one_connect_object(client):
    first = client.v1.accounts.create(params={"type": "express"}, options={"idempotency_key": "pro-1"})
    again = client.v1.accounts.create(params={"type": "express"}, options={"idempotency_key": "pro-1"})

    assert again.id == first.id
    assert [obj.id for obj in client.v1.accounts.list().data] == [first.id]


def test_same_key_different_parameters_is_an_idempotency_error(client):
    client.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "k"})
    with pytest.raises(stripe.IdempotencyError):
        client.v1.customers.create(params={"email": "b@example.com"}, options={"idempotency_key": "k"})


def test_idempotency_keys_belong_to_one_api_key(client, local_stripe):
    other = stripe.StripeClient("sk_test_other_" + secrets.token_hex(6), base_addresses={"api": local_stripe.url})
    mine = client.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "shared"})
    theirs = other.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "shared"})
    assert mine.id != theirs.id


def test_a_replayed_decline_is_still_a_decline(client, local_stripe, api_key):
    params = {"amount": 100, "currency": "usd", "payment_method": "pm_card_chargeDeclined", "confirm": True}
    for _ in range(2):
        with pytest.raises(stripe.CardError):
            client.v1.payment_intents.create(params=params, options={"idempotency_key": "declined"})
    assert len(local_stripe.events("payment_intent.created", api_key=api_key)) == 1


# --- Events and webhooks -------------------------------------------------------------------------------


def test_events_are_kept_per_api_key_and_filtered_by_type(client, local_stripe, api_key):
    client.v1.customers.create(params={"email": "a@example.com"})
    local_stripe.complete_onboarding(new_account(client).id)

    assert event_types(local_stripe, api_key) == ["customer.created", "account.updated"]
    [event] = local_stripe.events("account.updated", api_key=api_key)
    assert event["id"].startswith("evt_") and event["object"] == "event" and event["livemode"] is False
    assert event["api_version"] == stripe.api_version
    assert local_stripe.events(api_key="sk_test_nobody") == []


def test_signed_event_headers_verify_with_the_sdk():
    event = event_object("checkout.session.completed", {"id": "cs_test_1", "object": "checkout.session"})
    payload = json.dumps(event).encode()
    headers = signed_event_headers(payload, "whsec_test")

    verified = stripe.Webhook.construct_event(payload, headers["Stripe-Signature"], "whsec_test")

    assert verified.id == event["id"] and verified.data.object.id == "cs_test_1"
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, headers["Stripe-Signature"], "whsec_other")
    stale = signed_event_headers(payload, "whsec_test", timestamp=int(time.time()) - 3600)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.WebhookSignature.verify_header(payload.decode(), stale["Stripe-Signature"], "whsec_test", tolerance=300)


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802  (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_events_are_delivered_signed_to_the_keys_endpoint(client, local_stripe, api_key, receiver):
    url = f"http://127.0.0.1:{receiver.server_port}/parking/api/v1/payments/webhook/"
    local_stripe.set_webhook(api_key, url, "whsec_parking")

    intent = client.v1.payment_intents.create(
        params={"amount": 1000, "currency": "usd", "payment_method": "pm_card_visa", "confirm": True}
    )

    assert wait_for(lambda: len(receiver.received) >= 2)
    delivered = {}
    for headers, body in receiver.received:
        event = stripe.Webhook.construct_event(body, headers["Stripe-Signature"], "whsec_parking")
        delivered[event.type] = event
    assert delivered["payment_intent.succeeded"].data.object.id == intent.id
    assert set(delivered) == {"payment_intent.created", "payment_intent.succeeded"}


def test_an_unreachable_endpoint_does_not_fail_the_request(client, local_stripe, api_key, receiver):
    port = receiver.server_port
    receiver.shutdown()
    receiver.server_close()
    local_stripe.set_webhook(api_key, f"http://127.0.0.1:{port}/gone/", "whsec_x")

    customer = client.v1.customers.create(params={"email": "a@example.com"})

    assert customer.id.startswith("cus_")
    assert event_types(local_stripe, api_key) == ["customer.created"]


# --- Process, binding, disk ----------------------------------------------------------------------------


def listening_addresses(port: int) -> set[str]:
    """The local addresses LISTENing on `port`, from the kernel's own tables."""
    found = set()
    for table, size in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, local_port = local.split(":")
            if state == "0A" and int(local_port, 16) == port and len(address) == size:
                found.add(address)
    return found


def test_the_fixture_server_listens_on_loopback_only(local_stripe):
    if os.environ.get("LOCAL_STRIPE_URL"):
        pytest.skip("LOCAL_STRIPE_URL names a server started elsewhere")
    assert local_stripe.url.startswith("http://127.0.0.1:")
    assert listening_addresses(int(local_stripe.url.rsplit(":", 1)[1])) == {"0100007F"}  # 127.0.0.1


def test_python_m_serves_on_loopback_only():
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "core.payments.local_stripe", "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = process.stdout.readline().strip().removeprefix("LOCAL_STRIPE_URL=")
        assert url.startswith("http://127.0.0.1:")
        assert listening_addresses(int(url.rsplit(":", 1)[1])) == {"0100007F"}
        client = stripe.StripeClient("sk_test_main", base_addresses={"api": url})
        assert client.v1.customers.create(params={"email": "a@example.com"}).id.startswith("cus_")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_localstripe_writes_nothing_to_tmp(client):
    pickle = Path("/tmp/localstripe.pickle")  # noqa: S108  (where localstripe would write)
    before = pickle.stat().st_mtime_ns if pickle.exists() else None
    customer = client.v1.customers.create(params={"email": "a@example.com"})
    client.v1.customers.update(customer.id, params={"name": "A"})
    client.v1.customers.delete(customer.id)
    assert (pickle.stat().st_mtime_ns if pickle.exists() else None) == before


def test_reset_forgets_objects_events_and_idempotency_keys(local_stripe):
    key = "sk_test_reset_" + secrets.token_hex(6)
    client = stripe.StripeClient(key, base_addresses={"api": local_stripe.url})
    customer = client.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "r"})

    local_stripe.reset()

    with pytest.raises(stripe.InvalidRequestError):
        client.v1.customers.retrieve(customer.id)
    assert local_stripe.events(api_key=key) == []
    again = client.v1.customers.create(params={"email": "a@example.com"}, options={"idempotency_key": "r"})
    assert again.id != customer.id
