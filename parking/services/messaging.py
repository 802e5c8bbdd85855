"""Messaging writes: starting a conversation about a listing, sending, marking read, deleting."""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from parking.models import Booking, Conversation, Listing, Message
from parking.realtime import chat_message_publish


@transaction.atomic
def conversation_start(*, seeker, listing: Listing, message: str = "") -> tuple[Conversation, bool]:
    """The conversation of `seeker` about `listing` with its host, created if new; (conversation, created).

    One per (listing, seeker): asking again returns the existing one (the unique
    constraint settles concurrent starts). A non-empty `message` is sent in it
    either way. ValidationError on `listing` when the seeker hosts it.
    """
    if listing.host_id == seeker.pk:
        raise ValidationError({"listing": ["You cannot start a conversation about your own listing."]})
    conversation, created = Conversation.objects.get_or_create(
        listing=listing, seeker=seeker, defaults={"host_id": listing.host_id}
    )
    if message:
        message_send(conversation=conversation, sender=seeker, content=message)
    return conversation, created


@transaction.atomic
def conversation_start_about_booking(*, user, booking: Booking, message: str = "") -> tuple[Conversation, bool]:
    """The conversation between a booking's guest and its listing's host, started by either of them.

    It is the guest's conversation about the listing (one per listing and seeker), now linked to
    this booking; `message` is sent by `user`. The caller is checked to take part in the booking.
    """
    if user.pk not in (booking.guest_id, booking.listing.host_id):
        raise ValidationError({"booking": ["No booking of yours has this id."]})
    conversation, created = Conversation.objects.get_or_create(
        listing_id=booking.listing_id,
        seeker_id=booking.guest_id,
        defaults={"host_id": booking.listing.host_id, "booking": booking},
    )
    if conversation.booking_id != booking.pk:
        conversation.booking = booking
        conversation.save(update_fields=["booking"])
    if message:
        message_send(conversation=conversation, sender=user, content=message)
    return conversation, created


@transaction.atomic
def message_send(*, conversation: Conversation, sender, content: str) -> Message:
    """Add a message, move the conversation's last activity, and push it to the chat socket after commit."""
    message = Message.objects.create(conversation=conversation, sender=sender, content=content)
    # Greatest: a concurrent send that commits first with a later time must not be moved back by ours.
    Conversation.objects.filter(pk=conversation.pk).update(
        last_activity_at=Greatest(F("last_activity_at"), message.created_at)
    )
    chat_message_publish(message=message)
    return message


@transaction.atomic
def message_mark_read(*, message: Message) -> Message:
    """Record that the recipient read `message`; marking again keeps the first time."""
    Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
    message.refresh_from_db(fields=["read_at"])
    return message


@transaction.atomic
def message_delete(*, message: Message) -> None:
    """Soft delete: the row stays (the thread keeps its order) but its content is wiped; deleting again is a no-op."""
    Message.objects.filter(pk=message.pk, deleted_at__isnull=True).update(deleted_at=timezone.now(), content="")
