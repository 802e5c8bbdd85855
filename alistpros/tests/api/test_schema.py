"""schemathesis against /alistpros/api/schema/: with a client's token, no 5xx and every response as documented."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from alistpros.models import Appointment, Conversation, Message, Payment, PortfolioItem, Review
from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance

pytestmark = pytest.mark.django_db

SCHEMA = "/alistpros/api/schema/"


@pytest.fixture
def stripe_key(settings, local_stripe):
    """Payments on the local Stripe server: without a key they answer 503, which schemathesis counts as a 5xx."""
    local_stripe.configure(settings, "alistpros", webhook_secret="whsec_schema")


@pytest.fixture
def world(client_user, pro_user, pro_profile, plumbing, stripe_key):
    """Something for generated ids to find: the pro's portfolio, a review, a conversation, an appointment, a payment."""
    PortfolioItem.objects.create(profile=pro_profile, title="Bathroom")
    Review.objects.create(profile=pro_profile, client=client_user, rating=5)
    conversation = Conversation.objects.create(title="Faucet")
    conversation.participants.set([client_user, pro_user])
    Message.objects.create(conversation=conversation, sender=pro_user, content="Monday?")
    Appointment.objects.create(
        client=client_user,
        contractor=pro_profile,
        service_category=plumbing,
        appointment_date=timezone.localdate() + timedelta(days=3),
        start_time=time(9),
        end_time=time(11),
    )
    Payment.objects.create(client=client_user, alistpro=pro_profile, amount=15000, stripe_payment_intent_id="pi_x")


def test_no_server_errors_and_responses_match_the_schema(world, client_user):
    check_schema_conformance(
        SCHEMA, token=token_pair_for_user(client_user).access, positive=25, negative=12, min_operations=25
    )


def test_schema_lists_every_area(client):
    paths = set(client.get(SCHEMA).json()["paths"])
    assert {
        "/alistpros/api/users/register/",
        "/alistpros/api/alistpros/profiles/",
        "/alistpros/api/payments/create/",
        "/alistpros/api/messaging/conversations/{conversation_id}/messages/",
        "/alistpros/api/scheduling/appointments/",
        "/alistpros/api/payments/webhook/",
    } <= paths
