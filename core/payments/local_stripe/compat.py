"""localstripe, wrapped: in memory only, its events kept per API key, and the parameters our products send."""

import secrets
import string
import warnings

from aiohttp import web

with warnings.catch_warnings():
    # localstripe registers plain-function handlers, which aiohttp 3.14 deprecates (and wraps) at import.
    warnings.simplefilter("ignore", DeprecationWarning)
    from localstripe import resources, server
    from localstripe.errors import UserError

from . import connect
from .state import STATE, current_caller, emit
from .wire import StripeError, json_response

__all__ = ["UserError", "localstripe_store", "routes", "stripe_error_response"]

# localstripe pickles its whole store to /tmp/localstripe.pickle after every write; ours lives in memory.
resources.store.dump_to_disk = lambda: None

# Stripe sends both for a paid invoice; localstripe only the older name.
_ALSO_SENT = {"invoice.payment_succeeded": "invoice.paid"}

# Parameters the SDK or our products send that localstripe's PaymentIntent does not take.
_INTENT_FIELDS = (
    "transfer_data",
    "application_fee_amount",
    "description",
    "on_behalf_of",
    "transfer_group",
    "receipt_email",
    "statement_descriptor",
    "setup_future_usage",
)
_CLIENT_ONLY = (
    "automatic_payment_methods",
    "return_url",
    "use_stripe_sdk",
    "mandate_data",
    "error_on_requires_action",
    "off_session",
)


def localstripe_store() -> dict:
    return resources.store


def stripe_error_response(exc: Exception) -> web.StreamResponse:
    """The Stripe error body an exception stands for; anything else (a redirect) is raised on."""
    if isinstance(exc, StripeError):
        return exc.response()
    if isinstance(exc, UserError):
        details = {name: value for name, value in exc.body["error"].items() if name != "type"}
        # localstripe calls every error invalid_request_error; Stripe calls a decline a card_error.
        error = {
            "type": "card_error" if exc.code == 402 else "invalid_request_error",
            "param": None,
            "code": details.pop("code", None),
            "message": details.pop("message", "Bad request"),
            **details,
        }
        return json_response({"error": error}, status=exc.code)
    if isinstance(exc, web.HTTPNotFound | web.HTTPMethodNotAllowed):
        return StripeError(404, "Unrecognized request URL. Please see https://stripe.com/docs.").response()
    raise exc


def _record_localstripe_event(event) -> None:
    """Stands in for localstripe's webhook sender: the event belongs to the key whose request caused it."""
    caller = current_caller.get()
    if caller is None:
        return
    data_object = event.data["object"]
    if event.type.endswith(".created") and caller.api_key and "id" in data_object:
        caller.state.owners.setdefault(data_object["id"], caller.api_key)
    emit(event.type, data_object)
    if event.type in _ALSO_SENT:
        emit(_ALSO_SENT[event.type], data_object)


resources.schedule_webhook = _record_localstripe_event


def _random_id(length: int) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length))


# localstripe draws ids from the `random` module, which hypothesis seeds afresh for every example
# when the server runs in the test's own process: the same ids came back and made 409 Conflicts.
resources.random_id = _random_id

_canonical_article = resources.PaymentMethod._try_get_canonical_test_article.__func__
_charging_declined = resources.PaymentMethod._charging_is_declined


def _test_payment_method(cls, id):
    """Stripe's pm_card_chargeDeclined: attaches, then every charge on it is declined."""
    if id == "pm_card_chargeDeclined":
        id = "pm_card_chargeCustomerFail"
    return _canonical_article(cls, id)


def _charging_is_declined(self):
    # Stripe declines 4000 0000 0000 0002 (pm_card_visa_chargeDeclined) on charge too, not only on attach.
    return _charging_declined(self) or (self.type == "card" and self._card_number == "4000000000000002")


def _export_intent(self, expand=None):
    """Stripe answers `latest_charge` with the charge's id unless asked to expand it; localstripe always expands."""
    exported = _intent_export(self, expand=expand)
    if self.latest_charge is not None and "latest_charge" not in (expand or []):
        exported["latest_charge"] = self.latest_charge.id
    return exported


_intent_export = resources.PaymentIntent._export
resources.PaymentIntent._export = _export_intent
resources.PaymentMethod._try_get_canonical_test_article = classmethod(_test_payment_method)
resources.PaymentMethod._charging_is_declined = _charging_is_declined


async def _body(request: web.Request) -> tuple[dict, list | None]:
    data = await server.get_post_data(request) or {}
    return data, data.pop("expand", None)


def _unknown(data: dict) -> None:
    if data:
        name = next(iter(data))
        raise StripeError(400, f"Received unknown parameter: {name}", param=name)


def _confirm(intent) -> None:
    try:
        intent._confirm(on_failure_now=intent._report_failure)
    except UserError as exc:
        # Stripe's decline names the payment intent, so a caller can read its id and status from the error.
        exc.body["error"]["payment_intent"] = intent._export()
        raise


def _pay_out_destination(request: web.Request, intent) -> None:
    """A destination charge that succeeded moves its amount less the platform's fee to the connected account."""
    transfer_data = getattr(intent, "transfer_data", None)
    if not transfer_data or intent.status != "succeeded" or getattr(intent.latest_charge, "transfer", None):
        return
    fee = getattr(intent, "application_fee_amount", None) or 0
    amount = int(transfer_data.get("amount") or intent.amount - fee)
    transfer = connect.transfer_record(
        request.app[STATE],
        amount=amount,
        currency=intent.currency,
        destination=transfer_data["destination"],
        source_transaction=intent.latest_charge.id,
        transfer_group=getattr(intent, "transfer_group", None),
    )
    intent.latest_charge.transfer = transfer["id"]
    intent.latest_charge.application_fee_amount = fee or None


