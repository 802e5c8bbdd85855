"""Shapes of the account endpoints: auth/ (dj-rest-auth's routes) and users/."""

from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from rest_framework import serializers

from core.accounts.serializers import RealmLoginSerializer, RealmRegisterSerializer
from core.api.fields import AccountIdField
from core.api.serializers import ModelSerializer
from core.payments.money import AmountField
from parking.models.accounts import BOOKING_ROLES, HOSTING_ROLES, UserType
from parking.selectors.users import profile_of
from parking.services.users import profile_picture_validate

phone_validator = RegexValidator(r"^\+?[0-9][0-9 ()./-]{5,30}$", "Enter a phone number, e.g. +1234567890.")


class PublicUserSerializer(ModelSerializer):
    """What any signed-in user sees of another account: no e-mail, phone or activity."""

    id = AccountIdField()
    first_name = serializers.SerializerMethodField()
    last_name = serializers.SerializerMethodField()
    user_type = serializers.CharField(source="role", read_only=True)
    can_host = serializers.SerializerMethodField()
    can_book = serializers.SerializerMethodField()
    is_verified = serializers.SerializerMethodField()
    profile_picture = serializers.ImageField(source="avatar", read_only=True, allow_null=True)

    class Meta:
        model = get_user_model()
        fields = [
            "id",
            "first_name",
            "last_name",
            "user_type",
            "can_host",
            "can_book",
            "is_verified",
            "profile_picture",
            "date_joined",
        ]
        read_only_fields = fields

    def get_first_name(self, user) -> str:
        profile = profile_of(user)
        return profile.first_name if profile else (user.name or "").partition(" ")[0]

    def get_last_name(self, user) -> str:
        profile = profile_of(user)
        return profile.last_name if profile else (user.name or "").partition(" ")[2]

    def get_can_host(self, user) -> bool:
        return user.role in HOSTING_ROLES

    def get_can_book(self, user) -> bool:
        return user.role in BOOKING_ROLES

    def get_is_verified(self, user) -> bool:
        profile = profile_of(user)
        return bool(profile and profile.is_verified)


class UserSerializer(PublicUserSerializer):
    """The full account, for the account itself and administrators."""

    phone_number = serializers.CharField(source="phone", read_only=True)
    identity_verified_at = serializers.SerializerMethodField()

    class Meta(PublicUserSerializer.Meta):
        fields = [
            "id",
            "email",
            "username",
            "first_name",
            "last_name",
            "phone_number",
            "profile_picture",
            "user_type",
            "can_host",
            "can_book",
            "is_verified",
            "identity_verified_at",
            "is_active",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields

    def get_identity_verified_at(self, user) -> str | None:
        profile = profile_of(user)
        if profile is None or profile.identity_verified_at is None:
            return None
        return serializers.DateTimeField().to_representation(profile.identity_verified_at)


class UserViewSerializer(PublicUserSerializer):
    """Schema only, for GET users/{id}/: one shape whose private fields are there for the account itself and
    administrators and absent for everyone else (a oneOf of the two shapes would match the full one twice)."""

    email = serializers.EmailField(required=False, help_text="Only to the account itself and administrators.")
    username = serializers.CharField(required=False, help_text="Only to the account itself and administrators.")
    phone_number = serializers.CharField(required=False, help_text="Only to the account itself and administrators.")
    identity_verified_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Only to the account itself and administrators."
    )
    is_active = serializers.BooleanField(required=False, help_text="Only to the account itself and administrators.")
    last_login = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Only to the account itself and administrators."
    )

    class Meta(PublicUserSerializer.Meta):
        fields = UserSerializer.Meta.fields
        read_only_fields = PublicUserSerializer.Meta.fields


class UserUpdateSerializer(serializers.Serializer):
    """PUT and PATCH alike change only the fields sent; send `profile_picture` as multipart."""

    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone_number = serializers.CharField(max_length=32, required=False, allow_blank=True, validators=[phone_validator])
    user_type = serializers.ChoiceField(choices=UserType.choices, required=False)
    # A FileField: the content decides what the file is, the client's file name plays no part.
    profile_picture = serializers.FileField(required=False, help_text="JPEG, PNG, GIF or WebP, at most 5 MB.")

    def validate_profile_picture(self, image):
        profile_picture_validate(image)
        return image


class RegisterSerializer(RealmRegisterSerializer):
    """dj-rest-auth's sign-up (email, password1, password2, optional username) with Parking's details."""

    user_type = serializers.ChoiceField(choices=UserType.choices, default=UserType.SEEKER)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    phone_number = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", validators=[phone_validator]
    )

    def parking_details(self) -> dict:
        data = self.validated_data
        return {
            "user_type": data["user_type"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone_number"],
        }


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthResponseSerializer(TokenPairSerializer):
    """Registration and login: the token pair and the account."""

    user = UserSerializer()


class LoginSerializer(RealmLoginSerializer):
    """E-mail and password (dj-rest-auth's `username` is accepted in place of the e-mail)."""


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField()
    token = serializers.CharField()
    new_password1 = serializers.CharField(write_only=True, max_length=128)
    new_password2 = serializers.CharField(write_only=True, max_length=128)


class DetailSerializer(serializers.Serializer):
    """`{detail}`: what was done."""

    detail = serializers.CharField()


class UserStatsSerializer(serializers.Serializer):
    """The account's figures, from the data."""

    user_type = serializers.CharField()
    can_host = serializers.BooleanField()
    can_book = serializers.BooleanField()
    is_verified = serializers.BooleanField()
    member_since = serializers.DateTimeField()
    listings = serializers.IntegerField(help_text="Listings the account hosts (deleted ones not counted).")
    bookings_made = serializers.IntegerField(help_text="Bookings as a guest, in any state.")
    bookings_hosted = serializers.IntegerField(help_text="Bookings of the account's listings, in any state.")
    earnings = AmountField(currency="usd", help_text="Price of hosted bookings completed and paid.")
    reviews_received = serializers.IntegerField(help_text="Visible reviews of the account's listings.")
    average_rating = serializers.FloatField(allow_null=True, help_text="Their average, one decimal; null without any.")
