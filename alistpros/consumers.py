"""The notifications websocket of A-List Home Pros: each account hears the events meant for it."""

from core.api.envelopes import utc_timestamp
from core.realtime.consumers import RealmJsonConsumer


class NotificationConsumer(RealmJsonConsumer):
    """`/alistpros/ws/notifications/?token=<access>`: `message.new`, `appointment.updated`, `payment.completed`.

    Frames are `{type, data, timestamp}` (alistpros.realtime). Clients may send
    `{"type": "ping"}` and get a `pong` frame; other frames are ignored.
    """

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong", "data": {}, "timestamp": utc_timestamp()})

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if text_data:  # binary frames carry nothing this socket understands
            await super().receive(text_data=text_data, **kwargs)

