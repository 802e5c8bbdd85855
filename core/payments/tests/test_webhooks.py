"""Stripe webhooks: verified by signature, stored once per product and event id, handled once, re-runnable."""

import copy
import json
import threading
import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from core.payments import webhooks
from core.payments.local_stripe.events import signed_event_headers
from core.payments.models import WebhookEvent
from core.payments.webhooks import webhook_handler
from core.tests.test_envelopes import assert_error_shape

SECRET = "whsec_test_parking"
HOOKS = {
    "alistpros": "/alistpros/api/payments/webhook/",
    "parking": "/parking/api/v1/payments/webhook/",
    "ressourcefy": "/ressourcefy/api/billing/webhook/",
}
PARKING = HOOKS["parking"]
EFFECTS = "test:webhook-effects"


def sign(payload: bytes, secret: str = SECRET, timestamp: int | None = None) -> str:
    return signed_event_headers(payload, secret, timestamp)["Stripe-Signature"]


def event(event_type: str = "payment_intent.succeeded", event_id: str = "evt_1", **data) -> bytes:
    body = {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": {"id": "pi_1", "object": "payment_intent", "status": "succeeded", **data}},
    }
    return json.dumps(body).encode()


def deliver(client, payload: bytes, *, path: str = PARKING, signature: str | None = "sign"):
    if signature == "sign":
        signature = sign(payload)
    headers = {} if signature is None else {"HTTP_STRIPE_SIGNATURE": signature}
    return client.post(path, payload, content_type="application/json", **headers)


@pytest.fixture(autouse=True)
def webhook_secrets(settings):
    stripe = copy.deepcopy(settings.STRIPE)
    stripe["WEBHOOK_SECRETS"] = dict.fromkeys(HOOKS, SECRET)
    settings.STRIPE = stripe


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Django's test client, running what the request queued for after commit as a real commit would."""

    class Committing:
        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return Committing()


@pytest.fixture
def handlers(monkeypatch):
    """A registry of the test's own, emptied afterwards; the handler counts its effects in the cache."""
    monkeypatch.setattr(webhooks, "_HANDLERS", {})
    cache.set(EFFECTS, 0)

    @webhook_handler("parking", "payment_intent.succeeded")
    def count_effect(event: dict) -> None:
        cache.incr(EFFECTS)

    return webhooks._HANDLERS


def effects() -> int:
    return cache.get(EFFECTS)


@pytest.mark.django_db
class TestVerification:
    @pytest.mark.parametrize(
        "signature",
        [None, "", "garbage", "t=1,v1=00", sign(b"another body"), sign(event(), secret="whsec_someone_else")],
        ids=["missing", "empty", "garbage", "stale", "other-body", "other-secret"],
    )
    def test_unsigned_or_badly_signed_is_400_and_stores_nothing(self, client, handlers, signature):
        response = deliver(client, event(), signature=signature)
        assert response.status_code == 400
        assert_error_shape("parking", response.json(), 400, "INVALID_SIGNATURE")
        assert not WebhookEvent.objects.exists() and effects() == 0

    def test_an_old_signature_is_refused(self, client, handlers):
        payload = event()
        response = deliver(client, payload, signature=sign(payload, timestamp=int(time.time()) - 3600))
        assert response.status_code == 400 and not WebhookEvent.objects.exists()

    @pytest.mark.parametrize(
        "payload",
        [b"not json", b"[]", json.dumps({"id": "evt_1", "object": "event"}).encode(), b"\xff\xfe"],
        ids=["not-json", "not-an-object", "not-an-event", "not-utf8"],
    )
    def test_a_signed_body_that_is_not_an_event_is_400(self, client, handlers, payload):
        assert deliver(client, payload).status_code == 400 and not WebhookEvent.objects.exists()

    def test_without_a_webhook_secret_the_endpoint_is_503_in_the_product_format(self, client, settings):
        settings.STRIPE = {**settings.STRIPE, "WEBHOOK_SECRETS": {}}
        response = deliver(client, event())
        assert response.status_code == 503
        assert_error_shape("parking", response.json(), 503, "PAYMENTS_UNAVAILABLE")
        assert "not configured" in response.json()["message"] and not WebhookEvent.objects.exists()

    def test_each_product_checks_its_own_secret(self, client, settings):
        settings.STRIPE = {**settings.STRIPE, "WEBHOOK_SECRETS": {"alistpros": "whsec_alist", "parking": SECRET}}
        payload = event()
        assert deliver(client, payload, path=HOOKS["alistpros"]).status_code == 400
        signed = sign(payload, "whsec_alist")
        assert deliver(client, payload, path=HOOKS["alistpros"], signature=signed).status_code == 200


