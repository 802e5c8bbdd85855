"""The Stripe webhook endpoint every paying product mounts at its documented path."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from core.api.responses import ok
from core.payments.webhooks import webhook_event_receive
from core.products.registry import request_product


class StripeWebhookView(APIView):
    """Receives Stripe's signed events for the product the path belongs to; answers at once, handles after commit."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes: list = []  # the signature covers the raw bytes: nothing may parse them first
    throttle_classes: list = []  # Stripe retries what it cannot deliver; a limit here would only delay payments
    extra_error_responses = {"503": "Stripe webhooks are not configured on this service"}

    @extend_schema(
        summary="Stripe webhook",
        description=(
            "Stripe's signed events for this service. The `Stripe-Signature` header is checked with the "
            "endpoint's signing secret (400 when missing or wrong, nothing stored). Each event id is stored "
            "once and handled once, after the answer; a repeated delivery answers 200 with `duplicate: true`. "
            "Event types this service does not use are stored and ignored."
        ),
        request={"application/json": OpenApiTypes.OBJECT},
        parameters=[OpenApiParameter("Stripe-Signature", str, OpenApiParameter.HEADER, required=True)],
        responses=inline_serializer(
            "StripeWebhookReceived",
            {"received": serializers.BooleanField(), "duplicate": serializers.BooleanField()},
        ),
        examples=[OpenApiExample("Stored", value={"received": True, "duplicate": False}, response_only=True)],
        auth=[],
    )
    def post(self, request):
        product = request_product(request)
        _, stored = webhook_event_receive(
            product_key=product.key, payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
        return ok({"received": True, "duplicate": not stored}, message="Webhook received")
