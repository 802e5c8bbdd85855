"""Test-only views that exercise the envelopes, errors, pagination and account flows under any product prefix."""

from django.contrib.auth import get_user_model
from django.db import DataError
from rest_framework import generics, serializers
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView

from core.accounts.serializers import AccountSerializer
from core.api.exceptions import Conflict
from core.api.permissions import IsProductAdmin, has_role
from core.api.responses import created, ok, raw
from core.products.registry import request_product


class EchoSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=10)
    count = serializers.IntegerField(min_value=1)


class PublicEchoView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        return ok({"hello": "world"})

    def post(self, request):
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return created(serializer.validated_data, message="Echoed")


class WhoAmIView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return ok({"id": str(request.user.pk), "realm": request.user.realm, "role": request.user.role})


class AdminOnlyView(APIView):
    permission_classes = [IsProductAdmin]

    def get(self, request):
        return ok({"admin": True})


class StaffView(APIView):
    """Role permissions combined with `|`."""

    permission_classes = [has_role("resolver", "contractor", "HOST") | IsProductAdmin]

    def get(self, request):
        return ok({"staff": True})


class RawView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        return raw({"exactly": "this"})


class FailingView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("secret internals")

    def put(self, request):
        raise Conflict("Already exists.")

    def delete(self, request):
        raise Throttled(wait=30)

    def post(self, request):
        raise DataError("value too long for type character varying(10)")


class AccountListView(generics.ListAPIView):
    """A paginated list of this realm's accounts."""

    serializer_class = AccountSerializer
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return get_user_model().objects.filter(realm=request_product(self.request).key).order_by("email")


class CachedCountAccountListView(AccountListView):
    page_count_cache_seconds = 30


class StripeCustomerView(APIView):
    """The caller's Stripe customer, made through the gateway: 503 without a key, one customer however often retried."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        from core.payments.gateway import idempotency_key, stripe_create

        customer = stripe_create(
            request_product(request).key,
            "customers",
            {"email": request.user.email, "metadata": {"account": str(request.user.public_id)}},
            idempotency_key=idempotency_key(request.user, "customer"),
        )
        return created({"customer": customer["id"]})
