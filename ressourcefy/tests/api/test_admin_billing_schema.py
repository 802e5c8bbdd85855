"""schemathesis over the admin subscriptions, payments and dashboard operations with an ADMIN token: no 5xx."""

import pytest
from django.utils import timezone

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from ressourcefy.models import Payment, PaymentStatus, Subscription, SubscriptionStatus

pytestmark = pytest.mark.django_db

SCHEMA = "/ressourcefy/api/schema/"


@pytest.fixture
def world(settings, local_stripe, reader, monkeypatch):
    """Rows for generated requests to find; refunds and cancels reach the local Stripe server."""
    local_stripe.configure(settings, "ressourcefy", webhook_secret="whsec_schema")
    monkeypatch.setattr("ressourcefy.services.audit.audit_action", lambda **kwargs: None)
    Subscription.objects.create(user=reader, status=SubscriptionStatus.ACTIVE, started_at=timezone.now())
    Payment.objects.create(user=reader, amount_cents=999, status=PaymentStatus.COMPLETED, provider_reference="pi_x1")
    Payment.objects.create(user=reader, amount_cents=500, status=PaymentStatus.FAILED, provider_reference="in_x2")


def test_no_server_errors_and_responses_match_the_schema(world, admin):
    check_schema_conformance(
        SCHEMA,
        token=token_pair_for_user(admin).access,
        positive=15,
        negative=8,
        min_operations=9,
        path_regex=r"/admin/(subscriptions|payments|dashboard)/",
    )
