"""Payment endpoints against the local Stripe server: onboarding, status, paying a pro, the list, the dashboard link."""

import asyncio
import copy
import re
import secrets
import threading

import pytest
from asgiref.sync import async_to_sync
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import InMemoryChannelLayer, channel_layers, get_channel_layer
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alistpros.models import ConnectAccount, Payment, PaymentStatus, ProProfile
from alistpros.services.payments import platform_fee
from alistpros.tests.conftest import API, assert_error
from core.payments import gateway
from core.payments.local_stripe.events import event_object
from core.payments.models import WebhookEvent
from core.realtime.consumers import user_group
from core.testing.stripe_server import post_signed_event

pytestmark = pytest.mark.django_db
WEBHOOK_SECRET = "whsec_alistpros_tests"
ONBOARD, STATUS, CREATE, LIST, DASHBOARD = (
    API + "payments/onboard/",
    API + "payments/status/",
    API + "payments/create/",
    API + "payments/",
    API + "payments/dashboard-link/",
)
WEBHOOK = API + "payments/webhook/"


@pytest.fixture
def stripe_key(settings, local_stripe) -> str:
    """A-List's key: one of its own per test, so the server's events and objects are the test's alone."""
    key = local_stripe.configure(settings, "alistpros", webhook_secret=WEBHOOK_SECRET)
    settings.FRONTEND_URLS = {"alistpros": "https://app.alist.example"}
    return key


@pytest.fixture
def no_stripe_key(settings):
    stripe = copy.deepcopy(settings.STRIPE)
    stripe.update(SECRET_KEYS={"alistpros": ""})
    settings.STRIPE = stripe


