"""The chat websocket of Parking in a Pinch: one conversation's live messages and typing indicators."""

from channels.db import database_sync_to_async

from core.realtime.consumers import CLOSE_FORBIDDEN, RealmJsonConsumer
from parking.api.serializers.messaging import MessageContentSerializer
from parking.realtime import FrameType, chat_group
from parking.selectors import messaging as selectors
from parking.services import messaging as services


class ChatConsumer(RealmJsonConsumer):
    """`/parking/ws/chat/<conversation_id>/?token=<access>`, for the conversation's two participants (others 4403).

    Client frames: `{"type": "chat_message", "message": "..."}` is stored like
    POST messages/send/ and reaches every socket of the conversation as
    `{"type": "chat_message", "message": {...}, "sender": <id>}`;
    `{"type": "typing_indicator", "is_typing": true}` reaches the other
    participant only, as `{"type": "typing_indicator", "sender": <id>, "is_typing": true}`,
    and is not stored. Anything else is answered with an `error` frame.
    """

    @property
    def conversation_id(self) -> int:
        return self.scope["url_route"]["kwargs"]["conversation_id"]

    async def connect(self) -> None:
        if not await self._takes_part():
            await self.reject(CLOSE_FORBIDDEN, "You do not take part in this conversation.")
            return
        await super().connect()

    async def extra_groups(self) -> list[str]:
        return [chat_group(self.conversation_id)]

    @database_sync_to_async
    def _takes_part(self) -> bool:
        return selectors.conversation_is_participant(conversation_id=self.conversation_id, user=self.user)

    async def receive_json(self, content, **kwargs) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == FrameType.CHAT_MESSAGE:
            errors = await self._send_message(content.get("message"))
            if errors:
                await self._error("The message was not sent.", errors)
        elif kind == FrameType.TYPING_INDICATOR:
            is_typing = content.get("is_typing")
            if not isinstance(is_typing, bool):
                await self._error("`is_typing` must be true or false.", {"is_typing": ["Must be a boolean."]})
                return
            await self.channel_layer.group_send(
                chat_group(self.conversation_id),
                {"type": "chat.typing", "sender": self.user.public_id, "is_typing": is_typing},
            )
        else:
            await self._error('Send {"type": "chat_message", "message": "..."} or {"type": "typing_indicator", ...}.')

    @database_sync_to_async
    def _send_message(self, text) -> dict | None:
        """Validate and store the message as POST messages/send/ does; its frame goes out after commit."""
        body = MessageContentSerializer(data={"content": text})
        if not body.is_valid():
            return body.errors
        conversation = selectors.conversation_for_participant(conversation_id=self.conversation_id, user=self.user)
        services.message_send(conversation=conversation, sender=self.user, content=body.validated_data["content"])
        return None

    async def chat_typing(self, event: dict) -> None:
        """A participant's typing state, passed on to the other participant's sockets only."""
        if event["sender"] != self.user.public_id:
            await self.send_json(
                {"type": FrameType.TYPING_INDICATOR, "sender": event["sender"], "is_typing": event["is_typing"]}
            )

    async def _error(self, message: str, errors: dict | None = None) -> None:
        await self.send_json({"type": FrameType.ERROR, "message": message, "errors": errors or {}})

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if not text_data:
            await self._error("Send JSON text frames.")
            return
        await super().receive(text_data=text_data, **kwargs)
