"""Messaging shapes: conversations with their participants and last message, messages, and the write bodies."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from core.api.fields import AccountField, AccountIdField

User = get_user_model()
MAX_PARTICIPANTS = 20
MAX_MESSAGE_LENGTH = 5000


class MessageSenderSerializer(serializers.Serializer):
    """`{id, name}`: the sender of a message."""

    id = AccountIdField()
    name = serializers.CharField()


class ConversationParticipantSerializer(MessageSenderSerializer):
    """`{id, name, role}`."""

    role = serializers.CharField()


class ConversationLastMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sender = MessageSenderSerializer()
    content = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConversationSerializer(serializers.Serializer):
    """A conversation as listed: `last_message` is null until someone writes."""

    id = serializers.IntegerField()
    participants = ConversationParticipantSerializer(many=True)
    title = serializers.CharField()
    last_message = ConversationLastMessageSerializer(allow_null=True)
    updated_at = serializers.DateTimeField()


class MessageSerializer(serializers.Serializer):
    """A message; `read_by` lists the ids of the accounts that have read it (its sender always)."""

    id = serializers.IntegerField()
    sender = MessageSenderSerializer()
    content = serializers.CharField()
    # Set on each message by the view, from one query for the page (selectors.messaging.message_readers).
    read_by = serializers.ListField(child=serializers.IntegerField(), source="reader_ids")
    created_at = serializers.DateTimeField()


class BoundedListField(serializers.ListField):
    """A list whose length is checked before its items are: each item may cost a query."""

    def to_internal_value(self, data):
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class ConversationCreateSerializer(serializers.Serializer):
    """`participants`: ids of A-List accounts (you are added yourself); `title` is optional."""

    participants = BoundedListField(
        child=AccountField(queryset=User.objects.filter(is_active=True)),
        allow_empty=False,
        max_length=MAX_PARTICIPANTS,
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MessageCreateSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=MAX_MESSAGE_LENGTH)
