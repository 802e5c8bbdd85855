"""The websocket routes of TownSpark, relative to its documented root (served under /townspark/)."""

websocket_urlpatterns: list = []
