"""Views of the payments area: cards, paying a booking, the caller's ledger, and hosts' payout account and payouts.

Thin: validate, call a service or selector, serialize. Stripe objects are always the caller's own
(someone else's booking, intent or card is 404); without a Stripe key every endpoint answers 503.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from core.api.parsers import JSONParser
from core.api.responses import created, ok
from parking.api.permissions import CanBook, CanHost
from parking.api.serializers import payments as s
from parking.models import Transaction
from parking.selectors import payments as selectors
from parking.services import payments as services

PAYMENT_ERRORS = {"503": "Payments are not available: no Stripe key is configured"}
CARD_EXAMPLE = {
    "id": "pm_1Q2w3E",
    "brand": "visa",
    "last4": "4242",
    "exp_month": 12,
    "exp_year": 2030,
    "is_default": True,
}
PAYMENT_STATE_EXAMPLE = {
    "booking_id": 41,
    "status": "CONFIRMED",
    "payment_status": "PAID",
    "amount": 4150,
    "currency": "usd",
    "refund_due": 0,
}
TRANSACTION_EXAMPLE = {  # the payout example's rows
    "id": 9,
    "type": "CHARGE",
    "amount": 4150,
    "currency": "usd",
    "status": "SUCCEEDED",
    "booking_id": 41,
    "created_at": "2025-06-20T10:05:00Z",
}
ACCOUNT_EXAMPLE = {
    "has_account": True,
    "stripe_account_id": "acct_1Q2w3E",
    "details_submitted": True,
    "charges_enabled": True,
    "payouts_enabled": True,
    "is_ready": True,
    "onboarding_completed_at": "2025-06-01T12:00:00Z",
}


class PaymentView(GenericAPIView):
    parser_classes = [JSONParser]
    permission_classes = [IsAuthenticated]
    extra_error_responses = PAYMENT_ERRORS


@extend_schema(tags=["payments"])
class SetupIntentView(PaymentView):
    """A SetupIntent to save a card on the caller's Stripe customer (made on first use)."""

    serializer_class = s.SetupIntentSerializer

    @extend_schema(
        request=None,
        responses={201: s.SetupIntentSerializer},
        examples=[
            OpenApiExample(
                "Setup intent",
                response_only=True,
                value={
                    "client_secret": "seti_1Q2w3E_secret_abc",
                    "setup_intent_id": "seti_1Q2w3E",
                    "customer_id": "cus_Q2w3E",
                },
            )
        ],
    )
    def post(self, request):
        started = services.setup_intent_create(user=request.user)
        return created(s.SetupIntentSerializer(started).data, message="Setup intent created.")


