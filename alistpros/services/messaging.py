"""Messaging writes: starting conversations, sending messages, marking messages read."""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from rest_framework.exceptions import ValidationError

from alistpros.models import Conversation, Message
from alistpros.realtime import message_new_publish


@transaction.atomic
def conversation_create(*, creator, participants: list, title: str = "") -> Conversation:
    """Start a conversation between `creator` and `participants` (A-List accounts); the creator always takes part.

    The same people may hold several conversations (one per project, say), so
    nothing is reused. ValidationError on `participants` when nobody else is named.
    """
    others = {user.pk: user for user in participants if user.pk != creator.pk}
    if not others:
        raise ValidationError({"participants": ["Name at least one participant other than yourself."]})
    conversation = Conversation.objects.create(title=title)
    conversation.participants.add(creator, *others.values())
    return conversation


@transaction.atomic
def message_send(*, conversation: Conversation, sender, content: str) -> Message:
    """Add a message (read by its sender), move the conversation's last activity, push it live after commit."""
    message = Message.objects.create(conversation=conversation, sender=sender, content=content)
    message.read_by.add(sender)
    # Greatest: a concurrent send that commits first with a later time must not be overwritten by ours.
    Conversation.objects.filter(pk=conversation.pk).update(updated_at=Greatest(F("updated_at"), message.created_at))
    message_new_publish(message=message)
    return message


def messages_mark_read(*, user, message_ids: list[int], already_read: set[int]) -> None:
    """Record that `user` read these messages, in one insert; `already_read` (ids) are skipped.

    Conflicting inserts are ignored, so two listings at once by the same account
    record each reading once and neither fails.
    """
    through = Message.read_by.through
    rows = [
        through(message_id=message_id, user_id=user.pk) for message_id in message_ids if message_id not in already_read
    ]
    if rows:
        through.objects.bulk_create(rows, ignore_conflicts=True)
