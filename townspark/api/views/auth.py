"""Auth endpoints: the core's dj-rest-auth flows in TownSpark's documented request and response shapes."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from core.accounts import tokens
from core.accounts import views as core_views
from core.api.envelopes import style_for
from core.api.parsers import JSONParser
from core.api.responses import ok
from core.products.registry import request_product
from townspark.api.schema import TownSparkSchema
from townspark.api.serializers import auth as auth_serializers
from townspark.api.serializers.common import DetailSerializer
from townspark.api.serializers.users import MinimalRegisteredUserSerializer, UserSerializer
from townspark.api.views.base import AUTHENTICATION
from townspark.authentication import ensure_not_suspended

User = get_user_model()


class RegisterView(core_views.RegisterView):
    """POST auth/register/: a citizen account, returned with a token pair."""

    schema = TownSparkSchema()

    serializer_class = auth_serializers.RegisterSerializer

    @extend_schema(
        request=auth_serializers.RegisterSerializer,
        responses={201: auth_serializers.RegisterResponseSerializer},
        summary="Register a citizen",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def registration_payload(self, user, pair):
        return {
            "user": MinimalRegisteredUserSerializer(user).data,
            "tokens": {"access": pair.access, "refresh": pair.refresh},
        }

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response.message = "Registration successful. Please verify your email."
        return response


class ResolverRegisterView(core_views.RegisterView):
    """POST auth/register/resolver/: a resolver account pending verification (no tokens until verified)."""

    schema = TownSparkSchema()

    serializer_class = auth_serializers.ResolverRegisterSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": auth_serializers.ResolverRegisterSerializer},
        responses={201: auth_serializers.ResolverRegisterResponseSerializer},
        summary="Register a resolver",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = self.register(serializer)
        payload = {"user": MinimalRegisteredUserSerializer(user).data, "verification_status": "pending"}
        return ok(
            payload,
            message="Registration successful. Your account is pending verification.",
            status=status.HTTP_201_CREATED,
        )


class LoginView(core_views.LoginView):
    """POST auth/login/: the full user (stats, badges) and a token pair."""

    schema = TownSparkSchema()

    serializer_class = auth_serializers.LoginSerializer
    user_serializer_class = UserSerializer

    @extend_schema(
        request=auth_serializers.LoginSerializer,
        responses={200: auth_serializers.LoginResponseSerializer},
        summary="Log in",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def login_payload(self, user, pair):
        context = self.get_serializer_context()
        return {
            "user": UserSerializer(user, context=context).data,
            "tokens": {"access": pair.access, "refresh": pair.refresh},
        }


class TokenRefreshView(core_views.TokenRefreshView):
    """POST auth/token/refresh/: rotate the refresh token; suspended accounts get 403."""

    schema = TownSparkSchema()

    serializer_class = auth_serializers.RefreshSerializer

    @extend_schema(
        request=auth_serializers.RefreshSerializer,
        responses={200: auth_serializers.TokensSerializer},
        description="The envelope also carries `access` and `refresh` at its top level (TownSpark frontend).",
    )
    def post(self, request, *args, **kwargs):
        raw = request.data.get("refresh") if hasattr(request.data, "get") else None
        if isinstance(raw, str) and raw:
            try:
                user_id = tokens.RealmRefreshToken(raw).get(jwt_settings.USER_ID_CLAIM)
            except TokenError:
                user_id = None  # the core's rotation reports the precise token error
            user = User.objects.by_public_id("townspark", user_id).first() if user_id else None
            if user is not None:
                ensure_not_suspended(user)
        response = super().post(request, *args, **kwargs)
        # superset for the TownSpark frontend (issue #15): it reads the new pair at the top level too
        body = style_for(request_product(request)).success(response.data, message=response.message)
        response.data = {**body, "access": response.data["access"], "refresh": response.data["refresh"]}
        response.envelope = False
        return response


class LogoutView(core_views.LogoutView):
    """POST auth/logout/: blacklist the refresh token."""

    schema = TownSparkSchema()

    authentication_classes = AUTHENTICATION
    serializer_class = auth_serializers.RefreshSerializer

    @extend_schema(request=auth_serializers.RefreshSerializer, responses={200: DetailSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class PasswordResetView(core_views.PasswordResetView):
    """POST auth/password/reset/: e-mails a reset token if the address has an account (same answer either way)."""

    schema = TownSparkSchema()

    serializer_class = core_views.PasswordResetView.serializer_class
    success_message = "Password reset e-mail has been sent."

    @extend_schema(request=auth_serializers.PasswordResetSerializer, responses={200: DetailSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(core_views.PasswordResetConfirmView):
    """POST auth/password/reset/confirm/: uid + token from the e-mail, and the new password."""

    schema = TownSparkSchema()

    serializer_class = auth_serializers.PasswordResetConfirmSerializer
    success_message = "Password has been reset successfully."

    @extend_schema(request=auth_serializers.PasswordResetConfirmSerializer, responses={200: DetailSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class PasswordChangeView(core_views.PasswordChangeView):
    """POST auth/password/change/: old password and the new one twice."""

    schema = TownSparkSchema()

    authentication_classes = AUTHENTICATION
    serializer_class = auth_serializers.PasswordChangeSerializer
    success_message = "Password changed successfully."

    @extend_schema(request=auth_serializers.PasswordChangeSerializer, responses={200: DetailSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class VerifyEmailView(core_views.VerifyEmailView):
    """POST auth/verify-email/: confirm the address with the key from the sign-up e-mail (not in the contract)."""

    schema = TownSparkSchema()

    success_message = "Email verified successfully."
