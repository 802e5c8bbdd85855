"""GatherHub's HTTP endpoints: thin views that validate, call one service or selector, and serialize."""

from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from core.accounts import views as account_views
from core.api.parsers import JSONParser
from core.api.responses import created, ok
from gatherhub import selectors
from gatherhub.api import compat
from gatherhub.api import serializers as s
from gatherhub.api.filters import EventFilter, FilterBackend, TaskFilter, VoteFilter
from gatherhub.api.serializers import rows
from gatherhub.api.throttling import ACCOUNT_THROTTLES, RateLimitedMixin
from gatherhub.models import Task, Vote
from gatherhub.permissions import IsEventCreator, IsEventOrTaskCreator, IsTaskCreatorOrAssignee
from gatherhub.services import accounts, events, tasks, votes

sensitive_password = method_decorator(sensitive_post_parameters("password"))

# --- Authentication ---------------------------------------------------------------


@extend_schema(tags=["auth"])
class RegisterView(compat.TokensSupersetMixin, RateLimitedMixin, account_views.RegisterView):
    """Create an account; answers with a token pair. 409 when the username or e-mail is taken."""

    throttle_classes = ACCOUNT_THROTTLES
    serializer_class = s.RegisterSerializer
    user_serializer_class = s.RegisteredUserSerializer
    send_verification_email = False

    @sensitive_password
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(
        request=s.RegisterSerializer,
        responses={201: s.RegisterResponseSerializer, 409: OpenApiResponse(description="Username or e-mail exists")},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def register(self, serializer):
        return accounts.account_register(**serializer.validated_data)


@extend_schema(tags=["auth"])
class LoginView(compat.TokensSupersetMixin, RateLimitedMixin, account_views.LoginView):
    """Log in by username (an e-mail address is accepted too). 400 for bad credentials, 401 for a disabled account."""

    throttle_classes = ACCOUNT_THROTTLES
    serializer_class = s.LoginSerializer
    user_serializer_class = s.LoginUserSerializer

    @sensitive_password
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.LoginSerializer, responses={200: s.LoginResponseSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class TokenRefreshView(compat.TokensSupersetMixin, RateLimitedMixin, account_views.TokenRefreshView):
    """Exchange a refresh token for a new pair; the old token stops working. 401 when invalid or expired."""

    serializer_class = s.RefreshSerializer

    @extend_schema(request=s.RefreshSerializer, responses={200: s.TokenPairSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class LogoutView(RateLimitedMixin, account_views.LogoutView):
    """Blacklist the refresh token."""

    serializer_class = s.RefreshSerializer

    @extend_schema(request=s.RefreshSerializer, responses={200: s.MessageSerializer})
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.data = {"message": "Successfully logged out"}
        return response


@extend_schema(tags=["auth"])
class ProfileView(RateLimitedMixin, account_views.MeView):
    """The requesting account's profile. PUT changes the fields it sends; send the avatar as multipart.

    In a JSON body, `avatar: null` removes the avatar and any other `avatar` is ignored.
    """

    serializer_class = s.ProfileSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "put", "head", "options"]

    @extend_schema(responses={200: s.ProfileSerializer})
    def get(self, request, *args, **kwargs):
        return ok(s.ProfileSerializer(request.user, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ProfileUpdateSerializer, responses={200: s.ProfileSerializer})
    def put(self, request, *args, **kwargs):
        data, remove_avatar = compat.profile_update_input(request)
        serializer = s.ProfileUpdateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        user = accounts.profile_update(user=request.user, remove_avatar=remove_avatar, **serializer.validated_data)
        return ok(s.ProfileSerializer(user, context=self.get_serializer_context()).data)


# --- Events -------------------------------------------------------------------------


class ListMixin:
    """Filtered, paginated list, with `list_serializer_class`; or, given `list_rows` = (the selector's
    `.values()` fields, the rows function building an item), read as rows and built without DRF fields.
    """

    list_rows = None

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if self.list_rows is not None:
            fields, build = self.list_rows
            page, clock = self.paginate_queryset(selectors.Rows(queryset, fields)), rows.Clock()
            return self.get_paginated_response([build(row, clock) for row in page])
        page = self.paginate_queryset(queryset)
        serializer = self.list_serializer_class(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


@extend_schema(tags=["events"])
class EventViewSet(RateLimitedMixin, ListMixin, GenericViewSet):
    """Events are visible to every GatherHub account; only their creator changes or deletes them.

    `status` follows the date: upcoming before it, ongoing for GATHERHUB_EVENT_ONGOING_HOURS
    (default 3) hours from it, completed afterwards.
    """

    filter_backends = [FilterBackend]
    filterset_class = EventFilter
    list_serializer_class = s.EventSerializer
    list_rows = (selectors.EVENT_VALUES, rows.event_data)
    serializer_class = s.EventSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.event_list()
        return selectors.event_list()

    def get_permissions(self):
        if self.action in {"update", "destroy"}:
            return [IsAuthenticated(), IsEventCreator()]
        return [IsAuthenticated()]

    @extend_schema(responses=s.EventSerializer(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.EventWriteSerializer, responses={201: s.EventSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.EventWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = events.event_create(creator=request.user, **serializer.validated_data)
        return created(s.EventSerializer(event, context=self.get_serializer_context()).data)

    @extend_schema(responses={200: s.EventDetailSerializer})
    def retrieve(self, request, *args, **kwargs):
        page = selectors.event_page(event_id=kwargs["pk"], user=request.user)
        if page is None:
            raise Http404("No Event matches the given query.")
        return ok(rows.event_detail_data(page, clock=rows.Clock()))

    @extend_schema(request=s.EventUpdateSerializer, responses={200: s.EventSerializer})
    def update(self, request, *args, **kwargs):
        event = self.get_object()
        serializer = s.EventUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = events.event_update(event_id=event.pk, **serializer.validated_data)
        return ok(s.EventSerializer(event, context=self.get_serializer_context()).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        events.event_delete(event=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipView(RateLimitedMixin, GenericAPIView):
    serializer_class = s.MembershipResponseSerializer
    message = ""

    def change(self, *, event_id: int, user):
        raise NotImplementedError

    def post(self, request, pk: int):
        event = self.change(event_id=pk, user=request.user)
        event_ref = {"id": event.pk, "title": event.title, "current_participants": event.current_participants}
        return ok(s.MembershipResponseSerializer({"message": self.message, "event": event_ref}).data)


@extend_schema(tags=["events"], request=None, responses={200: s.MembershipResponseSerializer})
class EventJoinView(MembershipView):
    """Join an event. 400 `already_participant` or `event_full`."""

    message = "Successfully joined the event"

    def change(self, *, event_id, user):
        return events.event_join(event_id=event_id, user=user)


@extend_schema(tags=["events"], request=None, responses={200: s.MembershipResponseSerializer})
class EventLeaveView(MembershipView):
    """Leave an event. 400 `not_participant`; 403 `creator_cannot_leave`. Your tasks there become unassigned."""

    message = "Successfully left the event"

    def change(self, *, event_id, user):
        return events.event_leave(event_id=event_id, user=user)


# --- Tasks --------------------------------------------------------------------------


@extend_schema(tags=["tasks"])
class TaskViewSet(RateLimitedMixin, ListMixin, GenericViewSet):
    """Tasks of the events the requesting account takes part in; others' tasks are not found (404)."""

    filter_backends = [FilterBackend]
    filterset_class = TaskFilter
    list_serializer_class = s.TaskSerializer
    list_rows = (selectors.TASK_VALUES, rows.task_data)
    serializer_class = s.TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        return selectors.task_list(user=self.request.user)

    def get_permissions(self):
        if self.action == "update":
            return [IsAuthenticated(), IsTaskCreatorOrAssignee()]
        return [IsAuthenticated()]

    @extend_schema(responses=s.TaskSerializer(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.TaskCreateSerializer, responses={201: s.TaskSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.TaskCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = tasks.task_create(creator=request.user, **serializer.validated_data)
        return created(s.TaskSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(responses={200: s.TaskDetailSerializer})
    def retrieve(self, request, *args, **kwargs):
        return ok(s.TaskDetailSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(request=s.TaskUpdateSerializer, responses={200: s.TaskSerializer})
    def update(self, request, *args, **kwargs):
        task = self.get_object()
        serializer = s.TaskUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = tasks.task_update(task_id=task.pk, **serializer.validated_data)
        return ok(s.TaskSerializer(task, context=self.get_serializer_context()).data)


class TaskActionView(RateLimitedMixin, GenericAPIView):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        return selectors.task_list(user=self.request.user)


@extend_schema(tags=["tasks"], request=s.TaskAssignSerializer, responses={200: s.TaskAssignResponseSerializer})
class TaskAssignView(TaskActionView):
    """Assign the task to a participant of its event: for the creator of the task or of the event."""

    permission_classes = [IsAuthenticated, IsEventOrTaskCreator]
    serializer_class = s.TaskAssignSerializer

    def post(self, request, pk: int):
        task = self.get_object()
        serializer = s.TaskAssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = tasks.task_assign(task_id=task.pk, assignee=serializer.validated_data["assignee"])
        body = {"message": "Task assigned successfully", "task": task}
        return ok(s.TaskAssignResponseSerializer(body).data)


@extend_schema(tags=["tasks"], request=None, responses={200: s.TaskCompleteResponseSerializer})
class TaskCompleteView(TaskActionView):
    """Mark the task completed: for its assignee or its creator."""

    permission_classes = [IsAuthenticated, IsTaskCreatorOrAssignee]
    serializer_class = s.TaskCompleteResponseSerializer

    def post(self, request, pk: int):
        task = tasks.task_complete(task_id=self.get_object().pk)
        return ok(s.TaskCompleteResponseSerializer({"message": "Task marked as completed", "task": task}).data)


# --- Votes --------------------------------------------------------------------------


@extend_schema(tags=["voting"])
class VoteViewSet(RateLimitedMixin, ListMixin, GenericViewSet):
    """Votes of every event; participants of its event open and cast them.

    `total_votes` counts the options chosen; `percentage` is an option's share of them.
    """

    filter_backends = [FilterBackend]
    filterset_class = VoteFilter
    list_serializer_class = s.VoteSerializer
    serializer_class = s.VoteSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.vote_list()
        if self.action == "list":
            return selectors.vote_list_with_options()
        return selectors.vote_detail_rows(user=self.request.user)

    @extend_schema(responses=s.VoteSerializer(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.VoteCreateSerializer, responses={201: s.VoteDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.VoteCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        vote = votes.vote_create(creator=request.user, **{**data, "options": [row["text"] for row in data["options"]]})
        return created(self._detail(self.get_queryset().get(pk=vote.pk)))

    @extend_schema(responses={200: s.VoteDetailSerializer})
    def retrieve(self, request, *args, **kwargs):
        return ok(self._detail(self.get_object()))

    def _detail(self, vote: dict) -> dict:
        options = selectors.vote_option_rows(vote_id=vote["id"], user=self.request.user)
        return rows.vote_detail_data(vote, options, rows.Clock())


def _no_vote() -> Http404:
    # What get_object_or_404 says, so that the 404 body is the one the other vote endpoints give.
    return Http404(f"No {Vote._meta.object_name} matches the given query.")


class VoteActionView(RateLimitedMixin, GenericAPIView):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.vote_list()
        return selectors.vote_detail_rows(user=self.request.user)


@extend_schema(tags=["voting"], request=s.CastSerializer, responses={200: s.CastResponseSerializer})
class VoteCastView(VoteActionView):
    """Cast a ballot once. 400 `already_voted` or `invalid_option`; 403 `voting_ended` or `not_participant`."""

    serializer_class = s.CastSerializer

    def post(self, request, pk: int):
        serializer = s.CastSerializer(data=request.data)
        if not serializer.is_valid():
            if not Vote.objects.filter(pk=pk).exists():
                raise _no_vote()  # a missing vote is a 404 before a bad body is a 400
            raise ValidationError(serializer.errors)
        # vote_cast answers 404 for a missing vote itself.
        cast = votes.vote_cast(vote_id=pk, user=request.user, option_ids=serializer.validated_data["options"])
        return ok(rows.cast_data(cast, rows.Clock()))


@extend_schema(tags=["voting"], responses={200: s.VoteResultsSerializer})
class VoteResultsView(VoteActionView):
    """Counts per option and the winner: null when nobody voted or the top count is shared (a tie)."""

    serializer_class = s.VoteResultsSerializer

    def get(self, request, pk: int):
        results = selectors.vote_results_by_id(vote_id=pk)
        if results is None:
            raise _no_vote()
        return ok(rows.results_data(results, rows.Clock()))
