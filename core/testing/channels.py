"""Listening on a channel layer in sync tests: join a group, then drain what reached the channel."""

import asyncio

from asgiref.sync import async_to_sync


def listen(layer, group: str) -> str:
    """A fresh channel of `layer`, added to `group`."""
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(group, channel)
    return channel


def drain(layer, channel: str, *, quiet_seconds: float = 0.2) -> list[dict]:
    """Every message that reached `channel`, once none has come for `quiet_seconds`."""

    async def receive_all():
        received = []
        while True:
            try:
                received.append(await asyncio.wait_for(layer.receive(channel), quiet_seconds))
            except TimeoutError:
                return received

    return async_to_sync(receive_all)()
