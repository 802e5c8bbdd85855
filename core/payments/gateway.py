"""The one module that imports `stripe`: a StripeClient per product, idempotent creates, verified webhook events.

Products call `stripe_create`, `stripe_call` and `webhook_event_verified` and get plain dicts back
(Stripe's JSON objects), never SDK objects: everything Stripe-specific stays behind this module.
Each product has its own client (its own key, so its own Stripe account), built on first use with
a short timeout and network retries; a retry is safe because every create carries an idempotency
key derived from our own row, so Stripe answers a retried create with the object it made the first time.
"""

import functools
import json
import logging
from contextlib import contextmanager

import stripe
from django.conf import settings

from core.payments.exceptions import (
    PaymentDeclined,
    PaymentProviderError,
    PaymentRequestInvalid,
    PaymentsUnavailable,
    WebhookSignatureInvalid,
)
from core.payments.fields import is_stripe_id

logger = logging.getLogger(__name__)


def _config() -> dict:
    return settings.STRIPE


def payments_enabled(product_key: str) -> bool:
    """Whether the product has a Stripe key (its payment endpoints work)."""
    return bool(_config()["SECRET_KEYS"].get(product_key))


@functools.cache
def _client(api_key: str, api_base: str, timeout: float, retries: int) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base} if api_base else None,
        max_network_retries=retries,
        http_client=stripe.RequestsClient(timeout=timeout),
    )


def stripe_client(product_key: str) -> stripe.StripeClient:
    """The product's client; PaymentsUnavailable (503) when the product has no key."""
    config = _config()
    api_key = config["SECRET_KEYS"].get(product_key)
    if not api_key:
        raise PaymentsUnavailable("Payments are not available on this service: no Stripe key is configured.")
    return _client(api_key, config["API_BASE"], config["TIMEOUT_SECONDS"], config["MAX_NETWORK_RETRIES"])


def idempotency_key(row, action: str) -> str:
    """`<app.model>:<pk>:<action>`: one Stripe object per row and action, however often a request is retried."""
    if row.pk is None:
        raise ValueError("An idempotency key comes from a saved row: save it first.")
    return f"{row._meta.label_lower}:{row.pk}:{action}"


def _check_ids(resource: str, ids) -> None:
    """Ids become URL segments: anything but a Stripe-shaped id is the client's mistake, never a failed request."""
    for value in ids:
        if isinstance(value, str) and not is_stripe_id(value):
            raise PaymentRequestInvalid({"id": [f"Not a Stripe {resource} id."]})


def _service(client: stripe.StripeClient, resource: str):
    """`payment_intents` -> client.v1.payment_intents; dotted paths reach nested services (`accounts.login_links`)."""
    service = client.v1
    for name in resource.split("."):
        service = getattr(service, name)
    return service


@contextmanager
def _stripe_errors(product_key: str, resource: str):
    """Stripe's exceptions as API errors in the product's format; the details go to the log, not the client."""
    try:
        yield
    except stripe.CardError as exc:
        raise PaymentDeclined(exc.user_message or "The payment was declined.") from exc
    except stripe.InvalidRequestError as exc:
        logger.info("Stripe refused a %s request of %s: %s", resource, product_key, exc.user_message or exc)
        message = exc.user_message or "Stripe refused the request."
        raise PaymentRequestInvalid({exc.param or "payment": [message]}) from exc
    except stripe.AuthenticationError as exc:
        logger.error("Stripe refused the key of %s: %s", product_key, exc)
        raise PaymentsUnavailable("Payments are not available on this service right now.") from exc
    except stripe.StripeError as exc:
        logger.warning("Stripe %s request of %s failed: %s", resource, product_key, exc)
        raise PaymentProviderError() from exc


def _plain(value) -> dict:
    return value.to_dict() if hasattr(value, "to_dict") else value


def stripe_create(product_key: str, resource: str, params: dict, *parents: str, idempotency_key: str) -> dict:
    """Create a Stripe object; `idempotency_key` is required (see `idempotency_key()`).

    `parents` are the ids a nested resource hangs from: `stripe_create("parking",
    "accounts.login_links", {}, "acct_1", idempotency_key=...)`.
    """
    if not idempotency_key:
        raise ValueError("Every Stripe create needs an idempotency key derived from our own row.")
    _check_ids(resource, parents)
    service = _service(stripe_client(product_key), resource)
    with _stripe_errors(product_key, resource):
        created = service.create(*parents, params=params, options={"idempotency_key": idempotency_key})
    return _plain(created)


def stripe_call(
    product_key: str, resource: str, method: str, *args, params: dict | None = None, idempotency_key: str = ""
) -> dict:
    """Any other call: `stripe_call("parking", "payment_intents", "retrieve", "pi_1")`, `confirm`, `list`, ...

    Calls that change something at Stripe (confirm, cancel, capture) should pass an idempotency key too.
    """
    _check_ids(resource, args)
    service = _service(stripe_client(product_key), resource)
    options = {"idempotency_key": idempotency_key} if idempotency_key else None
    with _stripe_errors(product_key, resource):
        result = getattr(service, method)(*args, params=params, options=options)
    return _plain(result)


# Stripe object types to the API resource that reads them, for `event_object_current`.
_RESOURCES = {
    "account": "accounts",
    "charge": "charges",
    "checkout.session": "checkout.sessions",
    "customer": "customers",
    "invoice": "invoices",
    "payment_intent": "payment_intents",
    "payment_method": "payment_methods",
    "payout": "payouts",
    "refund": "refunds",
    "setup_intent": "setup_intents",
    "subscription": "subscriptions",
    "transfer": "transfers",
}


def event_object_current(product_key: str, event: dict) -> dict:
    """The event's object as Stripe has it now, not as it was when the event was sent.

    Stripe does not deliver events in order: `payment_intent.succeeded` may come before
    `payment_intent.created`, a refund before the payment's own update. A handler that stores
    what Stripe says now, whichever event woke it, ends in the right state in any order.
    """
    snapshot = event["data"]["object"]
    resource = _RESOURCES.get(snapshot.get("object"))
    if resource is None or not snapshot.get("id"):
        return snapshot
    return stripe_call(product_key, resource, "retrieve", snapshot["id"])


def webhook_event_verified(product_key: str, payload: bytes, signature: str | None) -> dict:
    """The Stripe event in `payload`, once its `Stripe-Signature` checks out with the product's webhook secret.

    A missing or wrong signature, a stale timestamp or a body that is not a Stripe event is a
    WebhookSignatureInvalid (400); without a secret the endpoint is unavailable (503).
    """
    config = _config()
    secret = config["WEBHOOK_SECRETS"].get(product_key)
    if not secret:
        raise PaymentsUnavailable("Stripe webhooks are not configured on this service.")
    if not signature:
        raise WebhookSignatureInvalid("Missing Stripe-Signature header.")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature, secret, config["WEBHOOK_TOLERANCE_SECONDS"])
        event = json.loads(text)
    except stripe.SignatureVerificationError as exc:
        raise WebhookSignatureInvalid("Invalid Stripe signature.") from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WebhookSignatureInvalid("The body is not a Stripe event.") from exc
    if not _is_event(event):
        raise WebhookSignatureInvalid("The body is not a Stripe event.")
    return event


def _is_event(event) -> bool:
    return (
        isinstance(event, dict)
        and event.get("object") == "event"
        and isinstance(event.get("id"), str)
        and 0 < len(event["id"]) <= 255
        and isinstance(event.get("type"), str)
        and 0 < len(event["type"]) <= 100
        and isinstance(event.get("data"), dict)
        and isinstance(event["data"].get("object"), dict)
    )