@pytest.fixture
def deliver(api_client, django_capture_on_commit_callbacks):
    """deliver(event) -> the webhook's response: the event signed and posted as Stripe does, handled after commit."""

    def post(event: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return post_signed_event(api_client, WEBHOOK, event, secret=WEBHOOK_SECRET)

    return post


def latest_event(local_stripe, stripe_key, type: str, object_id: str) -> dict:
    events = [e for e in local_stripe.events(type, api_key=stripe_key) if e["data"]["object"]["id"] == object_id]
    assert events, f"no {type} for {object_id}"
    return events[-1]


@pytest.fixture
def onboarded_pro(stripe_key, local_stripe, pro_profile, client_for, deliver):
    """The pro of `pro_profile`, onboarded at Stripe, with the account.updated event delivered."""
    account_id = client_for(pro_profile.user).post(ONBOARD).json()["stripe_account_id"]
    local_stripe.complete_onboarding(account_id)
    assert deliver(latest_event(local_stripe, stripe_key, "account.updated", account_id)).status_code == 200
    return pro_profile


def pay(client_for, client_user, pro, amount="150.00", description="Plumbing repair service"):
    return client_for(client_user).post(
        CREATE, {"alistpro_id": pro.pk, "amount": amount, "description": description}, format="json"
    )


def confirm(payment: Payment, payment_method: str) -> dict:
    """What Stripe.js does in the client's browser with the client secret."""
    try:
        return gateway.stripe_call(
            "alistpros",
            "payment_intents",
            "confirm",
            payment.stripe_payment_intent_id,
            params={"payment_method": payment_method},
            idempotency_key=gateway.idempotency_key(payment, f"test-confirm-{payment_method}"),
        )
    except Exception:  # a decline is a 402 here; the intent's state is what the test looks at
        return gateway.stripe_call("alistpros", "payment_intents", "retrieve", payment.stripe_payment_intent_id)


# --- onboarding -------------------------------------------------------------------------


def test_onboarding_creates_one_account_and_a_fresh_link_each_time(stripe_key, local_stripe, pro_user, client_for):
    client = client_for(pro_user)
    first, again = client.post(ONBOARD), client.post(ONBOARD)
    assert first.status_code == again.status_code == 200
    body = first.json()
    assert set(body) == {"account_link", "stripe_account_id", "onboarding_started"}
    assert body["onboarding_started"] is True
    assert body["stripe_account_id"].startswith("acct_")
    assert again.json()["stripe_account_id"] == body["stripe_account_id"]
    assert "return_url=https%3A%2F%2Fapp.alist.example%2Fpayments%2Fonboarding%2Freturn" in body["account_link"]
    account = ConnectAccount.objects.get(user=pro_user)
    assert account.stripe_account_id == body["stripe_account_id"]
    accounts = gateway.stripe_call("alistpros", "accounts", "list", params={"limit": 100})["data"]
    assert [a["id"] for a in accounts] == [body["stripe_account_id"]]
    assert accounts[0]["type"] == "express"


def test_onboarding_is_for_pros_only(stripe_key, client_user, admin_user, client_for, api_client):
    assert_error(client_for(client_user).post(ONBOARD), 403)
    assert_error(client_for(admin_user).post(ONBOARD), 403)
    assert_error(api_client.post(ONBOARD), 401)
    assert not ConnectAccount.objects.exists()


def test_account_updated_completes_onboarding_once(stripe_key, local_stripe, pro_profile, client_for, deliver):
    client = client_for(pro_profile.user)
    account_id = client.post(ONBOARD).json()["stripe_account_id"]
    assert client.get(STATUS).json() == {
        "has_account": True,
        "stripe_account_id": account_id,
        "is_details_submitted": False,
        "is_charges_enabled": False,
        "is_payouts_enabled": False,
        "onboarding_complete": False,
        "onboarding_completed_at": None,
    }
    local_stripe.complete_onboarding(account_id)
    event = latest_event(local_stripe, stripe_key, "account.updated", account_id)
    assert deliver(event).status_code == 200
    status = client.get(STATUS).json()
    assert status["is_details_submitted"] and status["is_charges_enabled"] and status["is_payouts_enabled"]
    assert status["onboarding_complete"] is True
    # ISO 8601 in UTC to the second, as every datetime of the platform (PLATFORM.md).
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", status["onboarding_completed_at"])
    pro_profile.refresh_from_db()
    assert pro_profile.is_onboarded is True

    # A later update (the same state) keeps the first completion time.
    completed_at = ConnectAccount.objects.get(stripe_account_id=account_id).onboarding_completed_at
    gateway.stripe_call("alistpros", "accounts", "update", account_id, params={"metadata": {"x": "1"}})
    deliver(latest_event(local_stripe, stripe_key, "account.updated", account_id))
    assert ConnectAccount.objects.get(stripe_account_id=account_id).onboarding_completed_at == completed_at


def test_an_account_that_is_not_ours_is_ignored(stripe_key, deliver):
    event = event_object("account.updated", {"id": "acct_not_ours", "object": "account", "charges_enabled": True})
    assert deliver(event).status_code == 200
    assert WebhookEvent.objects.get(event_id=event["id"]).status == WebhookEvent.Status.HANDLED


# --- status -----------------------------------------------------------------------------


def test_status_without_an_account(stripe_key, client_user, client_for, api_client):
    assert client_for(client_user).get(STATUS).json() == {
        "has_account": False,
        "stripe_account_id": None,
        "is_details_submitted": False,
        "is_charges_enabled": False,
        "is_payouts_enabled": False,
        "onboarding_complete": False,
        "onboarding_completed_at": None,
    }
    assert_error(api_client.get(STATUS), 401)


# --- paying a pro: the whole way, against the local Stripe server -----------------------


def test_end_to_end_onboard_pay_confirm_webhook(
    stripe_key, local_stripe, onboarded_pro, client_user, client_for, deliver
):
    response = pay(client_for, client_user, onboarded_pro)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"payment_id", "client_secret"}
    payment = Payment.objects.get(pk=body["payment_id"])
    assert (payment.status, payment.amount, payment.platform_fee) == (PaymentStatus.PENDING, 15000, 1500)
    assert payment.client == client_user and payment.alistpro == onboarded_pro
    intent = gateway.stripe_call("alistpros", "payment_intents", "retrieve", payment.stripe_payment_intent_id)
    assert body["client_secret"] == intent["client_secret"]
    account_id = ConnectAccount.objects.get(user=onboarded_pro.user).stripe_account_id
    assert intent["transfer_data"]["destination"] == account_id
    assert intent["application_fee_amount"] == 1500
    assert intent["metadata"] == {
        "payment_id": str(payment.pk),
        "alistpro_id": str(onboarded_pro.pk),
        "client_id": str(client_user.pk),
    }

    assert confirm(payment, "pm_card_visa")["status"] == "succeeded"
    succeeded = latest_event(local_stripe, stripe_key, "payment_intent.succeeded", intent["id"])
    layer = get_channel_layer()
    if not isinstance(layer, InMemoryChannelLayer):
        # A layer of the test's own: Redis layers bind locks to the event loop that first receives.
        layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)
    listener = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group("alistpros", client_user.pk), listener)
    assert deliver(succeeded).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED and payment.completed_at is not None
    # The client's notification sockets hear of it (the pro's too, alistpros/realtime.py).
    pushed = async_to_sync(asyncio.wait_for)(layer.receive(listener), 2)["payload"]
    assert pushed["type"] == "payment.completed"
    assert pushed["data"] == {"id": payment.pk, "amount": "150.00", "status": "completed"}
    transfers = gateway.stripe_call("alistpros", "transfers", "list", params={"destination": account_id})["data"]
    assert [t["amount"] for t in transfers] == [13500]
    assert payment.stripe_transfer_id == transfers[0]["id"]

    # Stripe delivers again: nothing changes.
    before = (payment.status, payment.completed_at, payment.updated_at)
    again = deliver(succeeded)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    payment.refresh_from_db()
    assert (payment.status, payment.completed_at, payment.updated_at) == before

    listed = client_for(client_user).get(LIST).json()["results"]
    assert listed == [
        {
            "id": payment.pk,
            "client": {"id": client_user.pk, "name": client_user.name},
            "alistpro": {"id": onboarded_pro.pk, "business_name": "Elite Plumbing Services"},
            "amount": "150.00",
            "description": "Plumbing repair service",
            "status": "completed",
            "stripe_payment_intent_id": intent["id"],
            "completed_at": payment.completed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "created_at": payment.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    ]


def test_a_declined_card_fails_the_payment(stripe_key, local_stripe, onboarded_pro, client_user, client_for, deliver):
    payment = Payment.objects.get(pk=pay(client_for, client_user, onboarded_pro).json()["payment_id"])
    assert confirm(payment, "pm_card_chargeDeclined")["status"] == "requires_payment_method"
    failed = latest_event(local_stripe, stripe_key, "payment_intent.payment_failed", payment.stripe_payment_intent_id)
    deliver(failed)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED and payment.completed_at is None


def test_a_refund_refunds_the_payment(stripe_key, local_stripe, onboarded_pro, client_user, client_for, deliver):
    payment = Payment.objects.get(pk=pay(client_for, client_user, onboarded_pro).json()["payment_id"])
    intent = confirm(payment, "pm_card_visa")
    deliver(latest_event(local_stripe, stripe_key, "payment_intent.succeeded", intent["id"]))
    gateway.stripe_create(
        "alistpros",
        "refunds",
        {"payment_intent": intent["id"]},
        idempotency_key=gateway.idempotency_key(payment, "test-refund"),
    )
    (refunded,) = [
        e for e in local_stripe.events("charge.refunded", api_key=stripe_key)
        if e["data"]["object"]["payment_intent"] == intent["id"]
    ]
    deliver(refunded)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    # A late `succeeded` (Stripe does not deliver in order) leaves it refunded.
    late = dict(latest_event(local_stripe, stripe_key, "payment_intent.succeeded", intent["id"]))
    late["id"] = "evt_late_" + secrets.token_hex(6)
    deliver(late)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED


def test_a_canceled_intent_cancels_the_payment(
    stripe_key, local_stripe, onboarded_pro, client_user, client_for, deliver
):
    payment = Payment.objects.get(pk=pay(client_for, client_user, onboarded_pro).json()["payment_id"])
    intent = gateway.stripe_call(
        "alistpros", "payment_intents", "cancel", payment.stripe_payment_intent_id,
        idempotency_key=gateway.idempotency_key(payment, "test-cancel"),
    )
    # The local server sends no payment_intent.canceled; Stripe's would carry the intent, as this one does.
    deliver(event_object("payment_intent.canceled", intent))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELED


# --- creating a payment: refusals -------------------------------------------------------


def test_a_pro_who_cannot_take_charges_is_refused(stripe_key, pro_profile, client_user, client_for):
    body = assert_error(pay(client_for, client_user, pro_profile), 400)
    assert "alistpro_id" in body["details"]
    client_for(pro_profile.user).post(ONBOARD)  # an account, onboarding not finished
    body = assert_error(pay(client_for, client_user, pro_profile), 400)
    assert "alistpro_id" in body["details"]
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"alistpro_id": "x", "amount": "150.00"}, "alistpro_id"),
        ({"amount": "150.00"}, "alistpro_id"),
        ({"alistpro_id": 1, "amount": "-5"}, "amount"),
        ({"alistpro_id": 1, "amount": "1.005"}, "amount"),
        ({"alistpro_id": 1}, "amount"),
    ],
)
def test_create_validation(stripe_key, client_user, client_for, data, field):
    body = assert_error(client_for(client_user).post(CREATE, data, format="json"), 400)
    assert field in body["details"]
    assert not Payment.objects.exists()


