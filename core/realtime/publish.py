"""Push events to websockets from synchronous code, once the current database transaction commits."""

import asyncio
import json
import logging
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.realtime.consumers import user_group

logger = logging.getLogger(__name__)

# A slow or unreachable channel layer must not hold an HTTP request for long.
SEND_TIMEOUT_SECONDS = 2.0


def publish_to_user(user, payload: dict) -> None:
    """Send `payload` to every open socket of `user` (in the user's realm) after the transaction commits."""
    publish_to_group(user_group(user.realm, user.pk), payload)


def publish_to_group(group: str, payload: dict) -> None:
    """Send `payload` as one JSON frame to every socket in `group` after the transaction commits.

    Outside a transaction it is sent at once. The payload is the frame the
    client receives, e.g. {"type": "notification", "data": {...}}; it is
    converted to JSON types now (UUIDs, datetimes as ISO 8601), so a later
    change to the caller's objects does not alter what is sent. Channel-layer
    failures are logged, never raised: the write that published has happened.
    """
    send_to_group(group, {"type": "realtime.event", "payload": payload})


def send_to_group(group: str, message: dict) -> None:
    """Send a channel-layer `message` to `group` after the transaction commits.

    For messages the consumers handle themselves (their `type` names a consumer
    method), such as subscription changes; `publish_to_group` wraps a frame for
    the client in one of these. Converted to JSON types now, like the frames.
    """
    message = json.loads(json.dumps(message, cls=DjangoJSONEncoder))
    transaction.on_commit(partial(_group_send, group, message))


def _group_send(group: str, message: dict) -> None:
    try:
        layer = get_channel_layer()
        if layer is None:
            logger.warning("No channel layer configured; dropped a realtime event for %s.", group)
            return
        async_to_sync(_group_send_with_timeout)(layer, group, message)
    except Exception:
        logger.exception("Could not publish a realtime event to %s.", group)


async def _group_send_with_timeout(layer, group: str, message: dict) -> None:
    await asyncio.wait_for(layer.group_send(group, message), timeout=SEND_TIMEOUT_SECONDS)
