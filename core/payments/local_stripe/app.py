"""The local Stripe server: localstripe's routes and ours on one aiohttp app, with Stripe's errors and auth."""

import logging
import os

from aiohttp import web

from . import checkout, compat, connect
from .events import DEFAULT_API_VERSION, WebhookEndpoint, parse_webhook_endpoints
from .idempotency import idempotent_requests
from .state import STATE, Caller, LocalStripeState, current_caller
from .wire import StripeError, form, json_response

logger = logging.getLogger(__name__)

# Paths a browser or a test opens without a secret key; every /v1/ path needs one, as at Stripe.
_OPEN_PREFIXES = ("/_local/", "/js.stripe.com/")


@web.middleware
async def stripe_errors(request: web.Request, handler):
    try:
        return await handler(request)
    except (StripeError, compat.UserError, web.HTTPNotFound, web.HTTPMethodNotAllowed) as exc:
        return compat.stripe_error_response(exc)
    except web.HTTPException:
        raise
    except Exception:
        logger.exception("local Stripe failed on %s %s", request.method, request.path)
        return StripeError(500, "An error occurred with our connection to Stripe.", type="api_error").response()


@web.middleware
async def request_caller(request: web.Request, handler):
    """Who is calling: the secret key (required on /v1/) and API version that the events it causes carry."""
    api_key = compat.server.get_api_key(request)
    version = request.headers.get("Stripe-Version") or DEFAULT_API_VERSION
    token = current_caller.set(Caller(request.app[STATE], api_key, version))
    try:
        if api_key is None and not request.path.startswith(_OPEN_PREFIXES):
            # localstripe lets Stripe.js in with a publishable key on a few routes; it refuses the rest (401).
            return await compat.server.auth_middleware(request, handler)
        return await handler(request)
    finally:
        current_caller.reset(token)


async def events_list(request: web.Request) -> web.Response:
    """GET /_local/events[?type=]: the calling key's events (every key's without one), oldest first."""
    caller = current_caller.get()
    return json_response(request.app[STATE].events_for(caller.api_key, request.query.get("type")))


async def webhook_endpoint_set(request: web.Request) -> web.Response:
    """POST /_local/webhook_endpoints url=...&secret=...: where the calling key's events are delivered."""
    caller = current_caller.get()
    if caller.api_key is None:
        raise StripeError(401, "Invalid API Key provided.")
    data = await form(request)
    if not data.get("url") or not data.get("secret"):
        raise StripeError(400, "url and secret are required.", param="url")
    request.app[STATE].webhooks[caller.api_key] = WebhookEndpoint(data["url"], data["secret"])
    return json_response({"api_key": caller.api_key, "url": data["url"]})


async def reset(request: web.Request) -> web.Response:
    request.app[STATE].reset()
    compat.localstripe_store().clear()
    return json_response({"reset": True})


def build_app(*, webhooks: dict[str, WebhookEndpoint] | None = None) -> web.Application:
    """The whole server; webhook endpoints by secret key default to LOCAL_STRIPE_WEBHOOKS."""
    if webhooks is None:
        webhooks = parse_webhook_endpoints(os.environ.get("LOCAL_STRIPE_WEBHOOKS"))
    app = web.Application(middlewares=[stripe_errors, request_caller, idempotent_requests])
    app[STATE] = LocalStripeState(webhooks=dict(webhooks))
    local = [
        ("GET", "/_local/events", events_list),
        ("POST", "/_local/webhook_endpoints", webhook_endpoint_set),
        ("POST", "/_local/reset", reset),
    ]
    for method, path, handler in local + connect.ROUTES + checkout.ROUTES + compat.routes():
        app.router.add_route(method, path, handler)
    return app
