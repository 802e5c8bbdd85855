"""GatherHub's websocket routes, relative to its documented root (served under /gatherhub/)."""

from django.urls import path

from gatherhub.api import compat
from gatherhub.consumers import EventsConsumer

websocket_urlpatterns = [
    path("ws/events/", EventsConsumer.as_asgi()),
    # --- Aliases for GatherHub's own frontend (issue #15): see gatherhub/api/compat.py ---
    *compat.websocket_aliases,
]