@pytest.mark.django_db
class TestDelivery:
    @pytest.mark.parametrize("product", list(HOOKS))
    def test_stored_and_acknowledged_in_each_product(self, client, product):
        response = deliver(client, event(event_type="some.new_type"), path=HOOKS[product])
        assert response.status_code == 200
        stored = WebhookEvent.objects.get()
        assert (stored.product, stored.event_id, stored.type) == (product, "evt_1", "some.new_type")
        assert stored.status == WebhookEvent.Status.IGNORED and stored.handled_at is not None

    def test_handled_once_after_commit(self, handlers, django_capture_on_commit_callbacks):
        from django.test import Client

        with django_capture_on_commit_callbacks() as callbacks:
            response = deliver(Client(), event())
        assert response.status_code == 200 and effects() == 0  # acknowledged before handling
        assert len(callbacks) == 1
        callbacks[0]()
        assert effects() == 1
        stored = WebhookEvent.objects.get()
        assert stored.status == WebhookEvent.Status.HANDLED and stored.attempts == 1 and stored.error == ""

    def test_a_replayed_event_has_one_effect(self, client, handlers):
        payload = event()
        answers = [deliver(client, payload).json()["data"]["duplicate"] for _ in range(10)]
        assert answers == [False] + [True] * 9
        assert WebhookEvent.objects.count() == 1 and effects() == 1

    def test_the_same_event_id_in_two_products_is_two_events(self, client):
        assert deliver(client, event(), path=HOOKS["parking"]).status_code == 200
        assert deliver(client, event(), path=HOOKS["ressourcefy"]).status_code == 200
        assert sorted(WebhookEvent.objects.values_list("product", flat=True)) == ["parking", "ressourcefy"]

    def test_a_crashing_handler_leaves_no_write_and_is_rerun_by_command(self, client, handlers):
        calls = []

        @webhook_handler("parking", "charge.refunded")
        def crash_once(event: dict) -> None:
            get_user_model().objects.create_user("half@example.com", "x", realm="parking")
            calls.append(event["id"])
            if len(calls) == 1:
                raise RuntimeError("database hiccup")

        assert deliver(client, event(event_type="charge.refunded", event_id="evt_refund")).status_code == 200
        failed = WebhookEvent.objects.get()
        assert failed.status == WebhookEvent.Status.FAILED and "database hiccup" in failed.error
        assert not get_user_model().objects.filter(email="half@example.com").exists()

        out = StringIO()
        call_command("stripe_event_rerun", "evt_refund", stdout=out)
        assert "handled" in out.getvalue()
        failed.refresh_from_db()
        assert failed.status == WebhookEvent.Status.HANDLED and failed.attempts == 2
        assert get_user_model().objects.filter(email="half@example.com").count() == 1
        # A handled event is not run again, by the command or by Stripe delivering it again.
        call_command("stripe_event_rerun", "evt_refund", stdout=StringIO())
        deliver(client, event(event_type="charge.refunded", event_id="evt_refund"))
        assert len(calls) == 2

    def test_a_failed_event_delivered_again_is_handled_again(self, client, handlers):
        attempts = []

        @webhook_handler("parking", "payout.paid")
        def fail_first(event: dict) -> None:
            attempts.append(1)
            if len(attempts) == 1:
                raise RuntimeError("first time fails")

        payload = event(event_type="payout.paid", event_id="evt_payout")
        deliver(client, payload)
        assert WebhookEvent.objects.get().status == WebhookEvent.Status.FAILED
        deliver(client, payload)
        assert WebhookEvent.objects.get().status == WebhookEvent.Status.HANDLED and len(attempts) == 2

    def test_rerun_command_errors(self):
        with pytest.raises(CommandError, match="No stored event"):
            call_command("stripe_event_rerun", "evt_missing")

    def test_registering_two_handlers_for_one_type_is_refused(self, handlers):
        with pytest.raises(ValueError, match="already handles"):
            webhook_handler("parking", "payment_intent.succeeded")(lambda event: None)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_replays_store_and_handle_once(handlers):
    from django.test import Client

    payload = event(event_id="evt_race")
    barrier = threading.Barrier(10)
    statuses = []

    def replay():
        try:
            barrier.wait()
            statuses.append(deliver(Client(), payload).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=replay) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 10
    assert WebhookEvent.objects.filter(event_id="evt_race").count() == 1
    assert WebhookEvent.objects.get(event_id="evt_race").status == WebhookEvent.Status.HANDLED
    assert effects() == 1
