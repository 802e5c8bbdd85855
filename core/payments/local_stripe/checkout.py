"""Prices and Checkout sessions, which localstripe lacks, with a hosted page that completes the session."""

from aiohttp import web

from .compat import UserError, resources
from .state import STATE, LocalStripeState, acting_for, current_caller, emit
from .wire import StripeError, form, integer, json_response, list_object, missing, new_id, now, required, stripe_object

MODES = ("payment", "subscription", "setup")
INTERVALS = ("day", "week", "month", "year")


def _api_key() -> str | None:
    caller = current_caller.get()
    return caller.api_key if caller else None


def _product_id(data: dict, param: str) -> str:
    if data.get("product"):
        try:
            return resources.Product._api_retrieve(data["product"]).id
        except UserError:
            raise missing("product", data["product"], param=f"{param}product") from None
    product_data = data.get("product_data") or {}
    if not product_data.get("name"):
        raise required(f"{param}product")
    return resources.Product(name=product_data["name"], metadata=product_data.get("metadata")).id


def price_build(state: LocalStripeState, data: dict, *, param: str = "") -> dict:
    """A price from `POST /v1/prices` or a line item's `price_data`; a recurring one is a localstripe plan too."""
    if not data.get("currency"):
        raise required(f"{param}currency")
    unit_amount = integer(data, "unit_amount")
    recurring = data.get("recurring")
    if recurring is not None:
        if recurring.get("interval") not in INTERVALS:
            raise StripeError(400, "Invalid recurring[interval]", param=f"{param}recurring[interval]")
        recurring = {
            "interval": recurring["interval"],
            "interval_count": int(recurring.get("interval_count", 1)),
            "usage_type": "licensed",
            "aggregate_usage": None,
            "trial_period_days": None,
        }
    product = _product_id(data, param)
    price = stripe_object(
        "price",
        new_id("price_"),
        active=data.get("active", "true") != "false",
        currency=data["currency"].lower(),
        unit_amount=unit_amount,
        unit_amount_decimal=str(unit_amount),
        product=product,
        recurring=recurring,
        type="recurring" if recurring else "one_time",
        nickname=data.get("nickname"),
        lookup_key=data.get("lookup_key"),
        metadata=data.get("metadata") or {},
        billing_scheme="per_unit",
        tax_behavior="unspecified",
    )
    if recurring:
        # Subscriptions are localstripe's; in Stripe a recurring price answers where a plan is asked for.
        resources.Plan(
            id=price["id"],
            product=product,
            amount=unit_amount,
            currency=price["currency"],
            interval=recurring["interval"],
            interval_count=recurring["interval_count"],
        )
    return state.save(price, owner=_api_key())


async def price_create(request: web.Request) -> web.Response:
    return json_response(price_build(request.app[STATE], await form(request)))


def _price(state: LocalStripeState, price_id: str, *, param: str = "price") -> dict:
    price = state.get(price_id, "price")
    if price is None:
        raise missing("price", price_id, param=param)
    return price


async def price_retrieve(request: web.Request) -> web.Response:
    return json_response(_price(request.app[STATE], request.match_info["id"], param="id"))


async def price_list(request: web.Request) -> web.Response:
    prices = request.app[STATE].all("price", owner=_api_key())
    if "product" in request.query:
        prices = [price for price in prices if price["product"] == request.query["product"]]
    if "active" in request.query:
        prices = [price for price in prices if price["active"] == (request.query["active"] == "true")]
    return json_response(list_object("/v1/prices", prices, request.query))


def _line_items(state: LocalStripeState, data: dict, mode: str) -> list[dict]:
    items = []
    for index, item in enumerate(data.get("line_items") or []):
        param = f"line_items[{index}]"
        if item.get("price"):
            price = _price(state, item["price"], param=f"{param}[price]")
        elif item.get("price_data"):
            price = price_build(state, item["price_data"], param=f"{param}[price_data]")
        else:
            raise StripeError(400, "You must specify either `price` or `price_data`.", param=param)
        quantity = integer(item, "quantity", required_=False, minimum=1) or 1
        if (price["type"] == "recurring") != (mode == "subscription"):
            raise StripeError(
                400,
                f"You specified `{mode}` mode but passed a {price['type'].replace('_', '-')} "
                "price; prices must match the mode.",
                param=f"{param}[price]",
            )
        items.append(
            stripe_object(
                "item",
                new_id("li_"),
                price=price,
                quantity=quantity,
                currency=price["currency"],
                amount_subtotal=price["unit_amount"] * quantity,
                amount_total=price["unit_amount"] * quantity,
                description=None,
            )
        )
    if not items and mode != "setup":
        raise StripeError(400, f"`line_items` is required in `{mode}` mode.", param="line_items")
    return items


