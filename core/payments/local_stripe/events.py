"""Stripe event objects and their signatures, for the local server and for tests that build events themselves."""

import hashlib
import hmac
import json
import secrets
import time
from typing import NamedTuple

# The API version of the pinned SDK (stripe 16.1); the server answers with the request's Stripe-Version instead.
DEFAULT_API_VERSION = "2026-10-28.endive"


class WebhookEndpoint(NamedTuple):
    url: str
    secret: str


def event_object(type: str, data_object: dict, *, event_id: str | None = None, api_version: str | None = None) -> dict:
    """A Stripe event as its webhooks and GET /v1/events carry it."""
    return {
        "id": event_id or "evt_" + secrets.token_hex(12),
        "object": "event",
        "type": type,
        "created": int(time.time()),
        "livemode": False,
        "api_version": api_version or DEFAULT_API_VERSION,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "data": {"object": data_object},
    }


def signed_event_headers(payload: bytes, secret: str, timestamp: int | None = None) -> dict:
    """The headers Stripe sends with a webhook: `Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.payload">`."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signed = f"{timestamp}.".encode() + payload
    signature = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": f"t={timestamp},v1={signature}"}


def event_payload(event: dict) -> bytes:
    return json.dumps(event).encode()


def parse_webhook_endpoints(value: str | None) -> dict[str, WebhookEndpoint]:
    """LOCAL_STRIPE_WEBHOOKS, `sk_test_a=http://host/path/|whsec_a;sk_test_b=...|whsec_b`, by secret API key."""
    endpoints = {}
    for entry in (value or "").split(";"):
        if not entry.strip():
            continue
        api_key, sep, target = entry.strip().partition("=")
        url, bar, secret = target.rpartition("|")
        if not (sep and bar and api_key and url and secret):
            raise ValueError(f"LOCAL_STRIPE_WEBHOOKS entry {entry!r} is not 'sk_...=URL|whsec_...'")
        endpoints[api_key] = WebhookEndpoint(url, secret)
    return endpoints
