"""Admin shapes: user list items and details, resolver items, dashboard, and the admin action bodies."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import AccountIdField
from townspark.api.serializers.common import UserRefSerializer, absolute_url, display_name, media_url
from townspark.api.serializers.issues import IssueCompactSerializer
from townspark.api.serializers.reference import DepartmentRefSerializer
from townspark.api.serializers.users import ProfileUpdateSerializer, UserSerializer
from townspark.models import AccountStatus, Profile, ResolverProfile
from townspark.selectors.formatting import format_duration

User = get_user_model()


def profile_or_none(user) -> Profile | None:
    try:
        return user.townspark_profile
    except Profile.DoesNotExist:
        return None


def account_status(user) -> str:
    profile = profile_or_none(user)
    return profile.status if profile is not None else AccountStatus.ACTIVE


class AdminUserSerializer(serializers.Serializer):
    """An item of admin/users/."""

    id = AccountIdField()
    name = serializers.SerializerMethodField()
    username = serializers.CharField()
    email = serializers.EmailField()
    avatar = serializers.SerializerMethodField()
    role = serializers.CharField()
    is_active = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField(source="date_joined")
    issues_count = serializers.IntegerField()
    # superset for the TownSpark frontend (issue #15): the admin table reads these names
    full_name = serializers.SerializerMethodField(help_text="Same as name (TownSpark frontend)")
    isActive = serializers.SerializerMethodField(help_text="Same as is_active (TownSpark frontend)")  # noqa: N815
    joinedAt = serializers.DateTimeField(source="date_joined", help_text="Same as joined_at (TownSpark frontend)")  # noqa: N815

    def get_name(self, user) -> str:
        return display_name(user)

    def get_full_name(self, user) -> str:
        return display_name(user)

    def get_isActive(self, user) -> bool:  # noqa: N802
        return self.get_is_active(user)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar(self, user) -> str | None:
        return media_url(user.avatar, self.context.get("request"))

    def get_is_active(self, user) -> bool:
        return user.is_active and account_status(user) == AccountStatus.ACTIVE

    def get_status(self, user) -> str:
        return account_status(user)


class AdminUserDetailSerializer(UserSerializer):
    """admin/users/{id}/: the full user plus moderation state."""

    status = serializers.SerializerMethodField()
    status_reason = serializers.SerializerMethodField()
    is_verified = serializers.BooleanField()
    last_login = serializers.DateTimeField(allow_null=True)
    issues_count = serializers.IntegerField()

    def get_status(self, user) -> str:
        return account_status(user)

    def get_status_reason(self, user) -> str:
        profile = profile_or_none(user)
        return profile.status_reason if profile is not None else ""


@extend_schema_field({"type": "string", "pattern": f"^({'|'.join(AccountStatus.values)})$"})
class AccountStatusField(serializers.ChoiceField):
    """Documented as a pattern: a second enum named after `status` would clash with the issue statuses."""

    def __init__(self, **kwargs):
        super().__init__(choices=AccountStatus.choices, **kwargs)


class AdminUserUpdateSerializer(ProfileUpdateSerializer):
    avatar = None
    email = serializers.EmailField(required=False)
    role = serializers.ChoiceField(choices=["citizen", "resolver", "admin"], required=False)
    status = AccountStatusField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ToggleStatusSerializer(serializers.Serializer):
    is_active = serializers.BooleanField(required=False, help_text="Omit to toggle")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ResolverPerformanceStatsSerializer(serializers.Serializer):
    resolved = serializers.IntegerField()
    avg_response_time = serializers.CharField()


class AdminResolverSerializer(serializers.Serializer):
    """An item of admin/resolvers/."""

    id = AccountIdField()
    name = serializers.SerializerMethodField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    avatar = serializers.SerializerMethodField()
    department = serializers.SerializerMethodField()
    designation = serializers.SerializerMethodField()
    employee_id = serializers.SerializerMethodField()
    jurisdiction = serializers.SerializerMethodField()
    is_verified = serializers.SerializerMethodField()
    verification_status = serializers.SerializerMethodField()
    verified_at = serializers.SerializerMethodField()
    id_document = serializers.SerializerMethodField()
    is_active = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField(source="date_joined")
    stats = serializers.SerializerMethodField()

    def _profile(self, user) -> ResolverProfile | None:
        try:
            return user.resolver_profile
        except ResolverProfile.DoesNotExist:
            return None

    def get_name(self, user) -> str:
        return display_name(user)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar(self, user) -> str | None:
        return media_url(user.avatar, self.context.get("request"))

    @extend_schema_field(DepartmentRefSerializer(allow_null=True))
    def get_department(self, user) -> dict | None:
        profile = self._profile(user)
        return DepartmentRefSerializer(profile.department).data if profile and profile.department else None

    def get_designation(self, user) -> str:
        profile = self._profile(user)
        return profile.designation if profile else ""

    def get_employee_id(self, user) -> str | None:
        profile = self._profile(user)
        return profile.employee_id if profile else None

    def get_jurisdiction(self, user) -> str:
        profile = self._profile(user)
        return profile.jurisdiction if profile else ""

    def get_is_verified(self, user) -> bool:
        profile = self._profile(user)
        return bool(profile and profile.is_verified)

    def get_verification_status(self, user) -> str:
        profile = self._profile(user)
        return profile.verification_status if profile else "pending"

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_verified_at(self, user) -> str | None:
        profile = self._profile(user)
        return (
            serializers.DateTimeField().to_representation(profile.verified_at)
            if profile and profile.verified_at
            else None
        )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_id_document(self, user) -> str | None:
        """The admin-only download view: the document itself is private, with no media URL."""
        profile = self._profile(user)
        if profile is None or not profile.id_document:
            return None
        url = reverse("townspark-admin-resolver-id-document", kwargs={"pk": user.public_id})
        return absolute_url(url, self.context.get("request"))

    def get_is_active(self, user) -> bool:
        return user.is_active and account_status(user) == AccountStatus.ACTIVE

    @extend_schema_field(ResolverPerformanceStatsSerializer)
    def get_stats(self, user) -> dict:
        return {
            "resolved": getattr(user, "resolved_count", 0),
            "avg_response_time": format_duration(getattr(user, "avg_response", None)),
        }


class VerifySerializer(serializers.Serializer):
    approved = serializers.BooleanField(required=False, default=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class AdminStatsSerializer(serializers.Serializer):
    total_users = serializers.IntegerField()
    active_resolvers = serializers.IntegerField()
    total_issues = serializers.IntegerField()
    resolved_issues = serializers.IntegerField()
    pending_verification = serializers.IntegerField()
    avg_resolution_time = serializers.CharField()


class AdminActivitySerializer(serializers.Serializer):
    issue_id = serializers.CharField()
    issue_title = serializers.CharField(source="issue.title")
    status = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField(source="created_at")
    updated_by = UserRefSerializer(allow_null=True)


class AdminDashboardSerializer(serializers.Serializer):
    stats = AdminStatsSerializer()
    pending_approvals = AdminResolverSerializer(many=True)
    recent_issues = IssueCompactSerializer(many=True)
    recent_activity = AdminActivitySerializer(many=True)
