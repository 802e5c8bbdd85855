"""The base consumer of product websockets, channel-layer group names, and the close codes clients see."""

import re

from channels.generic.websocket import AsyncJsonWebsocketConsumer

# Application close codes (4000-4999) mirroring the HTTP statuses a client already understands.
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404

# Channel layers accept only these characters in group names, and fewer than 100 of them.
_GROUP_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,99}$")


def realm_group(realm: str, *parts: object) -> str:
    """A group name scoped to one realm: realm_group("parking", "conversation", 12) -> "parking.conversation.12".

    Raises ValueError for a name the channel layer would refuse, so the mistake
    surfaces where the name is built rather than as a swallowed publish error.
    """
    name = ".".join(str(part) for part in (realm, *parts))
    if not _GROUP_NAME.match(name):
        raise ValueError(f"Invalid channel-layer group name: {name!r}")
    return name


def user_group(realm: str, user_id: object) -> str:
    """The group every socket of one account joins, e.g. "townspark.user.<uuid>"."""
    return realm_group(realm, "user", user_id)


async def refuse_connection(receive, send, *, code: int, reason: str = "") -> None:
    """Accept the handshake, then close with `code`.

    A handshake refused before acceptance reaches a browser as an opaque 1006,
    so the socket is accepted first for the client to see the application code.
    """
    message = await receive()
    if message["type"] != "websocket.connect":
        return  # the client left before the handshake finished
    await send({"type": "websocket.accept"})
    close = {"type": "websocket.close", "code": code}
    if reason:
        close["reason"] = reason
    await send(close)


class RealmJsonConsumer(AsyncJsonWebsocketConsumer):
    """A JSON socket of one authenticated account: joins the account's group and forwards published events.

    Subclasses add groups by overriding `extra_groups()` (or calling `join_group()`
    later), refuse with `reject()`, and handle client frames in `receive_json()`
    (a malformed frame arrives there as None).
    """

    @property
    def realm(self) -> str:
        return self.scope["product"].key

    @property
    def user(self):
        return self.scope["user"]

    async def connect(self) -> None:
        await self.join_group(user_group(self.realm, self.user.pk))
        for group in await self.extra_groups():
            await self.join_group(group)
        await self.accept()

    async def extra_groups(self) -> list[str]:
        """Groups to join besides the account's own, e.g. a conversation it takes part in."""
        return []

    async def join_group(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        # Rebinding (not appending) keeps a class-level `groups` list from being shared;
        # the base class leaves every group in `self.groups` on disconnect.
        self.groups = [*self.groups, group]

    async def leave_group(self, group: str) -> None:
        await self.channel_layer.group_discard(group, self.channel_name)
        self.groups = [name for name in self.groups if name != group]

    async def reject(self, code: int = CLOSE_FORBIDDEN, reason: str = "") -> None:
        """Refuse from within connect(): accepted first so that the client sees `code`."""
        await self.accept()
        await self.close(code=code, reason=reason or None)

    @classmethod
    async def decode_json(cls, text_data):
        """The frame's JSON, or None when it is malformed or nested too deeply to decode.

        Subclasses answer None in `receive_json()` as they see fit; an exception here would
        end the consumer and close the socket over one bad frame.
        """
        try:
            return await super().decode_json(text_data)
        except (ValueError, RecursionError):
            return None

    async def realtime_event(self, event: dict) -> None:
        """Channel-layer messages of type "realtime.event" (see core.realtime.publish) go to the client as is."""
        await self.send_json(event["payload"])
