"""Aliases for TownSpark's own frontend (issue #15): the paths and bodies it sends, mapped onto the documented API.

Every alias is a documented view (or its service) under another path, method or body; nothing here changes a
documented route. api/urls.py mounts `urlpatterns` first, so the aliases that add a method to a documented path
(DELETE upvote/bookmark, POST notifications/{id}/read/) answer that path and still serve its documented methods
through the subclassed view. Drop an alias by deleting its view and its route.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated

from core.api.parsers import JSONParser
from core.api.responses import ok
from townspark.api.serializers import auth as auth_serializers
from townspark.api.serializers import issues as issue_serializers
from townspark.api.serializers.admin import AdminUserDetailSerializer
from townspark.api.serializers.comments import CommentSerializer
from townspark.api.serializers.common import DetailSerializer, with_aliases
from townspark.api.views import admin, auth, issues, notifications, resolver
from townspark.api.views.base import TownSparkAPIView
from townspark.api.views.comments import comment_add_response
from townspark.models import Issue
from townspark.permissions import CanManageIssue, IsAssignedResolver, IsVerifiedResolver
from townspark.selectors.issue_rows import issue_detail
from townspark.selectors.issues import issue_get_plain
from townspark.selectors.notifications import notifications_unread_count
from townspark.services import engagement
from townspark.services import issues as issue_services
from townspark.services import resolvers as resolver_services

ALIAS = "Alias for the TownSpark frontend (issue #15) of "


# --- Auth ------------------------------------------------------------------------------------------------------


class DjoserRegisterSerializer(auth_serializers.RegisterSerializer):
    """djoser's sign-up names: `full_name`, `phone_number`; `confirm_password` (or `re_password`) optional."""

    name = serializers.CharField(max_length=255, required=False)
    full_name = serializers.CharField(max_length=255, write_only=True, required=False)
    phone_number = serializers.CharField(max_length=32, write_only=True, required=False, allow_blank=True)
    confirm_password = serializers.CharField(
        write_only=True, max_length=128, required=False, style={"input_type": "password"}
    )

    def to_internal_value(self, data):
        data = with_aliases(data, {"full_name": "name", "phone_number": "phone", "re_password": "confirm_password"})
        attrs = super().to_internal_value(data)
        attrs.pop("full_name", None)
        attrs.pop("phone_number", None)
        if not attrs.get("name"):
            raise serializers.ValidationError({"full_name": ["This field is required."]})
        attrs.setdefault("confirm_password", attrs["password"])
        return attrs


class DjoserRegisterView(auth.RegisterView):
    """POST auth/users/: djoser's sign-up path, a citizen registered as by auth/register/."""

    serializer_class = DjoserRegisterSerializer

    @extend_schema(
        request=DjoserRegisterSerializer,
        responses={201: auth_serializers.RegisterResponseSerializer},
        summary="Register a citizen (djoser path)",
        description=ALIAS + "POST auth/register/.",
        deprecated=True,
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class SetPasswordSerializer(auth_serializers.PasswordChangeSerializer):
    """The documented change-password body, or djoser's `current_password` / `re_new_password` (optional)."""

    confirm_password = serializers.CharField(max_length=128, required=False, style={"input_type": "password"})

    def to_internal_value(self, data):
        data = with_aliases(data, {"current_password": "old_password", "re_new_password": "confirm_password"})
        attrs = super().to_internal_value(data)
        attrs.setdefault("confirm_password", attrs["new_password"])
        return attrs


class SetPasswordView(auth.PasswordChangeView):
    """POST auth/users/set_password/: djoser's path for a password change."""

    serializer_class = SetPasswordSerializer

    @extend_schema(
        request=SetPasswordSerializer,
        responses={200: DetailSerializer},
        summary="Change password (djoser path)",
        description=ALIAS + "POST auth/password/change/.",
        deprecated=True,
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


# --- Comments --------------------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "maxLength": 5000},
            {
                "type": "object",
                "properties": {
                    "content": {"type": "string", "maxLength": 5000},
                    "replyTo": {"type": "string", "format": "uuid", "nullable": True},
                },
                "required": ["content"],
            },
        ]
    }
)
class CommentContentField(serializers.Field):
    """The comment text, or `{content, replyTo}` where replyTo is the id of the comment answered."""

    default_error_messages = {"invalid": "Give the comment as text or as {{content, replyTo}}."}

    def to_internal_value(self, data):
        reply_to = None
        if isinstance(data, dict):
            data, reply_to = data.get("content"), data.get("replyTo")
        if not isinstance(data, str):
            self.fail("invalid")
        content = serializers.CharField(max_length=5000).run_validation(data)
        parent_id = None if reply_to in (None, "") else serializers.UUIDField().run_validation(reply_to)
        return {"content": content, "parent_id": parent_id}


