"""Shapes of the account endpoints (users/): register, tokens, the profile, password change."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from rest_framework import serializers

from alistpros.services.users import SIGNUP_ROLES
from core.api.fields import AccountIdField
from core.api.serializers import ModelSerializer

phone_validator = RegexValidator(r"^\+?[0-9][0-9 ()./-]{5,30}$", "Enter a phone number, e.g. +1234567890.")


class UserSerializer(ModelSerializer):
    """`{id, email, name, phone_number, role, is_verified, date_joined}`."""

    id = AccountIdField()
    phone_number = serializers.CharField(source="phone", max_length=32, allow_blank=True, validators=[phone_validator])

    class Meta:
        model = get_user_model()
        fields = ["id", "email", "name", "phone_number", "role", "is_verified", "date_joined"]
        read_only_fields = ["id", "email", "role", "is_verified", "date_joined"]
        extra_kwargs = {"name": {"max_length": 255}}


def _validate_new_password(password: str, user, field: str) -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise serializers.ValidationError({field: list(exc.messages)}) from exc


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=255)
    phone_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="",
                                         validators=[phone_validator])
    role = serializers.ChoiceField(choices=SIGNUP_ROLES)
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    password2 = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})

    def validate(self, attrs):
        if attrs["password"] != attrs["password2"]:
            raise serializers.ValidationError({"password2": ["The two passwords do not match."]})
        candidate = get_user_model()(email=attrs["email"], name=attrs["name"])
        _validate_new_password(attrs["password"], candidate, "password")
        return attrs


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RegisterResponseSerializer(serializers.Serializer):
    user = UserSerializer()
    tokens = TokenPairSerializer()
    message = serializers.CharField()


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})


class LoginResponseSerializer(TokenPairSerializer):
    user = UserSerializer()


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class ChangePasswordSerializer(serializers.Serializer):
    old_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    new_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    new_password2 = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})

    def validate(self, attrs):
        user = self.context["request"].user
        if not user.check_password(attrs["old_password"]):
            raise serializers.ValidationError({"old_password": ["The current password is not correct."]})
        if attrs["new_password"] != attrs["new_password2"]:
            raise serializers.ValidationError({"new_password2": ["The two passwords do not match."]})
        _validate_new_password(attrs["new_password"], user, "new_password")
        return attrs


class ConfirmationSerializer(serializers.Serializer):
    """`{message}`: what was done."""

    message = serializers.CharField()
