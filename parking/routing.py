"""The websocket routes of Parking in a Pinch, relative to its documented root (served under /parking/)."""

websocket_urlpatterns: list = []