async def payment_intent_create(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    extra = {name: data.pop(name, None) for name in _INTENT_FIELDS}
    confirm = resources.try_convert_to_bool(data.pop("confirm", None))
    for name in _CLIENT_ONLY:
        data.pop(name, None)
    if extra["transfer_data"] is not None:
        destination = extra["transfer_data"].get("destination")
        connect.account_get(request.app[STATE], destination, param="transfer_data[destination]")
    if extra["application_fee_amount"] is not None:
        extra["application_fee_amount"] = int(extra["application_fee_amount"])
    intent = resources.PaymentIntent._api_create(**data)
    for name, value in extra.items():
        setattr(intent, name, value)
    emit("payment_intent.created", intent._export())
    if confirm is True:
        _confirm(intent)
        _pay_out_destination(request, intent)
    return json_response(intent._export(expand=expand))


def _confirmable(intent, *statuses: str) -> None:
    """Stripe's 400 for confirming an intent in any other status."""
    if intent.status not in statuses:
        raise StripeError(
            400,
            f"You cannot confirm this PaymentIntent because it has a status of {intent.status}.",
            code="payment_intent_unexpected_state",
        )


async def payment_intent_confirm(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    for name in _CLIENT_ONLY:
        data.pop(name, None)
    intent = resources.PaymentIntent._api_retrieve(request.match_info["id"])
    payment_method = data.pop("payment_method", None)
    _unknown(data)
    if payment_method:
        _confirmable(intent, "requires_payment_method", "requires_confirmation")
        intent.payment_method = resources.PaymentMethod._api_retrieve(payment_method).id
        intent.latest_charge = None  # a new payment method is a new attempt, after a declined one too
    _confirmable(intent, "requires_confirmation")
    _confirm(intent)
    _pay_out_destination(request, intent)
    return json_response(intent._export(expand=expand))


async def setup_intent_confirm(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    for name in _CLIENT_ONLY:
        data.pop(name, None)
    intent_id = request.match_info["id"]
    try:
        intent = resources.SetupIntent._api_confirm(intent_id, **data)
    except UserError:
        emit("setup_intent.setup_failed", resources.SetupIntent._api_retrieve(intent_id)._export())
        raise
    if intent.status == "succeeded":
        # Stripe attaches the confirmed payment method to the intent's customer.
        if intent.customer and intent.payment_method:
            resources.PaymentMethod._api_retrieve(intent.payment_method).customer = intent.customer
        emit("setup_intent.succeeded", intent._export())
    return json_response(intent._export(expand=expand))


async def refund_create(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    reason = data.pop("reason", None)
    refund = resources.Refund._api_create(**data)
    refund.reason = reason
    emit("refund.created", refund._export())
    emit("charge.refunded", resources.Charge._api_retrieve(refund.charge)._export())
    return json_response(refund._export(expand=expand))


async def payout_create(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    currency = data.get("currency")
    if not currency:
        raise StripeError(400, "Missing required param: currency.", param="currency", code="parameter_missing")
    # localstripe takes only euros; Stripe pays out in the account's currency, whatever it is.
    payout = resources.Payout._api_create(**{**data, "currency": "eur"})
    payout.currency = currency
    return json_response(payout._export(expand=expand))


async def payout_mark_paid(request: web.Request) -> web.Response:
    """Test control: the bank accepted the payout (Stripe sends payout.paid on the arrival date)."""
    payout = resources.Payout._api_retrieve(request.match_info["id"])
    payout.status = "paid"
    emit("payout.paid", payout._export(), api_key=request.app[STATE].owners.get(payout.id))
    return json_response(payout._export())


async def subscription_create(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    # Stripe names a subscription item's price `price`; localstripe knows prices as plans (same id).
    for item in data.get("items") or []:
        if isinstance(item, dict) and "price" in item:
            item["plan"] = item.pop("price")
    subscription = resources.Subscription._api_create(**data)
    if subscription.status != "incomplete":
        emit("customer.subscription.updated", subscription._export())
    return json_response(subscription._export(expand=expand))


async def subscription_update(request: web.Request) -> web.Response:
    data, expand = await _body(request)
    subscription = resources.Subscription._api_update(request.match_info["id"], **data)
    emit("customer.subscription.updated", subscription._export())
    return json_response(subscription._export(expand=expand))


def routes() -> list[tuple[str, str, object]]:
    """Our overrides first (the first matching route wins), then every route of localstripe's own app."""
    overrides = [
        ("POST", "/v1/payment_intents", payment_intent_create),
        ("POST", "/v1/payment_intents/{id}/confirm", payment_intent_confirm),
        ("POST", "/v1/setup_intents/{id}/confirm", setup_intent_confirm),
        ("POST", "/v1/refunds", refund_create),
        ("POST", "/v1/payouts", payout_create),
        ("POST", "/_local/payouts/{id}/pay", payout_mark_paid),
        ("POST", "/v1/subscriptions", subscription_create),
        ("POST", "/v1/subscriptions/{id}", subscription_update),
    ]
    ours = {(method, path) for method, path, _ in overrides}
    theirs = [
        (route.method, route.resource.canonical, route.handler)
        for route in server.app.router.routes()
        if (route.method, route.resource.canonical) not in ours and not route.resource.canonical.startswith("/_config/")
    ]
    return overrides + theirs
