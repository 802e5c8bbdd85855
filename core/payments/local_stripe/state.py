"""The local server's memory: our own objects, events per API key, webhook delivery, and who is asking."""

import asyncio
import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from .events import DEFAULT_API_VERSION, WebhookEndpoint, event_object, event_payload, signed_event_headers

logger = logging.getLogger(__name__)


@dataclass
class Caller:
    """The API key and Stripe-Version of the request being served; events it causes belong to that key."""

    state: "LocalStripeState"
    api_key: str | None
    api_version: str = DEFAULT_API_VERSION


# A context variable, not a request attribute: localstripe's resources emit events deep inside
# their own code, where no request is in reach, and asyncio copies it into tasks they start.
current_caller: contextvars.ContextVar[Caller | None] = contextvars.ContextVar("local_stripe_caller", default=None)


@dataclass
class LocalStripeState:
    """Everything the server remembers, in memory only; reset() forgets it between tests."""

    webhooks: dict[str, WebhookEndpoint] = field(default_factory=dict)
    objects: dict[str, dict] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    extras: dict[str, dict] = field(default_factory=dict)
    events: dict[str, list[dict]] = field(default_factory=dict)
    idempotent: dict = field(default_factory=dict)
    deliveries: set = field(default_factory=set)

    def reset(self) -> None:
        for memory in (self.objects, self.owners, self.extras, self.events, self.idempotent):
            memory.clear()

    def save(self, obj: dict, *, owner: str | None) -> dict:
        self.objects[obj["id"]] = obj
        if owner:
            self.owners[obj["id"]] = owner
        return obj

    def get(self, object_id: str, object_name: str) -> dict | None:
        obj = self.objects.get(object_id)
        return obj if obj is not None and obj["object"] == object_name else None

    def all(self, object_name: str, *, owner: str | None) -> list[dict]:
        """Objects of one kind that `owner`'s key made: as at Stripe, a key lists only its own account's."""
        return [
            obj
            for obj_id, obj in self.objects.items()
            if obj["object"] == object_name and self.owners.get(obj_id) == owner
        ]

    def record(self, api_key: str | None, event: dict) -> dict:
        """Keep the event for its key and deliver it, off the request path, where that key has an endpoint."""
        key = api_key or ""
        self.events.setdefault(key, []).append(event)
        endpoint = self.webhooks.get(key)
        if endpoint:
            task = asyncio.get_running_loop().create_task(_deliver(endpoint, event))
            self.deliveries.add(task)
            task.add_done_callback(self.deliveries.discard)
        return event

    def events_for(self, api_key: str | None, type: str | None = None) -> list[dict]:
        events = self.events.get(api_key, []) if api_key else [e for es in self.events.values() for e in es]
        return [event for event in events if type is None or event["type"] == type]


def emit(type: str, data_object: dict, *, api_key: str | None = None) -> dict:
    """Record an event for the current caller's key (or `api_key`, for pages a browser opens without one)."""
    caller = current_caller.get()
    if caller is None:
        raise RuntimeError("emit() outside a local Stripe request")
    key = api_key or caller.api_key
    return caller.state.record(key, event_object(type, data_object, api_version=caller.api_version))


@contextmanager
def acting_for(api_key: str | None):
    """Run localstripe code on behalf of `api_key`, so the events it emits go to that key."""
    caller = current_caller.get()
    token = current_caller.set(Caller(caller.state, api_key, caller.api_version))
    try:
        yield
    finally:
        current_caller.reset(token)


async def _deliver(endpoint: WebhookEndpoint, event: dict) -> None:
    payload = event_payload(event)
    headers = signed_event_headers(payload, endpoint.secret)
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session,
            session.post(endpoint.url, data=payload, headers=headers) as response,
        ):
            if response.status >= 300:
                logger.warning("webhook %s to %s: HTTP %s", event["type"], endpoint.url, response.status)
    except (aiohttp.ClientError, TimeoutError) as exc:
        logger.warning("webhook %s to %s failed: %s", event["type"], endpoint.url, exc)


STATE = web.AppKey("local_stripe_state", LocalStripeState)
