"""Reads of conversations and messages, always through the caller's participation (others see nothing)."""

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from alistpros.models import Conversation, Message
from core.ids import MAX_INTEGER_ID

User = get_user_model()

# What the API shows of an account (`public_id` reads the realm to know the product's id style).
PERSON_FIELDS = ("id", "realm", "uuid", "name")
SENDER_FIELDS = tuple(f"sender__{name}" for name in PERSON_FIELDS)
MESSAGE_FIELDS = ("id", "conversation_id", "content", "created_at", *SENDER_FIELDS)


def _conversations() -> QuerySet[Conversation]:
    """Conversations with their participants (one prefetch per page) and `last_message_id` annotated."""
    latest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-id").values("id")[:1]
    participants = User.objects.only(*PERSON_FIELDS, "role").order_by("id")
    return Conversation.objects.annotate(last_message_id=Subquery(latest)).prefetch_related(
        Prefetch("participants", queryset=participants)
    )


def conversation_list(*, user) -> QuerySet[Conversation]:
    """The conversations `user` takes part in, latest activity first.

    Call `conversation_last_messages_attach` on the page: the last messages then
    cost one query for the whole page, never one per row.
    """
    return _conversations().filter(participants=user).order_by("-updated_at", "-id")


def conversation_last_messages_attach(conversations) -> None:
    """Set `last_message` (a Message with its sender, or None) on each conversation, in one query."""
    ids = [c.last_message_id for c in conversations if c.last_message_id is not None]
    messages = {}
    if ids:
        rows = Message.objects.filter(pk__in=ids).select_related("sender").only(*MESSAGE_FIELDS)
        messages = {message.pk: message for message in rows}
    for conversation in conversations:
        conversation.last_message = messages.get(conversation.last_message_id)


def conversation_detail(*, conversation_id: int) -> Conversation:
    """One conversation in the list's shape (participants and `last_message` loaded), e.g. just created."""
    conversation = _conversations().get(pk=conversation_id)
    conversation_last_messages_attach([conversation])
    return conversation


def conversation_for_participant(*, conversation_id: int, user) -> Conversation:
    """The conversation if `user` takes part in it; Http404 otherwise, exactly as for one that does not exist."""
    if not 1 <= conversation_id <= MAX_INTEGER_ID:
        raise Http404
    conversation = Conversation.objects.filter(pk=conversation_id, participants=user).first()
    if conversation is None:
        raise Http404
    return conversation


def message_list(*, conversation: Conversation) -> QuerySet[Message]:
    """The conversation's messages, oldest first, with their senders."""
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("sender")
        .only(*MESSAGE_FIELDS)
        .order_by("created_at", "id")
    )


def message_readers(*, message_ids: list[int]) -> dict[int, list[int]]:
    """{message id: ids of the accounts that read it, ascending}, in one query on the join table.

    A-List writes account ids as the integer key (IdStyle.INTEGER), so the join
    table's user ids are the public ids.
    """
    readers: dict[int, list[int]] = {message_id: [] for message_id in message_ids}
    if message_ids:
        rows = (
            Message.read_by.through.objects.filter(message_id__in=message_ids)
            .order_by("user_id")
            .values_list("message_id", "user_id")
        )
        for message_id, user_id in rows:
            readers[message_id].append(user_id)
    return readers
