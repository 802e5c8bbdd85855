"""The /gatherhub/ws/events/ socket: live event, task and vote messages for the events the account takes part in.

Subscribing is automatic. On connect (`?token=<access>`) the socket follows every
event its account takes part in; creating, joining or leaving an event later adds
or drops that event without reconnecting. Client frames: `{"type": "ping"}` is
answered with `pong`; `{"type": "subscriptions"}` with the ids of the events followed.
"""

from channels.db import database_sync_to_async

from core.api.envelopes import utc_timestamp
from core.realtime.consumers import RealmJsonConsumer
from gatherhub.models import Participation
from gatherhub.realtime import EVENT_GROUP_PREFIX, MessageType, event_group


class EventsConsumer(RealmJsonConsumer):
    """Joins the account's group and one group per event it takes part in; forwards `{type, data, timestamp}` frames."""

    async def extra_groups(self) -> list[str]:
        return [event_group(event_id) for event_id in await self._participating_event_ids()]

    @database_sync_to_async
    def _participating_event_ids(self) -> list[int]:
        return list(Participation.objects.filter(user=self.user).values_list("event_id", flat=True))

    async def gatherhub_subscription(self, message: dict) -> None:
        """A control message from gatherhub.realtime: follow or drop an event, then pass on its announcement."""
        group = event_group(message["event_id"])
        if message["subscribed"] and group not in self.groups:
            await self.join_group(group)
        elif not message["subscribed"] and group in self.groups:
            await self.leave_group(group)
        if message.get("announce"):
            await self.send_json(message["announce"])

    async def realtime_event(self, event: dict) -> None:
        payload = event["payload"]
        event_id = (payload.get("data") or {}).get("event_id")
        if event_id is not None and event_group(event_id) not in self.groups:
            # Sent to the event's group before this socket's unsubscription was processed: the account
            # has left, and messages reach a socket in the order they were sent, so drop it.
            return
        await super().realtime_event(event)
        if payload.get("type") == MessageType.EVENT_DELETED:
            await self.leave_group(event_group(event_id))

    async def receive_json(self, content, **kwargs) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self._reply("pong", {})
        elif kind == "subscriptions":
            await self._reply("subscriptions", {"event_ids": sorted(self._followed_event_ids())})
        else:
            await self._reply(
                "error", {"message": 'Unknown message: send {"type": "ping"} or {"type": "subscriptions"}.'}
            )

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if not text_data:
            await self._reply("error", {"message": "Send JSON text frames."})
            return
        await super().receive(text_data=text_data, **kwargs)

    def _followed_event_ids(self) -> list[int]:
        return [int(group.rsplit(".", 1)[1]) for group in self.groups if group.startswith(EVENT_GROUP_PREFIX)]

    async def _reply(self, kind: str, data: dict) -> None:
        await self.send_json({"type": kind, "data": data, "timestamp": utc_timestamp()})
