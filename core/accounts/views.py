"""The account flows on dj-rest-auth, realm-aware; products subclass these where their spec's shapes differ."""

from allauth.account.models import EmailAddress
from dj_rest_auth import views as rest_auth_views
from dj_rest_auth.registration import views as registration_views
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from core.accounts import tokens
from core.accounts.backends import realm_of
from core.accounts.serializers import AccountSerializer
from core.api.responses import ok
from core.api.throttling import AuthEndpointThrottle
from core.products.registry import request_product


def set_token_cookies(request, response, pair: tokens.TokenPair | None) -> None:
    """Set (or, with no pair, clear) the product's HttpOnly token cookies, if the product uses them."""
    product = request_product(request)
    transport = product.cookie_transport if product else None
    if transport is None:
        return
    secure = request.is_secure()
    if pair is None:
        for name in (transport.access_cookie, transport.refresh_cookie):
            response.delete_cookie(name, samesite=transport.samesite)
        return
    for name, value, max_age in (
        (transport.access_cookie, pair.access, transport.access_max_age),
        (transport.refresh_cookie, pair.refresh, transport.refresh_max_age),
    ):
        response.set_cookie(
            name, value, max_age=int(max_age.total_seconds()), httponly=True, secure=secure, samesite=transport.samesite
        )


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RefreshInputSerializer(serializers.Serializer):
    refresh = serializers.CharField(required=False, allow_blank=False)


class LogoutResponseSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _refresh_from(request) -> str:
    serializer = RefreshInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    raw = serializer.validated_data.get("refresh")
    product = request_product(request)
    if not raw and product is not None and product.cookie_transport is not None:
        raw = request.COOKIES.get(product.cookie_transport.refresh_cookie)
    if not raw:
        raise serializers.ValidationError({"refresh": ["This field is required."]})
    return raw


class LoginView(rest_auth_views.LoginView):
    """E-mail (or username) and password in the request's realm -> `{access, refresh, user}`."""

    authentication_classes: list = []
    throttle_classes = [AuthEndpointThrottle]
    permission_classes = [AllowAny]
    user_serializer_class = AccountSerializer

    def login_payload(self, user, pair: tokens.TokenPair) -> dict:
        context = self.get_serializer_context()
        return {
            "access": pair.access,
            "refresh": pair.refresh,
            "user": self.user_serializer_class(user, context=context).data,
        }

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.user = serializer.validated_data["user"]
        get_user_model().objects.filter(pk=self.user.pk).update(last_login=timezone.now())
        pair = tokens.token_pair_for_user(self.user)
        response = ok(self.login_payload(self.user, pair), message="Login successful")
        set_token_cookies(request, response, pair)
        return response


class TokenRefreshView(APIView):
    """Rotate a refresh token: the old one is blacklisted, a new pair returned."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = RefreshInputSerializer

    @extend_schema(request=RefreshInputSerializer, responses={200: TokenPairSerializer})
    def post(self, request, *args, **kwargs):
        pair = tokens.refresh_token_rotate(raw_refresh=_refresh_from(request), realm=realm_of(request))
        response = ok({"access": pair.access, "refresh": pair.refresh}, message="Token refreshed")
        set_token_cookies(request, response, pair)
        return response


class LogoutView(APIView):
    """Blacklist the refresh token (and clear the token cookies)."""

    permission_classes = [IsAuthenticated]
    serializer_class = RefreshInputSerializer

    @extend_schema(request=RefreshInputSerializer, responses={200: LogoutResponseSerializer})
    def post(self, request, *args, **kwargs):
        tokens.refresh_token_revoke(raw_refresh=_refresh_from(request), realm=realm_of(request), user=request.user)
        response = ok({"detail": "Successfully logged out."}, message="Logout successful")
        set_token_cookies(request, response, None)
        return response


class RegisterView(registration_views.RegisterView):
    """Sign up in the request's realm; returns the user and a token pair (status 201)."""

    authentication_classes: list = []
    throttle_classes = [AuthEndpointThrottle]
    permission_classes = [AllowAny]
    user_serializer_class = AccountSerializer
    send_verification_email = True

    def register(self, serializer):
        """Create the account and its allauth address; queue the verification e-mail after commit."""
        with transaction.atomic():
            user = serializer.save(self.request)
            if self.send_verification_email:
                address = EmailAddress.objects.get_primary(user)
                if address is not None:
                    address.send_confirmation(self.request, signup=True)
        return user

    def registration_payload(self, user, pair: tokens.TokenPair) -> dict:
        context = self.get_serializer_context()
        return {
            "user": self.user_serializer_class(user, context=context).data,
            "access": pair.access,
            "refresh": pair.refresh,
        }

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = self.register(serializer)
        pair = tokens.token_pair_for_user(user)
        response = ok(
            self.registration_payload(user, pair), message="Registration successful", status=status.HTTP_201_CREATED
        )
        set_token_cookies(request, response, pair)
        return response


class VerifyEmailView(registration_views.VerifyEmailView):
    """Confirm an e-mail address by the key mailed at sign-up, for an account of this realm only."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get_object(self, queryset=None):
        confirmation = super().get_object(queryset)
        if confirmation.email_address.user.realm != realm_of(self.request):
            raise Http404
        return confirmation


class PasswordResetView(rest_auth_views.PasswordResetView):
    authentication_classes: list = []
    throttle_classes = [AuthEndpointThrottle]
    permission_classes = [AllowAny]


class PasswordResetConfirmView(rest_auth_views.PasswordResetConfirmView):
    authentication_classes: list = []
    throttle_classes = [AuthEndpointThrottle]
    permission_classes = [AllowAny]


class PasswordChangeView(rest_auth_views.PasswordChangeView):
    permission_classes = [IsAuthenticated]


class MeView(rest_auth_views.UserDetailsView):
    permission_classes = [IsAuthenticated]
    serializer_class = AccountSerializer
