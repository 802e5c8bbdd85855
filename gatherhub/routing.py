"""GatherHub's websocket routes, relative to its documented root (served under /gatherhub/)."""

from django.urls import path

from gatherhub.consumers import EventsConsumer

websocket_urlpatterns = [
    path("ws/events/", EventsConsumer.as_asgi()),
]
