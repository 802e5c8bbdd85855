"""The websocket routes of Parking in a Pinch, relative to its documented root (served under /parking/)."""

from django.urls import path

from parking.consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/chat/<int:conversation_id>/", ChatConsumer.as_asgi()),
]
