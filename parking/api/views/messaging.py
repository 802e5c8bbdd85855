"""Views of the messaging area: conversations (list, start, messages) and messages (send, read, delete).

Thin: validate, call a service or selector, serialize. Participants only: a
conversation or message of others is 404, exactly as one that does not exist.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.responses import created, ok
from parking.api.permissions import CanBook, IsMessageRecipient, IsMessageSender
from parking.api.serializers import messaging as s
from parking.models import Conversation, Message
from parking.selectors import bookings as booking_selectors
from parking.selectors import listings as listing_selectors
from parking.selectors import messaging as selectors
from parking.services import messaging as services

MESSAGE_EXAMPLE = {
    "id": 41,
    "conversation": 9,
    "sender": {"id": 5, "name": "Sam Seeker"},
    "content": "Is the garage tall enough for a van?",
    "is_read": False,
    "read_at": None,
    "is_deleted": False,
    "created_at": "2025-06-21T09:30:00Z",
}
CONVERSATION_EXAMPLE = {
    "id": 9,
    "listing": {"id": 7, "title": "Covered garage near Union Square"},
    "booking": {
        "id": 12,
        "status": "CONFIRMED",
        "start_time": "2025-06-28T08:00:00Z",
        "end_time": "2025-06-28T18:00:00Z",
    },
    "seeker": {"id": 5, "name": "Sam Seeker"},
    "host": {"id": 3, "name": "Hana Host"},
    "last_message": MESSAGE_EXAMPLE,
    "unread_count": 1,
    "created_at": "2025-06-21T09:30:00Z",
    "last_activity_at": "2025-06-21T09:30:00Z",
}


@extend_schema(tags=["messaging"])
class ConversationListView(GenericAPIView):
    """The caller's conversations, latest activity first; POST starts one about a listing (seekers) or a booking
    (its guest or host)."""

    serializer_class = s.ConversationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Conversation.objects.none()
        return selectors.conversation_list(user=self.request.user)

    @extend_schema(
        summary="List conversations",
        responses=s.ConversationSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        selectors.conversation_last_messages_attach(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Start a conversation with a listing's host",
        request=s.ConversationStartSerializer,
        responses={201: s.ConversationSerializer, 200: s.ConversationSerializer},
        examples=[
            OpenApiExample("Start", value={"listing": 7, "message": "Is it free on Saturday?"}, request_only=True),
            OpenApiExample(
                "About a booking", value={"booking": 12, "message": "Gate code is 4411."}, request_only=True
            ),
            OpenApiExample("Started", value=CONVERSATION_EXAMPLE, response_only=True),
        ],
        description=(
            "One conversation per (listing, seeker): asking again returns the existing one (200). With `listing`, "
            "a seeker (SEEKER or BOTH) asks its host; with `booking`, the booking's guest or host writes about it, "
            "and the conversation is linked to that booking."
        ),
    )
    def post(self, request):
        body = s.ConversationStartSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = body.validated_data["message"]
        if "booking" in body.validated_data:
            booking = booking_selectors.booking_for_conversation(booking_id=body.validated_data["booking"])
            if booking is None:
                raise ValidationError({"booking": ["No booking of yours has this id."]})
            conversation, is_new = services.conversation_start_about_booking(
                user=request.user, booking=booking, message=message
            )
        else:
            if not CanBook().has_permission(request, self):
                raise PermissionDenied("Only seekers (SEEKER or BOTH accounts) can start a conversation.")
            listing = listing_selectors.listing_get(listing_id=body.validated_data["listing"])
            if listing is None or not listing.is_active:
                raise ValidationError({"listing": ["No active listing with this id."]})
            conversation, is_new = services.conversation_start(seeker=request.user, listing=listing, message=message)
        data = self.get_serializer(selectors.conversation_summary(conversation_id=conversation.pk, user=request.user))
        if is_new:
            return created(data.data, message="Conversation started.")
        return ok(data.data, message="Conversation already exists.")


@extend_schema(tags=["messaging"])
class ConversationMessagesView(GenericAPIView):
    """A conversation's messages, oldest first, for its participants only (404 to anyone else)."""

    serializer_class = s.MessageSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Message.objects.none()
        conversation = selectors.conversation_for_participant(
            conversation_id=self.kwargs["conversation_id"], user=self.request.user
        )
        return selectors.message_list(conversation=conversation)

    @extend_schema(
        summary="Messages of a conversation",
        operation_id="messages_conversations_messages_list",
        responses=s.MessageSerializer(many=True),
    )
    def get(self, request, conversation_id):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=["messaging"])
class MessageSendView(GenericAPIView):
    """Send a message in a conversation the caller takes part in; it also reaches the conversation's sockets."""

    serializer_class = s.MessageSerializer

    @extend_schema(
        summary="Send a message",
        request=s.MessageSendSerializer,
        responses={201: s.MessageSerializer},
        examples=[
            OpenApiExample("Send", value={"conversation": 9, "content": "On my way."}, request_only=True),
            OpenApiExample("Sent", value=MESSAGE_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request):
        body = s.MessageSendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        conversation = selectors.conversation_for_participant(
            conversation_id=body.validated_data["conversation"], user=request.user
        )
        message = services.message_send(
            conversation=conversation, sender=request.user, content=body.validated_data["content"]
        )
        return created(self.get_serializer(message).data, message="Message sent.")


class MessageObjectView(GenericAPIView):
    """A message of a conversation the caller takes part in (404 otherwise), checked against the view's permissions."""

    serializer_class = s.MessageSerializer

    def get_message(self, message_id: int) -> Message:
        message = selectors.message_for_participant(message_id=message_id, user=self.request.user)
        self.check_object_permissions(self.request, message)
        return message


@extend_schema(tags=["messaging"])
class MessageReadView(MessageObjectView):
    """The recipient marks a message read (the sender cannot: 403); marking again keeps the first time."""

    permission_classes = [IsAuthenticated, IsMessageRecipient]

    @extend_schema(
        summary="Mark a message read",
        request=None,
        responses={200: s.MessageSerializer},
        examples=[
            OpenApiExample("Read", value={**MESSAGE_EXAMPLE, "is_read": True, "read_at": "2025-06-21T09:31:00Z"})
        ],
    )
    def put(self, request, pk):
        message = services.message_mark_read(message=self.get_message(pk))
        return ok(self.get_serializer(message).data, message="Message marked as read.")


@extend_schema(tags=["messaging"])
class MessageDetailView(MessageObjectView):
    """The sender deletes their own message (soft: it shows "This message was deleted.")."""

    permission_classes = [IsAuthenticated, IsMessageSender]

    @extend_schema(summary="Delete own message", responses={204: OpenApiResponse(description="Deleted.")})
    def delete(self, request, pk):
        services.message_delete(message=self.get_message(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
