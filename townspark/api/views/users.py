"""The current user's profile and settings, and other users' public profiles."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated

from core.api.parsers import JSONParser
from core.api.responses import ok
from townspark.api.filters import StatusOnlyFilter
from townspark.api.serializers.issues import IssueCompactSerializer
from townspark.api.serializers.users import (
    MeSerializer,
    ProfileUpdateSerializer,
    PublicProfileSerializer,
    SettingsSerializer,
    UserSerializer,
)
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.models import Issue
from townspark.selectors.issues import issues_bookmarked_by, issues_of_reporter, issues_upvoted_by
from townspark.services import accounts as account_services

User = get_user_model()


class MeView(TownSparkAPIView):
    """GET/PATCH users/me/."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses=MeSerializer, summary="Current user")
    def get(self, request):
        return ok(MeSerializer(request.user, context={"request": request}).data)

    @extend_schema(request=ProfileUpdateSerializer, responses=MeSerializer, summary="Update current user")
    def patch(self, request):
        serializer = ProfileUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = account_services.user_profile_update(user=request.user, data=serializer.validated_data)
        return ok(MeSerializer(user, context={"request": request}).data, message="Profile updated successfully")


class MySettingsView(TownSparkAPIView):
    """GET/PATCH users/me/settings/ (PATCH deep-merges the nested groups)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SettingsSerializer, summary="Current user's settings")
    def get(self, request):
        profile = account_services.profile_get(user=request.user)
        return ok(account_services.settings_effective(stored=profile.settings))

    @extend_schema(request=SettingsSerializer, responses=SettingsSerializer, summary="Update settings")
    def patch(self, request):
        serializer = SettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        merged = account_services.user_settings_update(user=request.user, changes=serializer.validated_data)
        return ok(merged, message="Settings updated successfully")


class UserProfileView(TownSparkAPIView):
    """GET users/{id}/: a public profile."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PublicProfileSerializer, summary="Public profile")
    def get(self, request, pk):
        user = get_object_or_404(User.objects.by_public_id("townspark", pk))
        serializer_class = (
            UserSerializer
            if request.user == user or request.user.is_authenticated and request.user.role == "admin"
            else PublicProfileSerializer
        )
        return ok(serializer_class(user, context={"request": request}).data)


class _MyIssueList(TownSparkListView):
    permission_classes = [IsAuthenticated]
    serializer_class = IssueCompactSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Issue.objects.none()
        return self.issues()

    def issues(self):
        raise NotImplementedError


class MyIssuesView(_MyIssueList):
    """GET users/me/issues/ (status filter, comma-separated)."""

    filterset_class = StatusOnlyFilter

    def issues(self):
        return issues_of_reporter(reporter=self.request.user, viewer=self.request.user)

    @extend_schema(responses=IssueCompactSerializer(many=True), summary="My issues")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyBookmarksView(_MyIssueList):
    filter_backends: list = []

    def issues(self):
        return issues_bookmarked_by(user=self.request.user)

    @extend_schema(responses=IssueCompactSerializer(many=True), summary="My bookmarked issues")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyUpvotedView(_MyIssueList):
    filter_backends: list = []

    def issues(self):
        return issues_upvoted_by(user=self.request.user)

    @extend_schema(responses=IssueCompactSerializer(many=True), summary="Issues I upvoted")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
