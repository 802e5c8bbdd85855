"""Request and response shapes of auth/, onboarding/ and user/, as the document writes them."""

from rest_framework import serializers

from ressourcefy.models import OnboardingStep, Tag
from ressourcefy.models.roles import REQUESTABLE_ROLES

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]+$"


def username_field(**kwargs) -> serializers.RegexField:
    return serializers.RegexField(
        USERNAME_PATTERN,
        min_length=3,
        max_length=30,
        error_messages={"invalid": "Use 3 to 30 letters, digits, '_', '.' or '-'."},
        **kwargs,
    )


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(min_length=8, max_length=128, write_only=True, style={"input_type": "password"})
    username = username_field()
    accepted_terms = serializers.BooleanField()


class RegisterResponseSerializer(serializers.Serializer):
    user_id = serializers.UUIDField()
    message = serializers.CharField()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=1000)


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, style={"input_type": "password"})


class SessionUserSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    username = serializers.CharField()
    activated = serializers.BooleanField()
    onboarding_step = serializers.ChoiceField(choices=OnboardingStep.choices)


class LoginResponseSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    user = SessionUserSerializer()


class RefreshSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(
        required=False, max_length=2000, help_text="Optional: the refresh_token cookie is read when absent."
    )


class RefreshResponseSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=1000)
    new_password = serializers.CharField(min_length=8, max_length=128, style={"input_type": "password"})


class OnboardingStepSerializer(serializers.Serializer):
    onboarding_step = serializers.ChoiceField(choices=OnboardingStep.choices)


class OnboardingProfileSerializer(serializers.Serializer):
    username = username_field()
    bio = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    avatar_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")


class OnboardingInterestsSerializer(serializers.Serializer):
    tag_ids = serializers.PrimaryKeyRelatedField(
        queryset=Tag.objects.filter(deleted_at__isnull=True),
        pk_field=serializers.UUIDField(),
        many=True,
        allow_empty=False,
        help_text="1 to 10 existing tag ids.",
    )

    def validate_tag_ids(self, tags):
        if len(tags) > 10:
            raise serializers.ValidationError("Choose at most 10 tags.")
        if len({tag.pk for tag in tags}) != len(tags):
            raise serializers.ValidationError("Each tag may be chosen once.")
        return tags


class MeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    username = serializers.CharField(allow_null=True)
    bio = serializers.CharField(allow_null=True)
    avatar_url = serializers.CharField(allow_null=True)
    activated = serializers.BooleanField()
    onboarding_step = serializers.ChoiceField(choices=OnboardingStep.choices)
    createdAt = serializers.DateTimeField()  # noqa: N815 - the document's name


class ProfileUpdateSerializer(serializers.Serializer):
    username = username_field(required=False)
    bio = serializers.CharField(max_length=500, required=False, allow_blank=True)
    avatar_url = serializers.URLField(max_length=500, required=False, allow_blank=True)


class ProfileUpdateResponseSerializer(serializers.Serializer):
    username = serializers.CharField()
    bio = serializers.CharField()
    avatar_url = serializers.CharField()
    message = serializers.CharField()


class RoleRequestSerializer(serializers.Serializer):
    requested_role = serializers.CharField(max_length=32, help_text=f"One of {', '.join(REQUESTABLE_ROLES)}.")
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class RoleRequestResponseSerializer(serializers.Serializer):
    request_id = serializers.UUIDField()
    requested_role = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()
