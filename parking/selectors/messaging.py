"""Messaging reads, always through the caller's participation: others see nothing (404)."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from core.ids import MAX_INTEGER_ID
from parking.models import Conversation, Message


def _participating(user) -> Q:
    return Q(seeker=user) | Q(host=user)


def conversation_list(*, user) -> QuerySet[Conversation]:
    """`user`'s conversations, latest activity first, with `unread_count` and `last_message_id` annotated.

    Call `conversation_last_messages_attach` on the page: the last messages then
    cost one query for the whole page, never one per row.
    """
    latest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-id").values("id")[:1]
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), read_at__isnull=True, deleted_at__isnull=True)
        .exclude(sender=user)
        .order_by()
        .values("conversation")
        .annotate(total=Count("id"))
        .values("total")
    )
    return (
        Conversation.objects.filter(_participating(user))
        .select_related("listing", "seeker", "host", "booking")
        .annotate(
            last_message_id=Subquery(latest),
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
        )
        .order_by("-last_activity_at", "-id")
    )


def conversation_last_messages_attach(conversations) -> None:
    """Set `last_message` (a Message with its sender, or None) on each conversation, in one query."""
    ids = [c.last_message_id for c in conversations if c.last_message_id is not None]
    messages = {m.pk: m for m in Message.objects.filter(pk__in=ids).select_related("sender")} if ids else {}
    for conversation in conversations:
        conversation.last_message = messages.get(conversation.last_message_id)


def conversation_summary(*, conversation_id: int, user) -> Conversation:
    """One conversation in the list's shape for `user` (e.g. just started)."""
    conversation = conversation_list(user=user).get(pk=conversation_id)
    conversation_last_messages_attach([conversation])
    return conversation


def conversation_for_participant(*, conversation_id: int, user) -> Conversation:
    """The conversation if `user` takes part in it; Http404 otherwise, exactly as for one that does not exist."""
    if not 1 <= conversation_id <= MAX_INTEGER_ID:
        raise Http404
    conversation = Conversation.objects.filter(_participating(user), pk=conversation_id).first()
    if conversation is None:
        raise Http404
    return conversation


def conversation_is_participant(*, conversation_id: int, user) -> bool:
    return (
        1 <= conversation_id <= MAX_INTEGER_ID
        and Conversation.objects.filter(_participating(user), pk=conversation_id).exists()
    )


def message_list(*, conversation: Conversation) -> QuerySet[Message]:
    """The conversation's messages, oldest first, with their senders."""
    return Message.objects.filter(conversation=conversation).select_related("sender").order_by("created_at", "id")


def message_for_participant(*, message_id: int, user) -> Message:
    """A message of a conversation `user` takes part in (with its conversation and sender); Http404 otherwise."""
    if not 1 <= message_id <= MAX_INTEGER_ID:
        raise Http404
    message = (
        Message.objects.select_related("conversation", "sender")
        .filter(Q(conversation__seeker=user) | Q(conversation__host=user), pk=message_id)
        .first()
    )
    if message is None:
        raise Http404
    return message
