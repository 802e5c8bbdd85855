"""Messaging: a conversation between a seeker and a listing's host, and its messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Conversation(models.Model):
    """One per (listing, seeker); the host is the listing's host when it started.

    `booking` is the booking it is about, when started from one: the latest such booking, since
    the seeker's later bookings of the same listing continue the same conversation.
    """

    listing = models.ForeignKey("parking.Listing", on_delete=models.PROTECT, related_name="conversations")
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_seeker_conversations"
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_host_conversations"
    )
    booking = models.ForeignKey(
        "parking.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(default=timezone.now, help_text="Moves with every message.")

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "seeker"], name="parking_conversation_listing_seeker_unique"),
        ]
        indexes = [
            models.Index(fields=["seeker", "-last_activity_at"], name="parking_conv_seeker_activity"),
            models.Index(fields=["host", "-last_activity_at"], name="parking_conv_host_activity"),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} about listing {self.listing_id}"

    def participant_ids(self) -> tuple[int, int]:
        return (self.seeker_id, self.host_id)


class Message(models.Model):
    """A message; deleting it is soft (`deleted_at` set, content wiped) so the thread keeps its shape."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_messages")
    content = models.TextField()
    read_at = models.DateTimeField(null=True, blank=True, help_text="When the recipient marked it read.")
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at", "id"], name="parking_message_thread")]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.conversation_id}"
