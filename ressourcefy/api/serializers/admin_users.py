"""Request and response shapes of the admin users area (`admin/users/`, `admin/role-requests/`)."""

from rest_framework import serializers

from ressourcefy.api.serializers.accounts import username_field
from ressourcefy.models import OnboardingStep, RoleRequestStatus
from ressourcefy.models.roles import ROLES
from ressourcefy.selectors.admin_users import USER_ORDERINGS

ORDERING_CHOICES = [*USER_ORDERINGS, *(f"-{name}" for name in USER_ORDERINGS)]


class AdminUserQuerySerializer(serializers.Serializer):
    """The list's filters; unknown values are 400 `validation_error`."""

    role = serializers.ChoiceField(choices=ROLES, required=False)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)
    is_activated = serializers.BooleanField(required=False, allow_null=True, default=None)
    onboarding_step = serializers.ChoiceField(choices=OnboardingStep.values, required=False)
    deleted = serializers.BooleanField(required=False, default=False)
    include_deleted = serializers.BooleanField(required=False, default=False)
    search = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False, default="-created_at")


class AdminUserSerializer(serializers.Serializer):
    """The document's user item; profile fields are null for an account without a profile."""

    id = serializers.UUIDField(source="uuid")
    email = serializers.EmailField()
    username = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    avatar_url = serializers.SerializerMethodField()
    has_profile = serializers.SerializerMethodField()
    role = serializers.CharField()
    is_active = serializers.BooleanField()
    is_staff = serializers.BooleanField()
    is_superuser = serializers.BooleanField()
    is_activated = serializers.BooleanField(source="is_verified")
    onboarding_step = serializers.SerializerMethodField()
    deleted_at = serializers.DateTimeField(source="ressourcefy_profile.deleted_at", allow_null=True, read_only=True)
    created_at = serializers.DateTimeField(source="date_joined")
    updated_at = serializers.DateTimeField()

    @staticmethod
    def _profile(user):
        return getattr(user, "ressourcefy_profile", None)

    def get_username(self, user) -> str | None:
        return (user.username or None) if self._profile(user) else None

    def get_bio(self, user) -> str | None:
        profile = self._profile(user)
        return profile.bio if profile else None

    def get_avatar_url(self, user) -> str | None:
        profile = self._profile(user)
        return profile.avatar_url if profile else None

    def get_has_profile(self, user) -> bool:
        return self._profile(user) is not None

    def get_onboarding_step(self, user) -> str:
        profile = self._profile(user)
        return profile.onboarding_step if profile else OnboardingStep.NOT_STARTED


class AdminUserStatsSerializer(serializers.Serializer):
    resources = serializers.IntegerField()
    comments = serializers.IntegerField()
    purchases = serializers.IntegerField()
    active_subscriptions = serializers.IntegerField()
    pending_role_requests = serializers.IntegerField()


class AdminUserDetailSerializer(AdminUserSerializer):
    stats = AdminUserStatsSerializer(source="admin_stats")


class AdminUserUpdateSerializer(serializers.Serializer):
    """PATCH body; `role` is refused here (set_role), unknown fields are ignored as DRF does."""

    is_active = serializers.BooleanField(required=False)
    is_activated = serializers.BooleanField(required=False)
    username = username_field(required=False)
    bio = serializers.CharField(max_length=500, required=False, allow_blank=True)
    avatar_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    role = serializers.CharField(required=False, write_only=True, help_text="Refused: use set_role.")


class AdminUserUpdatedSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    email = serializers.EmailField()
    role = serializers.CharField()
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField(source="date_joined")


class SetRoleSerializer(serializers.Serializer):
    # A plain string: an unknown role is the document's 400 `invalid_role`, not a field error.
    role = serializers.CharField(max_length=32)


class SetRoleResponseSerializer(serializers.Serializer):
    user_id = serializers.UUIDField()
    email = serializers.EmailField()
    role = serializers.CharField()
    previous_role = serializers.CharField()


class ActivityLimitSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, required=False, default=50)


class ActivitySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    timestamp = serializers.DateTimeField()
    actor_email = serializers.CharField(allow_null=True)
    impersonator_email = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    entity_name = serializers.CharField()
    object_id = serializers.CharField()
    description = serializers.CharField()


class UserActivitySerializer(serializers.Serializer):
    user_id = serializers.UUIDField()
    activities = ActivitySerializer(many=True)
    count = serializers.IntegerField()


class ImpersonatedUserSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    email = serializers.EmailField()
    username = serializers.CharField()
    activated = serializers.BooleanField(source="is_verified")
    onboarding_step = serializers.SerializerMethodField()
    role = serializers.CharField()

    def get_onboarding_step(self, user) -> str:
        profile = getattr(user, "ressourcefy_profile", None)
        return profile.onboarding_step if profile else OnboardingStep.NOT_STARTED


class ImpersonationSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    user = ImpersonatedUserSerializer()


class RoleRequestQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RoleRequestStatus.values, required=False)


class AdminRoleRequestSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    user_id = serializers.UUIDField(source="user.uuid")
    email = serializers.EmailField(source="user.email")
    current_role = serializers.CharField(source="user.role")
    requested_role = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    decided_by = serializers.EmailField(source="decided_by.email", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
