"""auth/ and user/ endpoints: register, activate, log in and out with cookies, refresh, reset; me, profile, roles.

Public endpoints authenticate nobody (a stale cookie never blocks a login); authenticated ones use
the product's default, RessourcefyAuthentication (Bearer header or access_token cookie + CSRF).
"""

from contextlib import suppress

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from core.accounts import tokens
from core.api.exceptions import InvalidToken, TokenExpired
from core.api.responses import created, ok
from core.api.throttling import AuthEndpointThrottle
from ressourcefy.api.permissions import IsActivated, IsOnboardingComplete
from ressourcefy.api.serializers import accounts as s
from ressourcefy.authentication import (
    TRANSPORT,
    clear_session_cookies,
    set_session_cookies,
    set_state_cookies,
    set_token_cookies,
)
from ressourcefy.exceptions import AccountNotActivated, InvalidCredentials
from ressourcefy.models.roles import ADMIN_ROLES
from ressourcefy.product import PRODUCT
from ressourcefy.selectors.accounts import session_user, user_me
from ressourcefy.services import accounts as services

sensitive_passwords = method_decorator(sensitive_post_parameters("password", "new_password"))

RESEND_MESSAGE = "If the account exists and is not yet activated, a new activation e-mail has been sent."
RESET_MESSAGE = "If the email exists, a password reset link has been sent."


class PublicAuthView(APIView):
    """An unauthenticated auth/ endpoint, rate limited by AUTH_RATE_LIMIT."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthEndpointThrottle]


class SignedInView(APIView):
    """An endpoint for an activated account (403 `account_not_activated` otherwise)."""

    permission_classes = [IsAuthenticated, IsActivated]


@extend_schema(tags=["auth"])
class RegisterView(PublicAuthView):
    """Create an account (inactive until its e-mail is confirmed); the activation e-mail leaves after commit."""

    extra_error_responses = {"422": "email_already_used: an account with this e-mail exists"}

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(
        request=s.RegisterSerializer,
        responses={201: s.RegisterResponseSerializer},
        auth=[],
        examples=[
            OpenApiExample(
                "Register",
                request_only=True,
                value={
                    "email": "user@example.com",
                    "password": "SecurePassword123!",
                    "username": "john_doe",
                    "accepted_terms": True,
                },
            )
        ],
    )
    def post(self, request):
        serializer = s.RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.account_register(**serializer.validated_data)
        return created(
            {
                "user_id": user.uuid,
                "message": "Registration successful. Please check your email to activate your account.",
            }
        )


@extend_schema(tags=["auth"])
class ActivateView(PublicAuthView):
    """Activate with the mailed token (24 h, single use); sets the `activated` and `onboarding_step` cookies."""

    @extend_schema(request=s.TokenSerializer, responses={200: s.MessageSerializer}, auth=[])
    def post(self, request):
        serializer = s.TokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, newly = services.account_activate(token=serializer.validated_data["token"])
        message = "Account activated successfully. You can now log in." if newly else "Account already activated"
        response = ok({"message": message})
        set_state_cookies(request, response, user)
        return response


@extend_schema(tags=["auth"])
class ResendActivationView(PublicAuthView):
    """Mail a new activation token; the same answer whether or not the address has an inactive account."""

    @extend_schema(request=s.EmailSerializer, responses={200: s.MessageSerializer}, auth=[])
    def post(self, request):
        serializer = s.EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.activation_resend(email=serializer.validated_data["email"])
        return ok({"message": RESEND_MESSAGE})


@extend_schema(tags=["auth"])
class LoginView(PublicAuthView):
    """E-mail and password -> tokens and user; sets the four documented cookies and the csrftoken cookie."""

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.LoginSerializer, responses={200: s.LoginResponseSerializer}, auth=[])
    def post(self, request):
        serializer = s.LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request._request, email=data["email"].lower(), password=data["password"])
        if user is None:
            raise InvalidCredentials()
        if not user.is_verified:
            raise AccountNotActivated()
        type(user).objects.filter(pk=user.pk).update(last_login=timezone.now())
        pair = tokens.token_pair_for_user(user)
        body = {
            "access_token": pair.access,
            "refresh_token": pair.refresh,
            "user": s.SessionUserSerializer(session_user(user=user)).data,
        }
        response = ok(body)
        set_session_cookies(request, response, user, pair)
        return response


def _refresh_token_from(request, body_token: str | None) -> str:
    raw = body_token or request.COOKIES.get(TRANSPORT.refresh_cookie)
    if not raw:
        raise InvalidToken("No refresh token: send refresh_token in the body or the refresh_token cookie.")
    return raw


@extend_schema(tags=["auth"])
class RefreshView(PublicAuthView):
    """Rotate the refresh token (body or cookie): the old one is blacklisted, new tokens and cookies returned."""

    throttle_classes: list = []

    @extend_schema(request=s.RefreshSerializer, responses={200: s.RefreshResponseSerializer}, auth=[])
    def post(self, request):
        serializer = s.RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        raw = _refresh_token_from(request, serializer.validated_data.get("refresh_token"))
        pair = tokens.refresh_token_rotate(raw_refresh=raw, realm=PRODUCT.key)
        response = ok({"access_token": pair.access, "refresh_token": pair.refresh})
        set_token_cookies(request, response, pair)
        return response


@extend_schema(tags=["auth"])
class LogoutView(PublicAuthView):
    """Clear the four cookies and blacklist the refresh token (body or cookie) if it is still valid.

    Works with an expired access token, as the document says, so it authenticates nobody.
    """

    throttle_classes: list = []

    @extend_schema(request=s.RefreshSerializer, responses={200: s.MessageSerializer}, auth=[])
    def post(self, request):
        serializer = s.RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        raw = serializer.validated_data.get("refresh_token") or request.COOKIES.get(TRANSPORT.refresh_cookie)
        if raw:
            # An already revoked or expired token: logging out still succeeds.
            with suppress(InvalidToken, TokenExpired):
                tokens.refresh_token_revoke(raw_refresh=raw, realm=PRODUCT.key)
        response = ok({"message": "Logged out successfully"})
        clear_session_cookies(response)
        return response


@extend_schema(tags=["auth"])
class PasswordResetView(PublicAuthView):
    """Mail a reset token (1 h, single use); the same answer for unknown addresses."""

    @extend_schema(request=s.EmailSerializer, responses={200: s.MessageSerializer}, auth=[])
    def post(self, request):
        serializer = s.EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.password_reset_request(email=serializer.validated_data["email"])
        return ok({"message": RESET_MESSAGE})


@extend_schema(tags=["auth"])
class PasswordResetConfirmView(PublicAuthView):
    """Set a new password with the mailed token (400 `invalid_reset_token` when invalid, expired or used)."""

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.PasswordResetConfirmSerializer, responses={200: s.MessageSerializer}, auth=[])
    def post(self, request):
        serializer = s.PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.password_reset_confirm(**serializer.validated_data)
        return ok({"message": "Password reset successfully. You can now log in with your new password."})


@extend_schema(tags=["user"])
class MeView(SignedInView):
    """The caller's account and profile; re-syncs the `activated` and `onboarding_step` cookies."""

    @extend_schema(responses={200: s.MeSerializer})
    def get(self, request):
        response = ok(s.MeSerializer(user_me(user=request.user)).data)
        set_state_cookies(request, response, request.user)
        return response