async def session_create(request: web.Request) -> web.Response:
    state = request.app[STATE]
    data = await form(request)
    mode = data.get("mode")
    if mode not in MODES:
        raise StripeError(400, "Missing required param: mode." if not mode else f"Invalid mode: {mode}", param="mode")
    if not data.get("success_url"):
        raise required("success_url")
    items = _line_items(state, data, mode)
    total = sum(item["amount_total"] for item in items)
    session_id = new_id("cs_test_", 58)
    session = stripe_object(
        "checkout.session",
        session_id,
        mode=mode,
        status="open",
        payment_status="unpaid",
        url=f"{request.url.origin()}/_local/checkout/{session_id}",
        success_url=data["success_url"],
        cancel_url=data.get("cancel_url"),
        client_reference_id=data.get("client_reference_id"),
        customer=data.get("customer"),
        customer_email=data.get("customer_email"),
        metadata=data.get("metadata") or {},
        amount_subtotal=total,
        amount_total=total,
        currency=items[0]["currency"] if items else None,
        payment_intent=None,
        subscription=None,
        setup_intent=None,
        expires_at=now() + 24 * 3600,
    )
    # Kept beside the object: Stripe returns line items only from their own endpoint.
    state.extras[session_id] = {
        "line_items": items,
        "payment_metadata": (data.get("payment_intent_data") or {}).get("metadata") or {},
        "subscription_metadata": (data.get("subscription_data") or {}).get("metadata") or {},
    }
    return json_response(state.save(session, owner=_api_key()))


def _session(state: LocalStripeState, session_id: str) -> dict:
    session = state.get(session_id, "checkout.session")
    if session is None:
        raise missing("checkout.session", session_id, param="session")
    return session


async def session_retrieve(request: web.Request) -> web.Response:
    return json_response(_session(request.app[STATE], request.match_info["id"]))


async def session_list(request: web.Request) -> web.Response:
    sessions = request.app[STATE].all("checkout.session", owner=_api_key())
    for name in ("payment_intent", "subscription", "customer"):
        if name in request.query:
            sessions = [session for session in sessions if session[name] == request.query[name]]
    return json_response(list_object("/v1/checkout/sessions", sessions, request.query))


async def session_line_items(request: web.Request) -> web.Response:
    state = request.app[STATE]
    session = _session(state, request.match_info["id"])
    items = state.extras[session["id"]]["line_items"]
    return json_response(list_object(f"/v1/checkout/sessions/{session['id']}/line_items", items, request.query))


async def session_expire(request: web.Request) -> web.Response:
    session = _session(request.app[STATE], request.match_info["id"])
    if session["status"] != "open":
        raise StripeError(400, "Only Checkout Sessions with a status of `open` can be expired.", param="session")
    session["status"] = "expired"
    emit("checkout.session.expired", session)
    return json_response(session)


def session_complete(state: LocalStripeState, session: dict) -> dict:
    """What Stripe does when the customer pays on the hosted page, paid with Stripe's test Visa card."""
    card = resources.PaymentMethod._api_retrieve("pm_card_visa")
    if session["customer"]:
        customer = resources.Customer._api_retrieve(session["customer"])
        resources.PaymentMethod._api_attach(card.id, customer=customer.id)
    else:
        customer = resources.Customer(email=session["customer_email"], payment_method=card.id)
    customer.invoice_settings["default_payment_method"] = card.id
    extras = state.extras[session["id"]]
    if session["mode"] == "payment":
        intent = resources.PaymentIntent(
            amount=session["amount_total"],
            currency=session["currency"],
            customer=customer.id,
            payment_method=card.id,
            metadata=extras["payment_metadata"],
        )
        emit("payment_intent.created", intent._export())
        intent._confirm(on_failure_now=intent._report_failure)
        session.update(payment_intent=intent.id, payment_status="paid")
    elif session["mode"] == "subscription":
        subscription = resources.Subscription(
            customer=customer.id,
            metadata=extras["subscription_metadata"],
            items=[{"plan": item["price"]["id"], "quantity": item["quantity"]} for item in extras["line_items"][:1]],
        )
        if subscription.status != "incomplete":
            emit("customer.subscription.updated", subscription._export())
        session.update(subscription=subscription.id, payment_status="paid")
    else:
        session["payment_status"] = "no_payment_required"
    session.update(status="complete", customer=customer.id, customer_email=session["customer_email"] or customer.email)
    emit("checkout.session.completed", session)
    return session


async def hosted_page(request: web.Request) -> web.Response:
    """The hosted Checkout page: visiting it pays (or, with ?outcome=cancel, cancels) and redirects like Stripe."""
    state = request.app[STATE]
    session = state.get(request.match_info["id"], "checkout.session")
    if session is None or session["status"] == "expired":
        return web.Response(status=404, text="This Checkout session does not exist or has expired.")
    if request.query.get("outcome") == "cancel":
        raise web.HTTPSeeOther(session["cancel_url"] or "/")
    if session["status"] == "open":
        with acting_for(state.owners.get(session["id"])):
            session_complete(state, session)
    raise web.HTTPSeeOther(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"]))


ROUTES = [
    ("POST", "/v1/prices", price_create),
    ("GET", "/v1/prices", price_list),
    ("GET", "/v1/prices/{id}", price_retrieve),
    ("POST", "/v1/checkout/sessions", session_create),
    ("GET", "/v1/checkout/sessions", session_list),
    ("GET", "/v1/checkout/sessions/{id}", session_retrieve),
    ("GET", "/v1/checkout/sessions/{id}/line_items", session_line_items),
    ("POST", "/v1/checkout/sessions/{id}/expire", session_expire),
    ("GET", "/_local/checkout/{id}", hosted_page),
]
