"""The websocket routes of A-List Home Pros, relative to its documented root (served under /alistpros/)."""

from django.urls import path

from alistpros.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
]
