"""Account endpoints: dj-rest-auth's auth/ routes as the spec mounts them, and users/ (list, detail, verify, stats)."""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts import views as account_views
from core.api.parsers import JSONParser
from core.api.responses import ok
from parking.api.permissions import IsAdmin, IsSelfOrAdmin
from parking.api.serializers import users as s
from parking.models.accounts import UserType
from parking.selectors import users as selectors
from parking.services import users as services

sensitive_passwords = method_decorator(
    sensitive_post_parameters("password", "password1", "password2", "new_password1", "new_password2")
)


def _update(request, user):
    serializer = s.UserUpdateSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return services.account_profile_update(
        user=user,
        first_name=data.get("first_name"),
        last_name=data.get("last_name"),
        phone=data.get("phone_number"),
        user_type=data.get("user_type"),
        profile_picture=data.get("profile_picture"),
    )


# --- auth/ ---------------------------------------------------------------------------


@extend_schema(tags=["auth"])
class RegisterView(account_views.RegisterView):
    """Sign up as SEEKER (default), HOST or BOTH; answers with the account and a token pair (201)."""

    serializer_class = s.RegisterSerializer
    user_serializer_class = s.UserSerializer
    # The spec has no e-mail confirmation route; `is_verified` is an administrator's identity check.
    send_verification_email = False

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.RegisterSerializer, responses={201: s.AuthResponseSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def register(self, serializer):
        try:
            with transaction.atomic():
                user = super().register(serializer)
                return services.account_signup_complete(user=user, **serializer.parking_details())
        except IntegrityError as exc:  # lost a race with a concurrent sign-up for the same address
            raise ValidationError({"email": ["A user is already registered with this e-mail address."]}) from exc


@extend_schema(tags=["auth"])
class LoginView(account_views.LoginView):
    """E-mail and password -> `{access, refresh, user}`; the account's `last_login` is updated."""

    serializer_class = s.LoginSerializer
    user_serializer_class = s.UserSerializer

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.LoginSerializer, responses={200: s.AuthResponseSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class LogoutView(account_views.LogoutView):
    """Blacklist the refresh token sent."""

    serializer_class = s.RefreshSerializer

    @extend_schema(request=s.RefreshSerializer, responses={200: s.DetailSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class TokenRefreshView(account_views.TokenRefreshView):
    """A new pair: the refresh token rotates and the old one is blacklisted (30 min access, 7 days refresh)."""

    serializer_class = s.RefreshSerializer

    @extend_schema(request=s.RefreshSerializer, responses={200: s.TokenPairSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class PasswordResetView(account_views.PasswordResetView):
    """Mails (by Celery, after commit) a reset link if the address has an active account; same answer either way."""

    success_message = "Password reset e-mail has been sent."

    @extend_schema(request=s.PasswordResetSerializer, responses={200: s.DetailSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class PasswordResetConfirmView(account_views.PasswordResetConfirmView):
    """`uid` and `token` from the e-mail and the new password twice."""

    success_message = "Password has been reset with the new password."

    @sensitive_passwords
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    @extend_schema(request=s.PasswordResetConfirmSerializer, responses={200: s.DetailSerializer}, auth=[])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema(tags=["auth"])
class MeView(account_views.MeView):
    """The caller's account. PUT and PATCH change the fields sent; the profile picture goes as multipart."""

    serializer_class = s.UserSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "put", "patch", "head", "options"]

    @extend_schema(responses={200: s.UserSerializer})
    def get(self, request, *args, **kwargs):
        return ok(s.UserSerializer(request.user, context=self.get_serializer_context()).data)

    @extend_schema(request=s.UserUpdateSerializer, responses={200: s.UserSerializer})
    def put(self, request, *args, **kwargs):
        user = _update(request, request.user)
        return ok(s.UserSerializer(user, context=self.get_serializer_context()).data, message="Profile updated")

    @extend_schema(request=s.UserUpdateSerializer, responses={200: s.UserSerializer})
    def patch(self, request, *args, **kwargs):
        return self.put(request, *args, **kwargs)


# --- users/ --------------------------------------------------------------------------


@extend_schema(tags=["users"])
class UserListView(generics.ListAPIView):
    """Every Parking account (administrators only), newest first; filter by `user_type` or `is_active`."""

    permission_classes = [IsAdmin]
    serializer_class = s.UserSerializer

    def get_queryset(self):
        params = self.request.query_params
        user_type = params.get("user_type") or None
        if user_type is not None and user_type not in {*UserType.values, "ADMIN"}:
            raise ValidationError({"user_type": [f"Choose one of {', '.join([*UserType.values, 'ADMIN'])}."]})
        is_active = {"true": True, "false": False}.get((params.get("is_active") or "").lower())
        return selectors.user_list(user_type=user_type, is_active=is_active)

    @extend_schema(
        parameters=[
            OpenApiParameter("user_type", str, enum=[*UserType.values, "ADMIN"]),
            OpenApiParameter("is_active", bool),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["users"])
class UserDetailView(APIView):
    """One account: in full for itself and administrators, its public part for others.

    PUT and PATCH (the account itself or an administrator) change the fields sent. DELETE deactivates
    the account (its refresh tokens are revoked, its history stays); deactivated accounts are 404 to all
    but administrators.
    """

    permission_classes = [IsAuthenticated, IsSelfOrAdmin]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_object(self, pk):
        user = selectors.user_get(user_id=pk, viewer=self.request.user)
        if user is None:
            raise Http404
        self.check_object_permissions(self.request, user)
        return user

    def sees_all_of(self, user) -> bool:
        return user.pk == self.request.user.pk or selectors.is_parking_admin(self.request.user)

    @extend_schema(responses={200: s.UserViewSerializer})
    def get(self, request, pk: int):
        user = self.get_object(pk)
        serializer_class = s.UserSerializer if self.sees_all_of(user) else s.PublicUserSerializer
        return ok(serializer_class(user, context={"request": request}).data)

    @extend_schema(request=s.UserUpdateSerializer, responses={200: s.UserSerializer})
    def put(self, request, pk: int):
        user = _update(request, self.get_object(pk))
        return ok(s.UserSerializer(user, context={"request": request}).data, message="User updated")

    @extend_schema(request=s.UserUpdateSerializer, responses={200: s.UserSerializer})
    def patch(self, request, pk: int):
        return self.put(request, pk)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.account_deactivate(user=self.get_object(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["users"])
class UserVerifyView(APIView):
    """An administrator marks the account's identity verified (`is_verified`); verifying again changes nothing."""

    permission_classes = [IsAdmin]

    @extend_schema(request=None, responses={200: s.UserSerializer})
    def post(self, request, pk: int):
        user = selectors.user_get(user_id=pk, viewer=request.user)
        if user is None:
            raise Http404
        user = services.account_identity_verify(user=user, admin=request.user)
        return ok(s.UserSerializer(user, context={"request": request}).data, message="User identity verified")


@extend_schema(tags=["users"])
class UserStatsView(APIView):
    """The caller's figures known today: user type, what it may do, identity verification, member since."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.UserStatsSerializer})
    def get(self, request):
        return ok(s.UserStatsSerializer(selectors.user_stats(user=request.user)).data)
