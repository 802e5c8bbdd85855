"""Messaging endpoints: the caller's conversations, starting one, and the messages of a conversation."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView

from alistpros.api.serializers.messaging import (
    ConversationCreateSerializer,
    ConversationSerializer,
    MessageCreateSerializer,
    MessageSerializer,
)
from alistpros.selectors import messaging as selectors
from alistpros.services import messaging as services
from core.api.responses import created


@extend_schema(tags=["messaging"])
class ConversationListView(GenericAPIView):
    """The caller's conversations, latest activity first; POST starts one. Open to every A-List account."""

    serializer_class = ConversationSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.Conversation.objects.none()
        return selectors.conversation_list(user=self.request.user)

    @extend_schema(responses=ConversationSerializer(many=True), summary="List conversations")
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        selectors.conversation_last_messages_attach(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=ConversationCreateSerializer, responses={201: ConversationSerializer}, summary="Start a conversation"
    )
    def post(self, request):
        serializer = ConversationCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        conversation = services.conversation_create(creator=request.user, **serializer.validated_data)
        conversation = selectors.conversation_detail(conversation_id=conversation.pk)
        return created(self.get_serializer(conversation).data)


@extend_schema(tags=["messaging"])
class ConversationMessagesView(GenericAPIView):
    """A conversation's messages, oldest first, for its participants only (404 to anyone else); POST sends one.

    Listing marks the returned messages read by the caller; the `read_by` shown
    already includes the caller (the state after this listing).
    """

    serializer_class = MessageSerializer
    filter_backends: list = []

    def conversation(self):
        return selectors.conversation_for_participant(
            conversation_id=self.kwargs["conversation_id"], user=self.request.user
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.Message.objects.none()
        return selectors.message_list(conversation=self.conversation())

    @extend_schema(responses=MessageSerializer(many=True), summary="List messages of a conversation")
    def get(self, request, conversation_id):
        page = self.paginate_queryset(self.get_queryset())
        message_ids = [message.pk for message in page]
        readers = selectors.message_readers(message_ids=message_ids)
        services.messages_mark_read(
            user=request.user,
            message_ids=message_ids,
            already_read={message_id for message_id, ids in readers.items() if request.user.pk in ids},
        )
        for message in page:
            message.reader_ids = sorted({*readers[message.pk], request.user.pk})
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=MessageCreateSerializer, responses={201: MessageSerializer}, summary="Send a message")
    def post(self, request, conversation_id):
        conversation = self.conversation()
        serializer = MessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.message_send(
            conversation=conversation, sender=request.user, content=serializer.validated_data["content"]
        )
        message.reader_ids = [request.user.pk]
        return created(self.get_serializer(message).data)
