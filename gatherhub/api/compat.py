"""Supersets and aliases for GatherHub's own frontend (issue #15), kept in one module to be easy to see and to drop.

The client (`VITE_API_BASE_URL=http://HOST/gatherhub`) was written against a
slightly different version of the API. What it needs is met here without
changing a documented path, field, shape or code:

- login, register and refresh also answer `tokens: {access, refresh}` (TokensSupersetMixin);
- `PUT auth/profile/` as JSON: `avatar: null` removes the avatar, any other non-file
  `avatar` is ignored (profile_update_input);
- `/gatherhub/ws/tasks/` and `/gatherhub/ws/voting/` serve the stream of `/ws/events/`
  (websocket_aliases, included by gatherhub/routing.py).

Elsewhere, each marked "superset for the GatherHub frontend (issue #15)": the
`options` of `GET voting/` items (serializers/votes.py, selectors.vote_list_with_options),
an open-ended vote when `ends_at` is missing or null (VoteCreateSerializer,
services/votes.py), and the top-level `current_participants` of `event_joined`/`event_left`
frames (realtime.membership_data). `/api/v1//auth/refresh/` needs no route: every
product's paths have repeated slashes merged before routing (core/slashes.py).
"""

from django.urls import path
from rest_framework import status

from gatherhub.consumers import EventsConsumer

# --- Token pair also under `tokens` ----------------------------------------------


class TokensSupersetMixin:
    """Adds `tokens: {access, refresh}` beside the documented top-level `access` and `refresh` of a success."""

    def finalize_response(self, request, response, *args, **kwargs):
        body = response.data
        if status.is_success(response.status_code) and isinstance(body, dict) and {"access", "refresh"} <= set(body):
            response.data = {**body, "tokens": {"access": body["access"], "refresh": body["refresh"]}}
        return super().finalize_response(request, response, *args, **kwargs)


# --- Profile avatar in JSON ------------------------------------------------------


def profile_update_input(request) -> tuple[dict, bool]:
    """(the PUT body to validate, whether to remove the avatar).

    Only a JSON body is touched: its `avatar` can never be a file, so `null` means
    "remove it" and any other value is dropped rather than refused. A multipart
    body is validated as documented.
    """
    data = request.data
    if not request.content_type.startswith("application/json") or not isinstance(data, dict) or "avatar" not in data:
        return data, False
    remove = data["avatar"] is None
    return {key: value for key, value in data.items() if key != "avatar"}, remove


# --- WebSocket aliases -----------------------------------------------------------

# The client opens all three; each is the same authenticated stream (token required) as ws/events/.
websocket_aliases = [
    path("ws/tasks/", EventsConsumer.as_asgi(), name="gatherhub-ws-tasks-alias"),
    path("ws/voting/", EventsConsumer.as_asgi(), name="gatherhub-ws-voting-alias"),
]
