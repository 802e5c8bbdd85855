"""Admin refund and cancel end to end: the local Stripe server itself posts its signed events to a live server."""

import pytest

from ressourcefy.models import Payment, PaymentStatus, PurchaseStatus, Refund, Subscription, SubscriptionStatus
from ressourcefy.services.billing import subscription_price_create
from ressourcefy.tests.api import billing_helpers, test_billing_e2e
from ressourcefy.tests.api.billing_helpers import make_premium, pay_on_checkout
from ressourcefy.tests.api.test_billing_e2e import eventually, start_checkout
from ressourcefy.tests.conftest import API

# As test_billing_e2e: concurrent deliveries lock SQLite's shared in-memory database, so PostgreSQL only.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]
stripe_key, stripe_delivers = billing_helpers.stripe_key, test_billing_e2e.stripe_delivers  # fixtures


@pytest.fixture(autouse=True)
def audited(monkeypatch):
    calls = []
    monkeypatch.setattr("ressourcefy.services.audit.audit_action", lambda **kwargs: calls.append(kwargs))
    return calls


def test_refund_part_then_the_rest(stripe_delivers, client_for, admin, reader, contributor, audited, mailoutbox):
    session = start_checkout(client_for(reader), resource_id=str(make_premium(contributor, price_cents=2000).pk))
    assert pay_on_checkout(session["url"]) == 303
    payment = eventually(lambda: Payment.objects.filter(purchase__checkout_session_id=session["sessionId"]).first())
    assert payment is not None and payment.status == PaymentStatus.COMPLETED
    refund_url = f"{API}admin/payments/{payment.pk}/refund/"
    admin_client = client_for(admin)

    response = admin_client.post(refund_url, {"amount_cents": 750}, format="json")
    assert response.status_code == 200, response.content
    assert eventually(lambda: Payment.objects.filter(pk=payment.pk, amount_refunded_cents=750).exists())
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.purchase.status == PurchaseStatus.COMPLETED

    response = admin_client.post(refund_url, format="json")
    assert response.status_code == 200 and response.json()["data"]["refund_amount_cents"] == 1250
    assert eventually(lambda: Payment.objects.filter(pk=payment.pk, status=PaymentStatus.REFUNDED).exists())
    payment.refresh_from_db()
    assert payment.amount_refunded_cents == 2000 and payment.purchase.status == PurchaseStatus.REFUNDED
    assert eventually(lambda: not Refund.objects.exclude(status="succeeded").exists())
    assert sorted(Refund.objects.values_list("amount_cents", flat=True)) == [750, 1250]
    assert [call["action"] for call in audited] == ["payment.refund", "payment.refund"]


def test_cancel_at_period_end_then_now(stripe_delivers, client_for, admin, reader, audited):
    session = start_checkout(client_for(reader), price_id=subscription_price_create(amount_cents=999).stripe_price_id)
    assert pay_on_checkout(session["url"]) == 303
    subscription = eventually(
        lambda: Subscription.objects.filter(user=reader, status=SubscriptionStatus.ACTIVE).first()
    )
    assert subscription is not None
    cancel_url = f"{API}admin/subscriptions/{subscription.pk}/cancel/"
    admin_client = client_for(admin)

    response = admin_client.post(cancel_url, {"at_period_end": True}, format="json")
    assert response.status_code == 200 and response.json()["data"]["confirmed"] is False
    assert eventually(lambda: Subscription.objects.filter(pk=subscription.pk, ends_at__isnull=False).exists())
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.ends_at == subscription.current_period_end

    response = admin_client.post(cancel_url, format="json")
    assert response.status_code == 200, response.content
    assert eventually(
        lambda: Subscription.objects.filter(pk=subscription.pk, status=SubscriptionStatus.CANCELED).exists()
    )
    assert [call["after"]["cancel"] for call in audited] == ["at_period_end", "now"]
