"""The websocket routes of A-List Home Pros, relative to its documented root (served under /alistpros/)."""

websocket_urlpatterns: list = []
