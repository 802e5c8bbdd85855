"""Shapes of the auth endpoints: register, login, refresh, logout and the profile."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from rest_framework import serializers

from gatherhub.api.serializers.common import User, UserContactSerializer
from gatherhub.models import Profile
from gatherhub.services.accounts import account_authenticate, avatar_validate

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.+-]+$", "Use letters, digits and . _ + - only (no @, which marks an e-mail login)."
)


class LoginUserSerializer(UserContactSerializer):
    """The `user` of a login response."""


class RegisteredUserSerializer(UserContactSerializer):
    """The `user` of a registration response."""

    date_joined = serializers.DateTimeField(read_only=True)


class RegisterSerializer(serializers.Serializer):
    username = serializers.CharField(min_length=3, max_length=150, validators=[username_validator])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, min_length=8, max_length=128, style={"input_type": "password"})
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        candidate = User(
            username=attrs["username"], email=attrs["email"], name=f"{attrs['first_name']} {attrs['last_name']}"
        )
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from exc
        return attrs


class FrontendTokensSerializer(serializers.Serializer):
    """The token pair again, as GatherHub's own frontend reads it."""

    access = serializers.CharField()
    refresh = serializers.CharField()


def frontend_tokens_field():
    # superset for the GatherHub frontend (issue #15): added by compat.TokensSupersetMixin.
    return FrontendTokensSerializer(help_text="The same `access` and `refresh` (for GatherHub's own frontend).")


class RegisterResponseSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = RegisteredUserSerializer()
    tokens = frontend_tokens_field()  # superset for the GatherHub frontend (issue #15)


class LoginSerializer(serializers.Serializer):
    """`username` may hold the e-mail address instead; `email` is accepted as well."""

    username = serializers.CharField(max_length=254, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, write_only=True)

    def validate(self, attrs):
        login = (attrs.get("username") or attrs.get("email") or "").strip()
        if not login:
            raise serializers.ValidationError({"username": ["This field is required."]})
        attrs["user"] = account_authenticate(request=self.context["request"], login=login, password=attrs["password"])
        return attrs


class LoginResponseSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = LoginUserSerializer()
    tokens = frontend_tokens_field()  # superset for the GatherHub frontend (issue #15)


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    tokens = frontend_tokens_field()  # superset for the GatherHub frontend (issue #15)


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class ProfileSerializer(UserContactSerializer):
    """GET and PUT profile body; PUT changes only the fields it sends (multipart for the avatar)."""

    bio = serializers.SerializerMethodField()
    avatar = serializers.ImageField(read_only=True, allow_null=True)
    date_joined = serializers.DateTimeField(read_only=True)
    last_login = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_bio(self, user) -> str:
        try:
            return user.gatherhub_profile.bio
        except Profile.DoesNotExist:
            return ""


class ProfileUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    # A FileField: the content decides what the file is (validate_avatar), the client's name plays no part.
    avatar = serializers.FileField(required=False, help_text="JPEG, PNG, GIF or WebP, at most 5 MB.")

    def validate_avatar(self, image):
        avatar_validate(image)
        return image
