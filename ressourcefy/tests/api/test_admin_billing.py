"""admin/subscriptions/ and admin/payments/: roles, filters, update, cancel and refund through local Stripe."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.payments import gateway
from ressourcefy.models import (
    Payment,
    PaymentStatus,
    PurchaseStatus,
    Refund,
    RefundStatus,
    Subscription,
    SubscriptionStatus,
)
from ressourcefy.services.billing import subscription_price_create
from ressourcefy.tests.api import billing_helpers
from ressourcefy.tests.api.billing_helpers import make_premium, stripe_events
from ressourcefy.tests.api.test_billing import buy, subscribe
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
stripe_key, deliver = billing_helpers.stripe_key, billing_helpers.deliver  # fixtures

SUBSCRIPTIONS, PAYMENTS = API + "admin/subscriptions/", API + "admin/payments/"
ROLES = ["USER", "CONTRIBUTOR", "MODERATOR", "ADMIN", "SUPERADMIN"]


@pytest.fixture
def audited(monkeypatch):
    """The audit trail's entry point replaced by a recorder (the trail itself is the users area's)."""
    calls = []
    monkeypatch.setattr("ressourcefy.services.audit.audit_action", lambda **kwargs: calls.append(kwargs))
    return calls


def make_subscription(user, **fields) -> Subscription:
    fields.setdefault("status", SubscriptionStatus.ACTIVE)
    fields.setdefault("started_at", timezone.now())
    return Subscription.objects.create(user=user, **fields)


def make_payment(user, **fields) -> Payment:
    fields.setdefault("amount_cents", 999)
    fields.setdefault("status", PaymentStatus.COMPLETED)
    fields.setdefault("provider_reference", f"pi_{uuid.uuid4().hex[:20]}")
    return Payment.objects.create(user=user, **fields)


# --- who may call what ---------------------------------------------------------------------

# (method, path of the world's rows, body, status for ADMIN/SUPERADMIN): every admin path refuses the rest.
ENDPOINTS = [
    ("get", lambda w: SUBSCRIPTIONS, None, 200),
    ("get", lambda w: f"{SUBSCRIPTIONS}{w['subscription'].pk}/", None, 200),
    ("patch", lambda w: f"{SUBSCRIPTIONS}{w['subscription'].pk}/", {"plan": "premium"}, 200),
    ("post", lambda w: f"{SUBSCRIPTIONS}{w['subscription'].pk}/cancel/", {}, 200),  # no Stripe id: local
    ("get", lambda w: PAYMENTS, None, 200),
    ("get", lambda w: f"{PAYMENTS}{w['payment'].pk}/", None, 200),
    ("post", lambda w: f"{PAYMENTS}{w['payment'].pk}/refund/", {}, 400),  # reaches the rule: a failed payment
    ("get", lambda w: API + "admin/dashboard/overview/", None, 200),
    ("get", lambda w: API + "admin/dashboard/activity/", None, 200),
    ("get", lambda w: API + "admin/dashboard/system-health/", None, 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS)
def test_only_admins_reach_the_admin_billing_and_dashboard_paths(
    role, method, path, body, allowed, rfy_account, reader, audited
):
    world = {
        "subscription": make_subscription(reader),
        "payment": make_payment(reader, status=PaymentStatus.FAILED),
    }
    from rest_framework.test import APIClient

    from core.accounts.tokens import token_pair_for_user

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for_user(rfy_account(role, 'caller')).access}")
    response = getattr(client, method)(path(world), body, format="json")
    if role in ("ADMIN", "SUPERADMIN"):
        assert response.status_code == allowed, response.content
    else:
        assert_error(response, 403, "permission_denied")


def test_admin_paths_need_a_token(api_client, reader):
    assert_error(api_client.get(SUBSCRIPTIONS), 401)
    assert_error(api_client.post(f"{PAYMENTS}{make_payment(reader).pk}/refund/", {}, format="json"), 401)


# --- subscriptions -------------------------------------------------------------------------


def test_subscription_list_filters_searches_and_orders(client_for, admin, reader, contributor):
    old = make_subscription(reader, status=SubscriptionStatus.CANCELED, plan="premium")
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    new = make_subscription(contributor, status=SubscriptionStatus.ACTIVE, plan="free")
    client = client_for(admin)

    def ids(**query):
        response = client.get(SUBSCRIPTIONS, query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["data"]["results"]]

    assert ids() == [str(new.pk), str(old.pk)]
    assert ids(ordering="created_at") == [str(old.pk), str(new.pk)]
    assert ids(user_id=str(reader.uuid)) == [str(old.pk)]
    assert ids(status="active") == [str(new.pk)]
    assert ids(plan="premium") == [str(old.pk)]
    assert ids(search="carla@") == [str(new.pk)]
    row = client.get(SUBSCRIPTIONS, {"user_id": str(reader.uuid)}).json()["data"]["results"][0]
    assert row["user"] == str(reader.uuid) and row["user_email"] == reader.email and row["status"] == "canceled"
    assert_error(client.get(SUBSCRIPTIONS, {"status": "sleeping"}), 400, "validation_error")
    assert_error(client.get(SUBSCRIPTIONS, {"user_id": "not-a-uuid"}), 400, "validation_error")
    assert_error(client.get(SUBSCRIPTIONS, {"ordering": "password"}), 400, "validation_error")


@pytest.mark.parametrize(("url", "make"), [(SUBSCRIPTIONS, make_subscription), (PAYMENTS, make_payment)])
def test_lists_run_the_same_queries_whatever_the_page_size(url, make, client_for, admin, rfy_account):
    for n in range(25):
        make(rfy_account("USER", f"payer{n}"))
    client = client_for(admin)
    counts = []
    for page_size in (2, 20):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page_size": page_size})
        assert response.status_code == 200 and len(response.json()["data"]["results"]) == page_size
        assert response.json()["data"]["count"] == 25
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_subscription_detail_and_404(client_for, admin, reader):
    subscription = make_subscription(reader, plan="premium")
    data = client_for(admin).get(f"{SUBSCRIPTIONS}{subscription.pk}/").json()["data"]
    assert (data["id"], data["user"], data["plan"], data["status"]) == (
        str(subscription.pk),
        str(reader.uuid),
        "premium",
        "active",
    )
    assert {"started_at", "ends_at", "created_at", "updated_at"} <= set(data)
    assert_error(client_for(admin).get(f"{SUBSCRIPTIONS}{uuid.uuid4()}/"), 404)


def test_subscription_update_changes_the_documented_fields(client_for, admin, reader):
    subscription = make_subscription(reader, plan="free")
    client = client_for(admin)
    response = client.patch(
        f"{SUBSCRIPTIONS}{subscription.pk}/",
        {"plan": "premium", "status": "past_due", "ends_at": "2026-12-31T23:59:59Z"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "data": {"subscription_id": str(subscription.pk), "status": "past_due", "plan": "premium"},
    }
    subscription.refresh_from_db()
    assert subscription.ends_at.isoformat() == "2026-12-31T23:59:59+00:00"
    assert client.patch(f"{SUBSCRIPTIONS}{subscription.pk}/", {"ends_at": None}, format="json").status_code == 200
    subscription.refresh_from_db()
    assert subscription.ends_at is None and subscription.plan == "premium"
    for bad in ({"plan": "platinum"}, {"status": "sleeping"}, {"ends_at": "someday"}):
        error = assert_error(client.patch(f"{SUBSCRIPTIONS}{subscription.pk}/", bad, format="json"), 400)
        assert error["code"] == "validation_error" and set(error["details"]) == set(bad)
    subscription.refresh_from_db()
    assert (subscription.plan, subscription.status) == ("premium", "past_due")  # nothing half-written
    assert_error(client.patch(f"{SUBSCRIPTIONS}{uuid.uuid4()}/", {"plan": "free"}, format="json"), 404)


def test_cancelling_a_subscription_stripe_never_knew_changes_our_row(client_for, admin, reader, audited):
    subscription = make_subscription(reader)
    client = client_for(admin)
    response = client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["message"] == "Subscription canceled successfully"
    assert response.json()["data"]["confirmed"] is True
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELED and subscription.ends_at is not None
    (call,) = audited
    assert (call["action"], call["target"], call["before"]["status"]) == ("subscription.cancel", subscription, "active")
    assert call["after"]["cancel"] == "now" and call["description"]
    error = assert_error(client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/"), 400, "invalid_action")
    assert error["message"] == "Subscription is already canceled"
    assert len(audited) == 1
    assert_error(client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/", {"at_period_end": "x"}, format="json"), 400)


def test_cancel_at_period_end_then_now_through_stripe(
    stripe_key, local_stripe, client_for, admin, reader, deliver, audited
):
    subscription = subscribe(
        client_for, reader, subscription_price_create(amount_cents=999), local_stripe, stripe_key, deliver
    )
    client = client_for(admin)
    updates_before = len(stripe_events(local_stripe, stripe_key, "customer.subscription.updated"))

    response = client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/", {"at_period_end": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["data"] | {"message": None} == {
        "message": None,
        "subscription_id": str(subscription.pk),
        "at_period_end": True,
        "confirmed": False,
    }
    subscription.refresh_from_db()
    assert subscription.ends_at is None  # nothing changes until Stripe's webhook says so
    stripe_side = gateway.stripe_call("ressourcefy", "subscriptions", "retrieve", subscription.stripe_subscription_id)
    assert stripe_side["cancel_at_period_end"] is True
    updated = stripe_events(local_stripe, stripe_key, "customer.subscription.updated")
    assert len(updated) == updates_before + 1
    (scheduled,) = [e for e in updated if e["data"]["object"].get("cancel_at_period_end")]
    assert deliver(scheduled).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE  # access until the period ends
    assert subscription.ends_at == subscription.current_period_end is not None
    assert audited[-1]["after"]["cancel"] == "at_period_end"
    assert_error(
        client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/", {"at_period_end": True}, format="json"),
        400,
        "invalid_action",
    )

    assert client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/").status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    (deleted,) = stripe_events(local_stripe, stripe_key, "customer.subscription.deleted")
    assert deliver(deleted).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELED
    assert [c["after"]["cancel"] for c in audited] == ["at_period_end", "now"]
    assert_error(client.post(f"{SUBSCRIPTIONS}{subscription.pk}/cancel/"), 400, "invalid_action")


# --- payments ------------------------------------------------------------------------------


def test_payment_list_filters_and_detail(client_for, admin, reader, contributor):
    paid = make_payment(reader, amount_cents=1500)
    failed = make_payment(contributor, status=PaymentStatus.FAILED)
    client = client_for(admin)

    def ids(**query):
        response = client.get(PAYMENTS, query)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["data"]["results"]}

    assert ids() == {str(paid.pk), str(failed.pk)}
    assert ids(status="completed") == {str(paid.pk)}
    assert ids(user_id=str(contributor.uuid)) == {str(failed.pk)}
    assert ids(search=paid.provider_reference) == {str(paid.pk)}
    assert_error(client.get(PAYMENTS, {"status": "lost"}), 400, "validation_error")
    data = client.get(f"{PAYMENTS}{paid.pk}/").json()["data"]
    assert data["user_id"] == str(reader.uuid) and data["user_email"] == reader.email
    assert (data["amount_cents"], data["currency"], data["status"], data["provider_reference"]) == (
        1500,
        "usd",
        "completed",
        paid.provider_reference,
    )
    assert data["amount_refunded_cents"] == 0 and data["refunds"] == [] and "updated_at" in data
    assert_error(client.get(f"{PAYMENTS}{uuid.uuid4()}/"), 404)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PaymentStatus.REFUNDED, "Payment is already refunded"),
        (PaymentStatus.PENDING, "Payment is not in a 'completed' state and cannot be refunded"),
        (PaymentStatus.FAILED, "Payment is not in a 'completed' state and cannot be refunded"),
    ],
)
def test_refund_refusals_in_the_documents_words(status, message, client_for, admin, reader, audited):
    payment = make_payment(reader, status=status)
    error = assert_error(client_for(admin).post(f"{PAYMENTS}{payment.pk}/refund/"), 400, "invalid_action")
    assert error["message"] == message
    assert not Refund.objects.exists() and audited == []


def test_refund_amount_is_validated(client_for, admin, reader):
    payment = make_payment(reader)
    for bad in ({"amount_cents": 0}, {"amount_cents": -5}, {"amount_cents": "ten"}):
        assert_error(
            client_for(admin).post(f"{PAYMENTS}{payment.pk}/refund/", bad, format="json"), 400, "validation_error"
        )
    assert_error(client_for(admin).post(f"{PAYMENTS}{uuid.uuid4()}/refund/"), 404)
    assert not Refund.objects.exists()


def test_partial_refund_then_the_rest_through_stripe(
    stripe_key, local_stripe, client_for, admin, reader, contributor, deliver, audited
):
    purchase = buy(client_for, reader, make_premium(contributor, price_cents=1500), local_stripe, stripe_key, deliver)
    payment = Payment.objects.get(purchase=purchase)
    client = client_for(admin)

    response = client.post(f"{PAYMENTS}{payment.pk}/refund/", {"amount_cents": 500}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert (data["message"], data["refund_amount_cents"], data["refund_status"]) == (
        "Payment refunded successfully",
        500,
        "pending",
    )
    refund = Refund.objects.get(pk=data["refund_id"])
    assert (refund.payment, refund.amount_cents, refund.requested_by) == (payment, 500, admin)
    (call,) = audited
    assert (call["action"], call["target"]) == ("payment.refund", payment)
    assert call["before"] == {"refundable_cents": 1500}
    assert call["after"] == {"refundable_cents": 1000, "refund_id": str(refund.pk), "refund_cents": 500}
    # More than is left is refused before Stripe is asked.
    assert_error(
        client.post(f"{PAYMENTS}{payment.pk}/refund/", {"amount_cents": 1001}, format="json"), 400, "invalid_action"
    )

    (partial,) = stripe_events(local_stripe, stripe_key, "charge.refunded")
    assert deliver(partial).status_code == 200
    payment.refresh_from_db(), refund.refresh_from_db(), purchase.refresh_from_db()
    assert (payment.status, payment.amount_refunded_cents) == (PaymentStatus.COMPLETED, 500)
    assert refund.status == RefundStatus.SUCCEEDED and refund.stripe_refund_id.startswith("re_")
    assert purchase.status == PurchaseStatus.COMPLETED  # a partial refund keeps the access

    response = client.post(f"{PAYMENTS}{payment.pk}/refund/")  # the rest
    assert response.status_code == 200 and response.json()["data"]["refund_amount_cents"] == 1000
    (latest,) = [e for e in stripe_events(local_stripe, stripe_key, "charge.refunded") if e["id"] != partial["id"]]
    assert deliver(latest).status_code == 200
    payment.refresh_from_db(), purchase.refresh_from_db()
    assert (payment.status, payment.amount_refunded_cents) == (PaymentStatus.REFUNDED, 1500)
    assert purchase.status == PurchaseStatus.REFUNDED
    assert sorted(Refund.objects.values_list("amount_cents", "status")) == [(500, "succeeded"), (1000, "succeeded")]
    stripe_refunds = gateway.stripe_call(
        "ressourcefy", "refunds", "list", params={"payment_intent": purchase.payment_intent_id}
    )
    assert sorted(r["amount"] for r in stripe_refunds["data"]) == [500, 1000]
    error = assert_error(client.post(f"{PAYMENTS}{payment.pk}/refund/"), 400, "invalid_action")
    assert error["message"] == "Payment is already refunded"
    detail = client.get(f"{PAYMENTS}{payment.pk}/").json()["data"]
    assert [r["amount_cents"] for r in detail["refunds"]] == [500, 1000]


def test_refunding_a_subscription_invoice(stripe_key, local_stripe, client_for, admin, reader, deliver, audited):
    subscription = subscribe(
        client_for, reader, subscription_price_create(amount_cents=999), local_stripe, stripe_key, deliver
    )
    payment = Payment.objects.get(subscription=subscription)
    response = client_for(admin).post(f"{PAYMENTS}{payment.pk}/refund/")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["refund_amount_cents"] == 999
    (refunded,) = stripe_events(local_stripe, stripe_key, "charge.refunded")
    assert deliver(refunded).status_code == 200
    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded_cents) == (PaymentStatus.REFUNDED, 999)


def test_a_refund_stripe_refuses_frees_its_amount(stripe_key, client_for, admin, reader, audited):
    payment = make_payment(reader, provider_reference="pi_unknown0000000000")  # no such intent at Stripe
    response = client_for(admin).post(f"{PAYMENTS}{payment.pk}/refund/", {"amount_cents": 300}, format="json")
    assert response.status_code == 400, response.content
    assert Refund.objects.get().status == RefundStatus.FAILED
    from ressourcefy.services.admin_billing import payment_refundable_cents

    assert payment_refundable_cents(payment) == 999
