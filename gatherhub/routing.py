"""The websocket routes of GatherHub, relative to its documented root (served under /gatherhub/)."""

websocket_urlpatterns: list = []