class CommentAddSerializer(serializers.Serializer):
    issue = serializers.CharField(max_length=30, help_text="Issue id, e.g. TS-1000")
    content = CommentContentField()


class CommentAddView(TownSparkAPIView):
    """POST comments/: `{issue, content}` as the frontend sends it; a reply when content carries replyTo."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=CommentAddSerializer,
        responses={201: CommentSerializer},
        summary="Add a comment (frontend body)",
        description=ALIAS + "POST issues/{id}/comments/.",
        deprecated=True,
    )
    def post(self, request):
        serializer = CommentAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issue = issue_get_plain(pk=serializer.validated_data["issue"])
        content = serializer.validated_data["content"]
        return comment_add_response(
            request, issue=issue, content=content["content"], parent_id=content["parent_id"], parent_field="content"
        )


# --- Issues and notifications ----------------------------------------------------------------------------------


class IssueUpvoteCompatView(issues.IssueUpvoteView):
    """issues/{id}/upvote/: the documented POST toggle, and DELETE that only removes."""

    @extend_schema(
        request=None,
        responses={200: issue_serializers.UpvoteResultSerializer},
        summary="Remove my upvote",
        description=ALIAS + "POST issues/{id}/upvote/ (removes only; idempotent).",
        deprecated=True,
    )
    def delete(self, request, pk):
        count = engagement.issue_upvote_remove(issue_id=pk, user=request.user)
        return ok({"upvoted": False, "upvotes": count}, message="Upvote removed")


class IssueBookmarkCompatView(issues.IssueBookmarkView):
    """issues/{id}/bookmark/: the documented POST toggle, and DELETE that only removes."""

    @extend_schema(
        request=None,
        responses={200: issue_serializers.BookmarkResultSerializer},
        summary="Remove my bookmark",
        description=ALIAS + "POST issues/{id}/bookmark/ (removes only; idempotent).",
        deprecated=True,
    )
    def delete(self, request, pk):
        engagement.issue_bookmark_remove(issue_id=pk, user=request.user)
        return ok({"bookmarked": False}, message="Bookmark removed")


class NotificationReadCompatView(notifications.NotificationReadView):
    """notifications/{id}/read/: the documented PATCH, and POST doing the same."""

    @extend_schema(
        request=None,
        responses=notifications.NotificationSerializer,
        summary="Mark a notification as read (POST)",
        description=ALIAS + "PATCH notifications/{id}/read/.",
        deprecated=True,
    )
    def post(self, request, pk):
        return self.patch(request, pk)


class UnreadCountSerializer(serializers.Serializer):
    unread_count = serializers.IntegerField()


class NotificationUnreadCountView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=UnreadCountSerializer,
        summary="Unread notification count",
        description=ALIAS + "the `unread_count` of GET notifications/.",
        deprecated=True,
    )
    def get(self, request):
        return ok({"unread_count": notifications_unread_count(user=request.user)})


# --- Resolver --------------------------------------------------------------------------------------------------


class ResolverAssignedCompatView(resolver.ResolverAssignedView):
    @extend_schema(
        responses=issue_serializers.IssueCompactSerializer(many=True),
        summary="Issues assigned to me (frontend path)",
        description=ALIAS + "GET resolver/assigned/.",
        deprecated=True,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ResolverClaimView(resolver.ResolverAcceptView):
    @extend_schema(
        request=None,
        responses=issue_serializers.IssueSerializer,
        summary="Claim an issue",
        description=ALIAS + "POST resolver/issues/{id}/accept/.",
        deprecated=True,
    )
    def post(self, request, pk):
        return super().post(request, pk)


def _issue_data(request, pk) -> dict:
    return issue_serializers.full_issue_data(issue_detail(pk=pk, viewer=request.user), {"request": request})


class ResolverStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Issue.Status.choices)
    resolution_notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    resolution_images = issue_serializers.ImagesField(help_text="Multipart `resolution_images[i]`: after-images")

    def validate(self, attrs):
        if attrs["status"] == Issue.Status.RESOLVED and not attrs["resolution_notes"].strip():
            raise serializers.ValidationError({"resolution_notes": ["Say how the issue was resolved."]})
        return attrs


class ResolverStatusView(TownSparkAPIView):
    """POST resolver/issues/{id}/status/: `resolved` completes the issue (as complete/), any other status updates
    it (as PATCH issues/{id}/status/, the notes becoming the timeline note)."""

    permission_classes = [IsVerifiedResolver, CanManageIssue]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": ResolverStatusSerializer, "application/json": ResolverStatusSerializer},
        responses=issue_serializers.IssueSerializer,
        summary="Change status as a resolver (frontend path)",
        description=ALIAS + "PATCH issues/{id}/status/ and POST resolver/issues/{id}/complete/.",
        deprecated=True,
    )
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        serializer = ResolverStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["status"] == Issue.Status.RESOLVED:
            if not IsAssignedResolver().has_object_permission(request, self, issue):
                self.permission_denied(request, message=IsAssignedResolver.message)
            resolver_services.issue_complete(
                issue=issue,
                resolver=request.user,
                resolution_note=data["resolution_notes"],
                after_images=data.get("resolution_images"),
            )
            return ok(_issue_data(request, issue.pk), message="Issue marked as resolved")
        issue_services.issue_status_update(
            issue=issue, status=data["status"], note=data["resolution_notes"], actor=request.user
        )
        return ok(_issue_data(request, issue.pk), message="Status updated successfully")


# --- Admin -----------------------------------------------------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class AdminUserBanView(admin.AdminUserToggleStatusView):
    forced_active = False

    @extend_schema(
        request=ReasonSerializer,
        responses=AdminUserDetailSerializer,
        summary="Suspend a user",
        description=ALIAS + "POST admin/users/{id}/toggle-status/ with is_active false.",
        deprecated=True,
    )
    def post(self, request, pk):
        return super().post(request, pk)


class AdminUserUnbanView(admin.AdminUserToggleStatusView):
    forced_active = True

    @extend_schema(
        request=ReasonSerializer,
        responses=AdminUserDetailSerializer,
        summary="Reactivate a user",
        description=ALIAS + "POST admin/users/{id}/toggle-status/ with is_active true.",
        deprecated=True,
    )
    def post(self, request, pk):
        return super().post(request, pk)


urlpatterns = [
    path("auth/users/", DjoserRegisterView.as_view(), name="townspark-compat-register"),
    path("auth/users/set_password/", SetPasswordView.as_view(), name="townspark-compat-set-password"),
    path("comments/", CommentAddView.as_view(), name="townspark-compat-comment-add"),
    path("issues/<str:pk>/upvote/", IssueUpvoteCompatView.as_view(), name="townspark-compat-issue-upvote"),
    path("issues/<str:pk>/bookmark/", IssueBookmarkCompatView.as_view(), name="townspark-compat-issue-bookmark"),
    path(
        "notifications/unread-count/",
        NotificationUnreadCountView.as_view(),
        name="townspark-compat-notifications-unread-count",
    ),
    path(
        "notifications/<uuid:pk>/read/",
        NotificationReadCompatView.as_view(),
        name="townspark-compat-notification-read",
    ),
    path("resolver/issues/assigned/", ResolverAssignedCompatView.as_view(), name="townspark-compat-resolver-assigned"),
    path("resolver/issues/<str:pk>/claim/", ResolverClaimView.as_view(), name="townspark-compat-resolver-claim"),
    path("resolver/issues/<str:pk>/status/", ResolverStatusView.as_view(), name="townspark-compat-resolver-status"),
    path("admin/users/<uuid:pk>/ban/", AdminUserBanView.as_view(), name="townspark-compat-admin-user-ban"),
    path("admin/users/<uuid:pk>/unban/", AdminUserUnbanView.as_view(), name="townspark-compat-admin-user-unban"),
]
