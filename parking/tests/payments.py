"""Helpers of Parking's payment tests: local Stripe for Parking, signed webhook delivery, paid bookings."""

import copy
from datetime import timedelta

import pytest
from django.utils import timezone

from core.testing.stripe_server import post_signed_event
from parking.models import Booking
from parking.tests.conftest import API, make_listing

WEBHOOK_SECRET = "whsec_parking_tests"
PAY = API + "payments/"
WEBHOOK = PAY + "webhook/"


@pytest.fixture
def stripe_key(settings, local_stripe) -> str:
    """Parking's key: its own per test, so the server's objects and events are the test's alone."""
    key = local_stripe.configure(settings, "parking", webhook_secret=WEBHOOK_SECRET)
    settings.FRONTEND_URLS = {"parking": "https://app.parking.example"}
    return key


@pytest.fixture
def no_stripe_key(settings):
    stripe = copy.deepcopy(settings.STRIPE)
    stripe.update(SECRET_KEYS={"parking": ""})
    settings.STRIPE = stripe


def signed_post(client, event: dict):
    return post_signed_event(client, WEBHOOK, event, secret=WEBHOOK_SECRET)


@pytest.fixture
def deliver(api_client, django_capture_on_commit_callbacks):
    """deliver(event) -> the webhook's response: signed as Stripe does, handled after commit."""

    def post(event: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return signed_post(api_client, event)

    return post


def latest_event(local_stripe, stripe_key, type: str, object_id: str) -> dict:
    events = [e for e in local_stripe.events(type, api_key=stripe_key) if e["data"]["object"]["id"] == object_id]
    assert events, f"no {type} for {object_id}"
    return events[-1]


def book(guest, host, *, days_ahead: int = 3, hours: int = 2, **fields) -> Booking:
    """A PENDING booking of a new listing of `host` (3.00 an hour: 600 cents for two hours)."""
    listing = fields.pop("listing", None) or make_listing(host)
    start = (timezone.now() + timedelta(days=days_ahead)).replace(microsecond=0)
    values = {"start_time": start, "end_time": start + timedelta(hours=hours), "total_price": 300 * hours, **fields}
    return Booking.objects.create(listing=listing, guest=guest, **values)
