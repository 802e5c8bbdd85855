"""Billing test helpers: the local Stripe server configured for Ressourcefy, signed deliveries, paying on Checkout."""

import urllib.error
import urllib.request

import pytest

from core.testing.stripe_server import post_signed_event
from ressourcefy.models import Resource, Visibility
from ressourcefy.tests.conftest import API

WEBHOOK_SECRET = "whsec_ressourcefy_tests"
CHECKOUT, WEBHOOK = API + "billing/checkout/", API + "billing/webhook/"
SUCCESS, CANCEL = (
    "https://app.ressourcefy.example/paid?session_id={CHECKOUT_SESSION_ID}",
    "https://app.ressourcefy.example/c",
)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the success URL is the frontend's: never followed


def pay_on_checkout(session_url: str) -> int:
    """What the buyer's browser does on the hosted Checkout page: pay (the local server completes the session)."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(session_url, timeout=10)  # noqa: S310  (the local server's loopback URL)
    except urllib.error.HTTPError as redirect:
        return redirect.code
    return 200


def stripe_events(local_stripe, key: str, type: str, **matching) -> list[dict]:
    events = local_stripe.events(type, api_key=key)
    return [e for e in events if all(e["data"]["object"].get(k) == v for k, v in matching.items())]


def make_premium(author, *, title="Advanced Django", price_cents=1500) -> Resource:
    return Resource.objects.create(
        author=author, title=title, description="Deep dive", visibility=Visibility.PREMIUM, price_cents=price_cents
    )


@pytest.fixture
def stripe_key(settings, local_stripe) -> str:
    return local_stripe.configure(settings, "ressourcefy", webhook_secret=WEBHOOK_SECRET)


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """deliver(event) -> the webhook's response: the event signed and posted as Stripe does, handled after commit."""

    def post(event: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return post_signed_event(client, WEBHOOK, event, secret=WEBHOOK_SECRET)

    return post