def test_an_unknown_pro_is_a_400(stripe_key, client_user, client_for):
    body = assert_error(client_for(client_user).post(CREATE, {"alistpro_id": 999999, "amount": "10"}), 400)
    assert "alistpro_id" in body["details"]


def test_only_clients_pay(stripe_key, onboarded_pro, other_pro_user, admin_user, client_for, api_client):
    data = {"alistpro_id": onboarded_pro.pk, "amount": "150.00"}
    assert_error(client_for(other_pro_user).post(CREATE, data), 403)
    assert_error(client_for(admin_user).post(CREATE, data), 403)
    assert_error(api_client.post(CREATE, data), 401)
    assert not Payment.objects.exists()


@pytest.mark.parametrize(("percent", "amount", "fee"), [(10, 15000, 1500), ("7.5", 999, 75), (0, 500, 0), (100, 1, 1)])
def test_platform_fee(settings, percent, amount, fee):
    from decimal import Decimal

    settings.ALISTPROS_PLATFORM_FEE_PERCENT = Decimal(str(percent))
    assert platform_fee(amount) == fee


# --- the list ---------------------------------------------------------------------------


def make_payment(client, pro, **fields) -> Payment:
    return Payment.objects.create(client=client, alistpro=pro, amount=fields.pop("amount", 2500), **fields)


