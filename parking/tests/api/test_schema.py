"""schemathesis against /parking/api/v1/schema/: with a seeker's token, no 5xx and every response as documented."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from parking.models import AvailabilityWindow, Booking, BookingStatus, Conversation, Message
from parking.services.reviews import review_create
from parking.tests.conftest import make_listing

pytestmark = pytest.mark.django_db

SCHEMA = "/parking/api/v1/schema/"


@pytest.fixture
def stripe_key(settings, local_stripe):
    """Payments on the local Stripe server: without a key they answer 503, which schemathesis counts as a 5xx."""
    local_stripe.configure(settings, "parking", webhook_secret="whsec_schema")


@pytest.fixture
def world(seeker, host, stripe_key):
    """Something for generated ids (mostly small integers) to find: listings, bookings, a review, a conversation."""
    listing = make_listing(host)
    make_listing(host, title="Second spot", spot_type="GARAGE")
    now = timezone.now().replace(second=0, microsecond=0)
    AvailabilityWindow.objects.create(
        listing=listing, starts_at=now - timedelta(days=3), ends_at=now + timedelta(days=60)
    )
    Booking.objects.create(
        listing=listing, guest=seeker, start_time=now + timedelta(days=2), end_time=now + timedelta(days=2, hours=3),
        total_price=900,
    )  # fmt: skip
    done = Booking.objects.create(
        listing=listing, guest=seeker, start_time=now - timedelta(days=2), end_time=now - timedelta(days=2, hours=-3),
        total_price=900, status=BookingStatus.COMPLETED,
    )  # fmt: skip
    review_create(author=seeker, booking=done, rating=4, comment="Easy to find.")  # keeps the listing's figures
    conversation = Conversation.objects.create(listing=listing, seeker=seeker, host=host, booking=done)
    Message.objects.create(conversation=conversation, sender=host, content="Gate code 1234.")


def test_no_server_errors_and_responses_match_the_schema(world, seeker):
    check_schema_conformance(
        SCHEMA, token=token_pair_for_user(seeker).access, positive=20, negative=10, min_operations=35
    )


def test_schema_lists_every_area(client):
    paths = set(client.get(SCHEMA).json()["paths"])
    base = "/parking/api/v1/"
    assert {
        base + "auth/registration/",
        base + "users/{id}/",
        base + "listings/nearby/",
        base + "bookings/{id}/checkin/",
        base + "reviews/{id}/report/",
        base + "messages/conversations/",
        base + "payments/webhook/",
    } <= paths
