"""TownSpark's websocket routes, relative to its documented root (served under /townspark/)."""

from django.urls import path

from townspark.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
]