@extend_schema(tags=["payments"])
class PaymentMethodListView(PaymentView):
    """The caller's saved cards; POST attaches one (Stripe.js made it) to their customer."""

    serializer_class = s.CardSerializer
    # Cards live at Stripe, not in a queryset: the whole list in one answer.
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        responses={200: s.CardSerializer(many=True)},
        examples=[OpenApiExample("Cards", value=[CARD_EXAMPLE], response_only=True)],
    )
    def get(self, request):
        return ok(s.CardSerializer(services.payment_methods_list(user=request.user), many=True).data)

    @extend_schema(
        request=s.PaymentMethodAttachSerializer,
        responses={201: s.CardSerializer},
        examples=[
            OpenApiExample("Attach", value={"payment_method_id": "pm_1Q2w3E", "set_default": True}, request_only=True),
            OpenApiExample("Attached", value=CARD_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request):
        body = s.PaymentMethodAttachSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        card = services.payment_method_attach(user=request.user, **body.validated_data)
        return created(s.CardSerializer(card).data, message="Payment method added.")


@extend_schema(tags=["payments"])
class PaymentMethodDetailView(PaymentView):
    """Remove one of the caller's saved cards (another customer's card, or an unknown id: 404)."""

    serializer_class = None

    @extend_schema(request=None, responses={200: None})
    def delete(self, request, payment_method_id: str):
        services.payment_method_detach(user=request.user, payment_method_id=payment_method_id)
        return ok(None, message="Payment method removed.")


@extend_schema(tags=["payments"])
class PaymentIntentView(PaymentView):
    """The payment intent of the guest's PENDING or CONFIRMED, unpaid booking: one per booking, asked again
    it is the same intent (its amount follows a re-priced booking)."""

    permission_classes = [IsAuthenticated, CanBook]
    serializer_class = s.PaymentIntentSerializer

    @extend_schema(
        request=s.PaymentIntentRequestSerializer,
        responses={200: s.PaymentIntentSerializer},
        examples=[
            OpenApiExample("Pay a booking", value={"booking_id": 41}, request_only=True),
            OpenApiExample(
                "Intent",
                response_only=True,
                value={
                    "payment_intent_id": "pi_1Q2w3E",
                    "client_secret": "pi_1Q2w3E_secret_abc",
                    "amount": 4150,
                    "currency": "usd",
                    "booking_id": 41,
                },
            ),
        ],
    )
    def post(self, request):
        body = s.PaymentIntentRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        started = services.payment_intent_for_booking(guest=request.user, booking_id=body.validated_data["booking_id"])
        return ok(s.PaymentIntentSerializer(started).data, message="Payment intent ready.")


@extend_schema(tags=["payments"])
class PaymentConfirmView(PaymentView):
    """Confirm the caller's payment intent with a card; the booking's payment state is stored at once.
    A declined card is 402 and nothing is marked paid."""

    permission_classes = [IsAuthenticated, CanBook]
    serializer_class = s.BookingPaymentStateSerializer
    extra_error_responses = {**PAYMENT_ERRORS, "402": "The card was declined"}

    @extend_schema(
        request=s.PaymentConfirmSerializer,
        responses={200: s.BookingPaymentStateSerializer},
        examples=[
            OpenApiExample(
                "Confirm", value={"payment_intent_id": "pi_1Q2w3E", "payment_method": "pm_1Q2w3E"}, request_only=True
            ),
            OpenApiExample("Paid", value=PAYMENT_STATE_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request):
        body = s.PaymentConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = services.payment_confirm(guest=request.user, **body.validated_data)
        return ok(s.BookingPaymentStateSerializer(booking).data, message="Payment confirmed.")


@extend_schema(tags=["payments"])
class TransactionListView(PaymentView):
    """The caller's money movements, newest first: charges and refunds of their bookings, payouts to them."""

    serializer_class = s.TransactionSerializer
    extra_error_responses: dict = {}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Transaction.objects.none()
        return selectors.transaction_list(user=self.request.user)

    # No example here: core's paginator builds the page schema itself (examples on paginated lists break it).
    @extend_schema(responses=s.TransactionSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.TransactionSerializer(page, many=True).data)


@extend_schema(tags=["payments"])
class PayoutRequestView(PaymentView):
    """Hosts: be paid now for completed, paid stays (what the weekly run would pay); 400 without a ready
    payout account or with nothing owed."""

    permission_classes = [IsAuthenticated, CanHost]
    serializer_class = s.PayoutResultSerializer

    @extend_schema(
        request=None,
        responses={200: s.PayoutResultSerializer},
        examples=[
            OpenApiExample(
                "Paid out",
                response_only=True,
                value={"payouts": [{**TRANSACTION_EXAMPLE, "type": "PAYOUT"}], "count": 1, "total_amount": 4150},
            )
        ],
    )
    def post(self, request):
        payouts = services.payouts_request(host=request.user)
        body = {"payouts": payouts, "count": len(payouts), "total_amount": sum(p.amount for p in payouts)}
        return ok(s.PayoutResultSerializer(body).data, message="Payout sent.")


@extend_schema(tags=["payments"])
class PayoutAccountView(PaymentView):
    """Extension (the spec has no route): hosts' Stripe Connect Express account that payouts go to.
    POST makes it once and answers a fresh onboarding link; GET its status flags."""

    permission_classes = [IsAuthenticated, CanHost]
    serializer_class = s.PayoutAccountSerializer

    @extend_schema(
        responses={200: s.PayoutAccountSerializer},
        examples=[OpenApiExample("Ready", value=ACCOUNT_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        return ok(s.PayoutAccountSerializer(selectors.payout_account_get(user=request.user)).data)

    @extend_schema(
        request=None,
        responses={200: s.PayoutOnboardingSerializer},
        examples=[
            OpenApiExample(
                "Onboarding",
                response_only=True,
                value={
                    "onboarding_url": "https://connect.stripe.com/setup/e/acct_1Q2w3E/abc",
                    "account": {
                        **ACCOUNT_EXAMPLE,
                        "details_submitted": False,
                        "charges_enabled": False,
                        "payouts_enabled": False,
                        "is_ready": False,
                        "onboarding_completed_at": None,
                    },
                },
            )
        ],
    )
    def post(self, request):
        onboarding = services.payout_account_onboard(user=request.user)
        return ok(s.PayoutOnboardingSerializer(onboarding).data, message="Continue onboarding at Stripe.")
