"""Views of the billing area: starting a Stripe Checkout session (the webhook is core's StripeWebhookView)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from core.api.parsers import JSONParser
from core.api.responses import created
from ressourcefy.api.permissions import IsActivated, IsOnboardingComplete
from ressourcefy.api.serializers import billing as s
from ressourcefy.services import billing as services


class CheckoutSessionCreateView(APIView):
    """POST billing/checkout/: a Checkout session for a subscription plan or a premium resource.

    Like every other signed-in action on the library, buying needs a finished onboarding.
    """

    permission_classes = [IsAuthenticated, IsActivated, IsOnboardingComplete]
    parser_classes = [JSONParser]

    @extend_schema(
        tags=["billing"],
        operation_id="billing_checkout_create",
        request=s.CheckoutRequestSerializer,
        responses={201: s.CheckoutSessionSerializer},
        description=(
            "Starts a Stripe Checkout session. `price_id` names a price Ressourcefy sells (the premium plan: "
            "mode subscription; a premium resource's price: mode payment), or `resource_id` buys a premium "
            "resource at its current price. 400 `invalid_action` when the price is not sold, the caller "
            "already has an active subscription, already owns the resource or wrote it. Errors use the one "
            "format `{error: {code, message, details}}` (the document's bare field errors included)."
        ),
        examples=[
            OpenApiExample(
                "Subscribe",
                value={
                    "price_id": "price_1234567890abcdef",
                    "success_url": "https://yourdomain.com/payment/success?session_id={CHECKOUT_SESSION_ID}",
                    "cancel_url": "https://yourdomain.com/payment/cancel",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Session",
                value={
                    "sessionId": "cs_test_a1b2c3d4e5f6g7h8i9j0",
                    "url": "https://checkout.stripe.com/c/pay/cs_test_a1",
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request):
        serializer = s.CheckoutRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        started = services.checkout_session_create(user=request.user, **serializer.validated_data)
        return created(s.CheckoutSessionSerializer({"sessionId": started.session_id, "url": started.url}).data)
