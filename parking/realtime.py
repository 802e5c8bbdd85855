"""Live chat on /parking/ws/chat/<conversation_id>/: the conversation's group and the spec's frames.

Frames are built now, in the API's shapes, and sent once the current transaction
commits (core.realtime.publish), so a rolled-back send pushes nothing.
"""

from datetime import UTC

from core.realtime.consumers import realm_group
from core.realtime.publish import publish_to_group

REALM = "parking"
DELETED_CONTENT = "This message was deleted."


class FrameType:
    CHAT_MESSAGE = "chat_message"
    TYPING_INDICATOR = "typing_indicator"
    ERROR = "error"


def chat_group(conversation_id: int) -> str:
    """The spec's `chat_<id>` group, scoped to the realm: "parking.chat.<id>"."""
    return realm_group(REALM, "chat", conversation_id)


def iso(value) -> str | None:
    """Datetimes as the API writes them: UTC, whole seconds, `Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def message_data(message) -> dict:
    """The API's message (parking.api.serializers.messaging.MessageSerializer) as a plain dict."""
    deleted = message.deleted_at is not None
    return {
        "id": message.pk,
        "conversation": message.conversation_id,
        "sender": {"id": message.sender.public_id, "name": message.sender.name},
        "content": DELETED_CONTENT if deleted else message.content,
        "is_read": message.read_at is not None,
        "read_at": iso(message.read_at),
        "is_deleted": deleted,
        "created_at": iso(message.created_at),
    }


def chat_message_publish(*, message) -> None:
    """The spec's `{type: "chat_message", message, sender}` to every socket of the conversation, after commit."""
    frame = {"type": FrameType.CHAT_MESSAGE, "message": message_data(message), "sender": message.sender.public_id}
    publish_to_group(chat_group(message.conversation_id), frame)
