"""Admin refunds under concurrency (PostgreSQL): two partial refunds at once never sum past what was paid."""

import pytest

from core.accounts.tokens import token_pair_for_user
from core.testing.races import run_together
from ressourcefy.models import Payment, Refund
from ressourcefy.tests.api import billing_helpers
from ressourcefy.tests.api.billing_helpers import make_premium
from ressourcefy.tests.api.test_billing import buy
from ressourcefy.tests.conftest import API

stripe_key, deliver = billing_helpers.stripe_key, billing_helpers.deliver  # fixtures


@pytest.fixture(autouse=True)
def audited(monkeypatch):
    monkeypatch.setattr("ressourcefy.services.audit.audit_action", lambda **kwargs: None)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_partial_refunds_that_together_exceed_the_payment(
    stripe_key, local_stripe, client_for, admin, reader, contributor, deliver
):
    from rest_framework.test import APIClient

    purchase = buy(client_for, reader, make_premium(contributor, price_cents=1500), local_stripe, stripe_key, deliver)
    payment = Payment.objects.get(purchase=purchase)
    token = token_pair_for_user(admin).access

    def refund_1000():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.post(f"{API}admin/payments/{payment.pk}/refund/", {"amount_cents": 1000}, format="json")

    responses = run_together([refund_1000, refund_1000])
    assert sorted(r.status_code for r in responses) == [200, 400]
    (refused,) = [r for r in responses if r.status_code == 400]
    assert refused.json()["error"]["code"] == "invalid_action"
    assert list(Refund.objects.values_list("amount_cents", flat=True)) == [1000]
    stripe_refunds = local_stripe.events("charge.refunded", api_key=stripe_key)
    assert len(stripe_refunds) == 1  # the loser never reached Stripe