def test_each_role_sees_its_own_payments(
    stripe_key, pro_profile, other_pro_profile, client_user, other_client, admin_user, client_for
):
    mine = make_payment(client_user, pro_profile)
    to_other_pro = make_payment(client_user, other_pro_profile)
    others = make_payment(other_client, pro_profile)
    unrelated = make_payment(other_client, other_pro_profile)

    def ids(user):
        response = client_for(user).get(LIST)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids(client_user) == {mine.pk, to_other_pro.pk}
    assert ids(other_client) == {others.pk, unrelated.pk}
    assert ids(pro_profile.user) == {mine.pk, others.pk}
    assert ids(other_pro_profile.user) == {to_other_pro.pk, unrelated.pk}
    assert ids(admin_user) == {mine.pk, to_other_pro.pk, others.pk, unrelated.pk}


def test_list_is_paginated_and_needs_a_login(stripe_key, pro_profile, client_user, client_for, api_client):
    for _ in range(3):
        make_payment(client_user, pro_profile)
    body = client_for(client_user).get(LIST, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3 and len(body["results"]) == 2
    assert_error(api_client.get(LIST), 401)
    assert_error(client_for(client_user).get(LIST, {"page": 9}), 404)


def test_list_query_count_does_not_grow_with_the_page(stripe_key, pro_profile, account, admin_user, client_for):
    for n in range(12):
        make_payment(account("client", f"payer{n}"), pro_profile)
    client = client_for(admin_user)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(LIST, {"page_size": size}).json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the dashboard link -----------------------------------------------------------------


def test_dashboard_link(stripe_key, pro_user, client_user, client_for, api_client):
    client = client_for(pro_user)
    assert_error(client.get(DASHBOARD), 404)  # no account yet
    account_id = client.post(ONBOARD).json()["stripe_account_id"]
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.json()["url"].endswith(f"/_local/connect/dashboard/{account_id}")
    assert_error(client_for(client_user).get(DASHBOARD), 403)
    assert_error(api_client.get(DASHBOARD), 401)


# --- without a Stripe key ---------------------------------------------------------------


def test_without_a_stripe_key_every_endpoint_is_503_and_writes_nothing(
    no_stripe_key, pro_profile, other_pro_profile, client_user, client_for
):
    ConnectAccount.objects.create(user=other_pro_profile.user, stripe_account_id="acct_x", charges_enabled=True)
    pro, client = client_for(pro_profile.user), client_for(client_user)
    for response in (
        pro.post(ONBOARD),
        pro.get(STATUS),
        pro.get(DASHBOARD),
        client.get(LIST),
        client.post(CREATE, {"alistpro_id": other_pro_profile.pk, "amount": "150.00"}),
    ):
        body = assert_error(response, 503)
        assert body["error"]
    assert ConnectAccount.objects.count() == 1
    assert not Payment.objects.exists()
    assert not ProProfile.objects.filter(is_onboarded=True).exists()


# --- races ------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_onboarding_makes_one_connect_account(stripe_key, pro_user, client_for):
    clients = [client_for(pro_user) for _ in range(6)]
    barrier = threading.Barrier(len(clients))
    answers = []

    def onboard(client):
        try:
            barrier.wait()
            response = client.post(ONBOARD)
            answers.append((response.status_code, response.json().get("stripe_account_id")))
        finally:
            connection.close()

    threads = [threading.Thread(target=onboard, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    account = ConnectAccount.objects.get(user=pro_user)
    assert answers == [(200, account.stripe_account_id)] * len(clients)
    accounts = gateway.stripe_call("alistpros", "accounts", "list", params={"limit": 100})["data"]
    assert [a["id"] for a in accounts] == [account.stripe_account_id]


def test_a_payment_stripe_refuses_is_kept_as_failed(stripe_key, pro_profile, client_user, client_for):
    # Our row says the pro can be paid, but Stripe knows no such account (deleted there, say).
    ConnectAccount.objects.create(user=pro_profile.user, stripe_account_id="acct_gone", charges_enabled=True)
    assert_error(pay(client_for, client_user, pro_profile), 400)
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED and payment.stripe_payment_intent_id is None


@pytest.mark.parametrize("value", ["abc", "-1", "100.5", "NaN", "Infinity", ""])
def test_a_wrong_platform_fee_setting_stops_the_start(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import _percent

    monkeypatch.setenv("ALISTPROS_PLATFORM_FEE_PERCENT", value)
    with pytest.raises(ImproperlyConfigured):
        _percent("ALISTPROS_PLATFORM_FEE_PERCENT", default="10")


@pytest.mark.parametrize(("value", "percent"), [("10", 10), (" 7.5 ", 7.5), ("0", 0), ("100", 100)])
def test_the_platform_fee_setting_takes_whole_and_decimal_percents(monkeypatch, value, percent):
    from decimal import Decimal

    from config.settings.base import _percent

    monkeypatch.setenv("ALISTPROS_PLATFORM_FEE_PERCENT", value)
    assert _percent("ALISTPROS_PLATFORM_FEE_PERCENT", default="10") == Decimal(str(percent))
