"""GatherHub's API routes, relative to `api/v1/`."""

from django.urls import path, register_converter

from gatherhub.api import views


class IdConverter:
    """A database id: at most 18 digits, so a longer number is a 404 rather than a driver overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "gatherhub_id")

urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="gatherhub-register"),
    path("auth/login/", views.LoginView.as_view(), name="gatherhub-login"),
    path("auth/refresh/", views.TokenRefreshView.as_view(), name="gatherhub-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="gatherhub-logout"),
    path("auth/profile/", views.ProfileView.as_view(), name="gatherhub-profile"),
    path("events/", views.EventViewSet.as_view({"get": "list", "post": "create"}), name="gatherhub-events"),
    path(
        "events/<gatherhub_id:pk>/",
        views.EventViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
        name="gatherhub-event",
    ),
    path("events/<gatherhub_id:pk>/join/", views.EventJoinView.as_view(), name="gatherhub-event-join"),
    path("events/<gatherhub_id:pk>/leave/", views.EventLeaveView.as_view(), name="gatherhub-event-leave"),
    path("tasks/", views.TaskViewSet.as_view({"get": "list", "post": "create"}), name="gatherhub-tasks"),
    path(
        "tasks/<gatherhub_id:pk>/",
        views.TaskViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="gatherhub-task",
    ),
    path("tasks/<gatherhub_id:pk>/assign/", views.TaskAssignView.as_view(), name="gatherhub-task-assign"),
    path("tasks/<gatherhub_id:pk>/complete/", views.TaskCompleteView.as_view(), name="gatherhub-task-complete"),
    path("voting/", views.VoteViewSet.as_view({"get": "list", "post": "create"}), name="gatherhub-votes"),
    path("voting/<gatherhub_id:pk>/", views.VoteViewSet.as_view({"get": "retrieve"}), name="gatherhub-vote"),
    path("voting/<gatherhub_id:pk>/vote/", views.VoteCastView.as_view(), name="gatherhub-vote-cast"),
    path("voting/<gatherhub_id:pk>/results/", views.VoteResultsView.as_view(), name="gatherhub-vote-results"),
    # --- Aliases for GatherHub's own frontend (issue #15): none over HTTP. Its double-slash refresh
    # is merged by core (core/slashes.py); its supersets and WebSocket aliases are in api/compat.py.
]
