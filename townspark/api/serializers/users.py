"""User shapes: the full user (login, me), public profile, profile update, settings, resolver details."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import AccountIdField
from core.api.serializers import ModelSerializer
from townspark.api.serializers.common import display_name, media_url
from townspark.api.serializers.reference import DepartmentIconRefSerializer
from townspark.models import ResolverProfile
from townspark.selectors.users import user_badge_names, user_stats
from townspark.services.accounts import profile_get, settings_effective

User = get_user_model()


class UserStatsSerializer(serializers.Serializer):
    issues_posted = serializers.IntegerField()
    uplifts_received = serializers.IntegerField()
    issues_resolved = serializers.IntegerField()
    # superset for the TownSpark frontend (issue #15): the client reads `upvotes_received`
    upvotes_received = serializers.IntegerField(help_text="Same as uplifts_received (TownSpark frontend)")


def stats_with_aliases(stats: dict) -> dict:
    return {**stats, "upvotes_received": stats["uplifts_received"]}


class ResolverDetailsSerializer(ModelSerializer):
    """A resolver's official details, nested in the user as `resolver_profile`."""

    department = DepartmentIconRefSerializer(allow_null=True)
    is_verified = serializers.BooleanField()

    class Meta:
        model = ResolverProfile
        fields = [
            "department",
            "designation",
            "employee_id",
            "jurisdiction",
            "is_verified",
            "verification_status",
            "verified_at",
        ]


def resolver_profile_of(user) -> ResolverProfile | None:
    if user.role != "resolver":
        return None
    try:
        return user.resolver_profile
    except ResolverProfile.DoesNotExist:
        return None


class UserSerializer(serializers.Serializer):
    """The documented full user, with stats and badge names computed from the data."""

    id = AccountIdField()
    name = serializers.SerializerMethodField()
    # superset for the TownSpark frontend (issue #15): the client reads `full_name`
    full_name = serializers.SerializerMethodField(help_text="Same as name (TownSpark frontend)")
    username = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    avatar = serializers.SerializerMethodField()
    role = serializers.CharField()
    address = serializers.SerializerMethodField()
    ward = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    is_active = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField(source="date_joined")
    stats = serializers.SerializerMethodField()
    badges = serializers.SerializerMethodField()
    resolver_profile = serializers.SerializerMethodField()

    def _profile(self, user):
        return profile_get(user=user)

    def get_name(self, user) -> str:
        return display_name(user)

    def get_full_name(self, user) -> str:
        return display_name(user)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar(self, user) -> str | None:
        return media_url(user.avatar, self.context.get("request"))

    def get_address(self, user) -> str:
        return self._profile(user).address

    def get_ward(self, user) -> str:
        return self._profile(user).ward

    def get_bio(self, user) -> str:
        return self._profile(user).bio

    def get_location(self, user) -> str:
        return self._profile(user).location

    def get_is_active(self, user) -> bool:
        return user.is_active and not self._profile(user).is_suspended

    @extend_schema_field(UserStatsSerializer)
    def get_stats(self, user) -> dict:
        return stats_with_aliases(user_stats(user=user))

    def get_badges(self, user) -> list[str]:
        return user_badge_names(user=user)

    @extend_schema_field(ResolverDetailsSerializer(allow_null=True))
    def get_resolver_profile(self, user) -> dict | None:
        profile = resolver_profile_of(user)
        return ResolverDetailsSerializer(profile, context=self.context).data if profile else None


class MeSerializer(UserSerializer):
    """users/me/: the full user."""

    # superset for the TownSpark frontend (issue #15): a resolver's dashboard reads its verification at the top
    is_verified = serializers.SerializerMethodField(
        help_text="A resolver's resolver_profile.is_verified; null for other roles (TownSpark frontend)"
    )

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_is_verified(self, user) -> bool | None:
        profile = resolver_profile_of(user)
        return bool(profile.is_verified) if profile is not None else None


class PublicProfileSerializer(UserSerializer):
    """Another user's profile: e-mail and phone only when their privacy settings show them.

    A user who hides their profile shows only id, name, username, avatar, role and joined_at.
    """

    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    def _privacy(self, user) -> dict:
        return settings_effective(stored=self._profile(user).settings)["privacy"]

    def _hidden(self, user) -> bool:
        return not self._privacy(user)["profile_visible"]

    def get_email(self, user) -> str | None:
        return user.email if self._privacy(user)["show_email"] and not self._hidden(user) else None

    def get_phone(self, user) -> str | None:
        return None

    def to_representation(self, user):
        data = super().to_representation(user)
        if self._hidden(user):
            for key in ("address", "ward", "bio", "location"):
                data[key] = ""
            data["stats"] = stats_with_aliases({"issues_posted": 0, "uplifts_received": 0, "issues_resolved": 0})
            data["badges"] = []
        data["address"] = ""  # a home address is never public
        return data


class MinimalRegisteredUserSerializer(serializers.Serializer):
    id = AccountIdField()
    name = serializers.SerializerMethodField()
    # superset for the TownSpark frontend (issue #15): the client reads `full_name`
    full_name = serializers.SerializerMethodField(help_text="Same as name (TownSpark frontend)")
    email = serializers.EmailField()
    role = serializers.CharField()

    def get_name(self, user) -> str:
        return display_name(user)

    def get_full_name(self, user) -> str:
        return display_name(user)


class ProfileUpdateSerializer(serializers.Serializer):
    """PATCH users/me/: any subset of the editable fields (avatar by multipart)."""

    name = serializers.CharField(max_length=255, required=False)
    username = serializers.RegexField(r"^[A-Za-z0-9_.-]{3,150}$", required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    # A FileField: the content decides what the file is (validate_avatar), the client's name plays no part.
    avatar = serializers.FileField(required=False, allow_null=True, help_text="JPEG, PNG or WebP, at most 10 MB.")
    address = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    ward = serializers.CharField(required=False, allow_blank=True, max_length=100)
    bio = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    location = serializers.CharField(required=False, allow_blank=True, max_length=255)

    def validate_avatar(self, value):
        if value is not None:
            from townspark.services.images import image_validate

            image_validate(value)
        return value


class NotificationSettingsSerializer(serializers.Serializer):
    email = serializers.BooleanField(required=False)
    push = serializers.BooleanField(required=False)
    status_updates = serializers.BooleanField(required=False)
    comments = serializers.BooleanField(required=False)
    mentions = serializers.BooleanField(required=False)


class PrivacySettingsSerializer(serializers.Serializer):
    profile_visible = serializers.BooleanField(required=False)
    show_email = serializers.BooleanField(required=False)


class PreferenceSettingsSerializer(serializers.Serializer):
    dark_mode = serializers.BooleanField(required=False)
    language = serializers.RegexField(r"^[a-z]{2}(-[A-Za-z]{2})?$", required=False)


class SettingsSerializer(serializers.Serializer):
    """The three documented settings groups; PATCH merges the given keys into the stored ones."""

    notifications = NotificationSettingsSerializer(required=False)
    privacy = PrivacySettingsSerializer(required=False)
    preferences = PreferenceSettingsSerializer(required=False)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = set(data) - set(self.fields)
            if unknown:
                raise serializers.ValidationError({key: ["Unknown settings group."] for key in sorted(unknown)})
            for key, field in self.fields.items():
                if isinstance(data.get(key), dict):
                    extra = set(data[key]) - set(field.fields)
                    if extra:
                        raise serializers.ValidationError({key: {name: ["Unknown setting."] for name in sorted(extra)}})
        return super().to_internal_value(data)
