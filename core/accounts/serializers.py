"""dj-rest-auth serializers made realm-aware: login, registration and password reset stay in one realm."""

from dj_rest_auth.registration.serializers import RegisterSerializer
from dj_rest_auth.serializers import LoginSerializer, PasswordResetConfirmSerializer, PasswordResetSerializer
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework import serializers

from core.accounts.adapter import RealmAccountAdapter, frontend_url
from core.accounts.backends import realm_of
from core.api.fields import AccountIdField
from core.api.serializers import ModelSerializer
from core.mail import enqueue_email
from core.products.registry import get_product, request_product


class AccountSerializer(ModelSerializer):
    """The fields every product shares; products extend it with their own profile data."""

    id = AccountIdField()

    class Meta:
        model = get_user_model()
        fields = ["id", "email", "username", "name", "phone", "avatar", "role", "is_verified", "date_joined"]
        read_only_fields = ["id", "email", "role", "is_verified", "date_joined"]


class RealmLoginSerializer(LoginSerializer):
    """Credentials checked in the request's realm only; the product decides e-mail or username login."""

    def get_auth_user(self, username, email, password):
        login = email or username
        if not login or not password:
            product = request_product(self.context["request"])
            field = "username" if product and product.login_field == "username" else "email"
            raise serializers.ValidationError(f'Must include "{field}" and "password".')
        return self.authenticate(username=login, password=password)

    @staticmethod
    def validate_email_verification_status(user, email=None):
        product = get_product(user.realm)
        if product is not None and product.requires_verification and not user.is_verified:
            raise serializers.ValidationError("E-mail is not verified.")


class RealmRegisterSerializer(RegisterSerializer):
    """Sign-up into the request's realm: e-mail and username unique within it, role the product default."""

    def validate_email(self, email):
        email = super().validate_email(email)
        return RealmAccountAdapter(self.context.get("request")).validate_unique_email(email)


class RealmPasswordResetForm(PasswordResetForm):
    """Django's reset form, limited to the realm the request came to, mailing through Celery."""

    realm = ""

    def get_users(self, email):
        return get_user_model().objects.filter(realm=self.realm, email__iexact=email, is_active=True)

    def save(self, **kwargs):
        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            link = frontend_url(user.realm, f"reset-password?uid={uid}&token={token}")
            product = get_product(user.realm)
            enqueue_email(
                subject=f"Reset your {product.name} password",
                body=(
                    "We received a request to reset your password.\n\n"
                    f"Open {link}\n\nor use uid={uid} and token={token} with the reset-confirm endpoint.\n"
                    "If you did not ask for this, ignore this message."
                ),
                to=[user.email],
            )


class RealmPasswordResetSerializer(PasswordResetSerializer):
    """Always answers the same, whether or not the address has an account (no enumeration)."""

    def validate_email(self, value):
        form = RealmPasswordResetForm(data={"email": value})
        form.realm = realm_of(self.context.get("request"))
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        self.reset_form = form
        return value

    def save(self):
        self.reset_form.save()


def user_from_uid(uid: str, realm: str):
    try:
        pk = force_str(urlsafe_base64_decode(uid))
        return get_user_model().objects.filter(pk=pk, realm=realm, is_active=True).first()
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError, DjangoValidationError):
        # A malformed uid (or UUID) is just an invalid link.
        return None


class RealmPasswordResetConfirmSerializer(PasswordResetConfirmSerializer):
    """Confirms a reset only for an account of the request's realm."""

    def validate(self, attrs):
        self.user = user_from_uid(attrs["uid"], realm_of(self.context.get("request")))
        if self.user is None:
            raise serializers.ValidationError({"uid": ["Invalid value"]})
        if not default_token_generator.check_token(self.user, attrs["token"]):
            raise serializers.ValidationError({"token": ["Invalid or expired token"]})
        self.set_password_form = self.set_password_form_class(user=self.user, data=attrs)
        if not self.set_password_form.is_valid():
            raise serializers.ValidationError(self.set_password_form.errors)
        return attrs
