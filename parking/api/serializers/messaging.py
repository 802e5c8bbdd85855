"""Serializers of the messaging area: conversations, messages and the write bodies."""

from rest_framework import serializers

from core.api.fields import AccountIdField
from core.ids import MAX_INTEGER_ID
from parking.realtime import DELETED_CONTENT

MAX_MESSAGE_LENGTH = 5000


class PersonSerializer(serializers.Serializer):
    """`{id, name}` of a participant."""

    id = AccountIdField()
    name = serializers.CharField()


class ConversationListingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ConversationBookingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()


class MessageSerializer(serializers.Serializer):
    """A message; a deleted one keeps its place with `content` "This message was deleted." and `is_deleted`."""

    id = serializers.IntegerField()
    conversation = serializers.IntegerField(source="conversation_id")
    sender = PersonSerializer()
    content = serializers.SerializerMethodField()
    is_read = serializers.SerializerMethodField()
    read_at = serializers.DateTimeField(allow_null=True)
    is_deleted = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_content(self, message) -> str:
        return DELETED_CONTENT if message.deleted_at is not None else message.content

    def get_is_read(self, message) -> bool:
        return message.read_at is not None

    def get_is_deleted(self, message) -> bool:
        return message.deleted_at is not None


class ConversationSerializer(serializers.Serializer):
    """A conversation as listed: `last_message` is null until someone writes; `unread_count` is the caller's."""

    id = serializers.IntegerField()
    listing = ConversationListingSerializer()
    booking = ConversationBookingSerializer(allow_null=True, help_text="The booking it is about, if any.")
    seeker = PersonSerializer()
    host = PersonSerializer()
    last_message = MessageSerializer(allow_null=True)
    unread_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()


class ConversationStartSerializer(serializers.Serializer):
    """Either `listing` (a seeker asks an active listing's host) or `booking` (its guest or host writes about
    it); `message`: an optional first message."""

    listing = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID, required=False)
    booking = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID, required=False)
    message = serializers.CharField(max_length=MAX_MESSAGE_LENGTH, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("listing" in attrs) == ("booking" in attrs):
            raise serializers.ValidationError({"listing": ["Give either listing or booking."]})
        return attrs


class MessageContentSerializer(serializers.Serializer):
    """What a chat socket's `chat_message` frame carries: non-blank text of at most 5000 characters."""

    content = serializers.CharField(max_length=MAX_MESSAGE_LENGTH)


class MessageSendSerializer(MessageContentSerializer):
    """`conversation`: the id of a conversation the caller takes part in."""

    conversation = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID)
