"""Account endpoints (users/): register, log in, refresh, the profile, password change, e-mail verification."""

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from alistpros.api.serializers import users as s
from alistpros.services import users as services
from core.accounts import tokens
from core.accounts import views as account_views
from core.api.responses import ok
from core.api.throttling import AuthEndpointThrottle

sensitive_passwords = method_decorator(
    sensitive_post_parameters("password", "password2", "old_password", "new_password", "new_password2")
)


@extend_schema(tags=["users"])
class RegisterView(APIView):
    """Sign up as a client or a pro (admins are made by operators); the e-mail verification link is mailed."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthEndpointThrottle]
    extra_error_responses = {"409": "An account with this e-mail already exists"}

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.RegisterSerializer, responses={201: s.RegisterResponseSerializer}, auth=[])
    def post(self, request):
        serializer = s.RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        def verify_url(user, token: str) -> str:
            path = reverse("alistpros-verify-email", kwargs={"token": token, "user_id": user.public_id})
            return request.build_absolute_uri(path)

        user = services.account_register(
            email=data["email"],
            password=data["password"],
            name=data["name"],
            phone=data["phone_number"],
            role=data["role"],
            verify_url=verify_url,
        )
        pair = tokens.token_pair_for_user(user)
        body = {
            "user": s.UserSerializer(user, context={"request": request}).data,
            "tokens": {"access": pair.access, "refresh": pair.refresh},
            "message": "User registered successfully. Please check your email to verify your account.",
        }
        return ok(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["users"])
class LoginView(account_views.LoginView):
    """E-mail and password -> `{access, refresh, user}`; 400 for wrong credentials."""

    user_serializer_class = s.UserSerializer

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.LoginSerializer, responses={200: s.LoginResponseSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["users"])
class TokenRefreshView(account_views.TokenRefreshView):
    """A new access token; the refresh token rotates too (the old one stops working), so both are returned."""

    @extend_schema(request=s.RefreshSerializer, responses={200: s.TokenPairSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["users"])
class MeView(generics.RetrieveUpdateAPIView):
    """The caller's account; PATCH changes `name` and `phone_number` (e-mail and role are fixed)."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.UserSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user


@extend_schema(tags=["users"])
class ChangePasswordView(APIView):
    """The current password, then the new one twice; Django's password rules apply."""

    permission_classes = [IsAuthenticated]

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.ChangePasswordSerializer, responses={200: s.ConfirmationSerializer})
    def post(self, request):
        serializer = s.ChangePasswordSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        services.password_change(user=request.user, new_password=serializer.validated_data["new_password"])
        return ok({"message": "Password changed successfully"})


@extend_schema(tags=["users"])
class VerifyEmailView(APIView):
    """The link mailed at sign-up: verifies the address once; a used, expired or altered link is a 400."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: s.ConfirmationSerializer, 400: OpenApiResponse(description="Invalid, used or expired link")},
        auth=[],
    )
    def get(self, request, token: str, user_id: str):
        if not services.email_verify(user_id=user_id, token=token):
            raise ValidationError({"token": ["This verification link is invalid, used or expired."]})
        return ok({"message": "Email verified successfully"})