@extend_schema(tags=["user"])
class ProfileUpdateView(SignedInView):
    """Change username, bio or avatar_url; the profile must stay complete (see the document's rules)."""

    permission_classes = [IsAuthenticated, IsActivated, IsOnboardingComplete]

    @extend_schema(request=s.ProfileUpdateSerializer, responses={200: s.ProfileUpdateResponseSerializer})
    def patch(self, request):
        serializer = s.ProfileUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.profile_update(user=request.user, changes=serializer.validated_data)
        return ok(
            {
                "username": profile.user.username,
                "bio": profile.bio,
                "avatar_url": profile.avatar_url,
                "message": "Profile updated successfully",
            }
        )


class IsNotAdmin(IsAuthenticated):
    """ADMIN and SUPERADMIN already hold every role they could request."""

    message = "ADMIN and SUPERADMIN cannot request a role change."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.role not in ADMIN_ROLES


@extend_schema(tags=["user"])
class RoleRequestView(SignedInView):
    """Ask for CONTRIBUTOR or MODERATOR; one pending request at a time, decided in the admin API."""

    permission_classes = [IsAuthenticated, IsActivated, IsOnboardingComplete, IsNotAdmin]

    @extend_schema(request=s.RoleRequestSerializer, responses={201: s.RoleRequestResponseSerializer})
    def post(self, request):
        serializer = s.RoleRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        role_request = services.role_request_create(user=request.user, **serializer.validated_data)
        role = role_request.requested_role
        return created(
            {
                "request_id": role_request.id,
                "requested_role": role,
                "status": role_request.status,
                "message": (
                    f"Role change request submitted successfully. Your request for {role} is pending admin review."
                ),
            }
        )
