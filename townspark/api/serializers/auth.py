"""Auth request and response shapes: registration (citizen, resolver), login, password reset and change."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.accounts.serializers import RealmLoginSerializer, RealmPasswordResetConfirmSerializer
from townspark.api.serializers.common import with_aliases
from townspark.api.serializers.issues import DepartmentField
from townspark.api.serializers.users import MinimalRegisteredUserSerializer, UserSerializer
from townspark.authentication import ensure_not_suspended
from townspark.models import ResolverProfile
from townspark.services import accounts as account_services
from townspark.services.images import document_validate

User = get_user_model()
REALM = "townspark"
EMAIL_TAKEN = "This email is already registered"


def _check_new_password(attrs: dict, *, password_key: str, confirm_key: str, user) -> None:
    if attrs[password_key] != attrs[confirm_key]:
        raise serializers.ValidationError({confirm_key: ["Passwords do not match."]})
    try:
        validate_password(attrs[password_key], user=user)
    except DjangoValidationError as exc:
        raise serializers.ValidationError({password_key: list(exc.messages)}) from exc


class RegisterSerializer(serializers.Serializer):
    """Citizen sign-up (`user_type` may only be "citizen"; resolvers use register/resolver/)."""

    name = serializers.CharField(max_length=255)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    confirm_password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    user_type = serializers.ChoiceField(choices=["citizen"], required=False, default="citizen")

    def validate_email(self, email: str) -> str:
        email = email.lower()
        if User.objects.filter(realm=REALM, email__iexact=email).exists():
            raise serializers.ValidationError(EMAIL_TAKEN)
        return email

    def validate(self, attrs):
        candidate = User(email=attrs["email"], name=attrs["name"], realm=REALM)
        _check_new_password(attrs, password_key="password", confirm_key="confirm_password", user=candidate)
        return attrs

    def save(self, request=None):
        data = self.validated_data
        return account_services.citizen_register(
            name=data["name"], email=data["email"], password=data["password"], phone=data.get("phone", "")
        )


class ResolverRegisterSerializer(RegisterSerializer):
    """Resolver sign-up: official details and an ID document (multipart), verified later by an admin."""

    user_type = None
    department = DepartmentField()
    employee_id = serializers.RegexField(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,49}$", max_length=50)
    designation = serializers.CharField(max_length=100)
    jurisdiction = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    id_document = serializers.FileField()
    # superset for the TownSpark frontend (issue #15): its sign-up form's names for name and phone
    full_name = serializers.CharField(
        write_only=True, required=False, max_length=255, help_text="Alias of name (TownSpark frontend)"
    )
    phone_number = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="Alias of phone (TownSpark frontend)",
    )

    def to_internal_value(self, data):
        return super().to_internal_value(with_aliases(data, {"full_name": "name", "phone_number": "phone"}))

    def validate_employee_id(self, value: str) -> str:
        if ResolverProfile.objects.filter(employee_id__iexact=value).exists():
            raise serializers.ValidationError("This employee ID is already registered.")
        return value

    def validate_id_document(self, value):
        document_validate(value)
        return value

    def save(self, request=None):
        data = self.validated_data
        return account_services.resolver_register(
            name=data["name"],
            email=data["email"],
            password=data["password"],
            phone=data.get("phone", ""),
            department=data["department"],
            employee_id=data["employee_id"],
            designation=data["designation"],
            id_document=data["id_document"],
            jurisdiction=data.get("jurisdiction", ""),
        )


class TokensSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RegisterResponseSerializer(serializers.Serializer):
    user = MinimalRegisteredUserSerializer()
    tokens = TokensSerializer()


class ResolverRegisterResponseSerializer(serializers.Serializer):
    user = MinimalRegisteredUserSerializer()
    verification_status = serializers.CharField()


class LoginSerializer(RealmLoginSerializer):
    """E-mail and password; a suspended account is refused with 403 ACCOUNT_SUSPENDED."""

    username = None
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, max_length=128)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        ensure_not_suspended(attrs["user"])
        return attrs


class LoginResponseSerializer(serializers.Serializer):
    user = UserSerializer()
    tokens = TokensSerializer()


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(RealmPasswordResetConfirmSerializer):
    """uid and token from the e-mail, and the new password twice."""

    new_password1 = None
    new_password2 = None
    new_password = serializers.CharField(max_length=128, style={"input_type": "password"})
    confirm_password = serializers.CharField(max_length=128, style={"input_type": "password"})

    def validate(self, attrs):
        if attrs["new_password"] != attrs["confirm_password"]:
            raise serializers.ValidationError({"confirm_password": ["Passwords do not match."]})
        mapped = {**attrs, "new_password1": attrs["new_password"], "new_password2": attrs["confirm_password"]}
        try:
            return super().validate(mapped)
        except serializers.ValidationError as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            renamed = {
                ("new_password" if key.startswith("new_password") else key): value for key, value in detail.items()
            }
            raise serializers.ValidationError(renamed) from exc


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(max_length=128, style={"input_type": "password"})
    new_password = serializers.CharField(max_length=128, style={"input_type": "password"})
    confirm_password = serializers.CharField(max_length=128, style={"input_type": "password"})

    def validate_old_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError("Your old password was entered incorrectly.")
        return value

    def validate(self, attrs):
        _check_new_password(
            attrs, password_key="new_password", confirm_key="confirm_password", user=self.context["request"].user
        )
        return attrs

    def save(self):
        user = self.context["request"].user
        user.set_password(self.validated_data["new_password"])
        user.save(update_fields=["password", "updated_at"])
        return user
