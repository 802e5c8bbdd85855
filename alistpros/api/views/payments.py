"""Payment endpoints: Stripe Connect onboarding and status for pros, clients' payments, the payment list."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from alistpros.api.permissions import IsAListHomePro, IsClient
from alistpros.api.serializers import payments as s
from alistpros.models import Payment
from alistpros.selectors.payments import connect_account_of, payments_visible_to
from alistpros.services import payments
from core.api.responses import ok

UNAVAILABLE = {"503": "Payments are not available: no Stripe key is configured"}
STRIPE_ERRORS = {**UNAVAILABLE, "502": "Stripe could not be reached; nothing was done twice, retry"}


@extend_schema(tags=["payments"])
class OnboardView(APIView):
    """Start (or resume) the pro's Stripe Connect Express onboarding."""

    permission_classes = [IsAListHomePro]
    extra_error_responses = STRIPE_ERRORS

    @extend_schema(
        request=None,
        responses=s.OnboardingSerializer,
        summary="Stripe onboarding",
        description=(
            "Creates the pro's Stripe Connect Express account on the first call (one per pro, however often "
            "and concurrently it is called) and answers with a fresh onboarding link each time."
        ),
    )
    def post(self, request):
        onboarding = payments.connect_account_onboard(user=request.user)
        return ok(
            {
                "account_link": onboarding.account_link,
                "stripe_account_id": onboarding.account.stripe_account_id,
                "onboarding_started": True,
            }
        )


@extend_schema(tags=["payments"])
class ConnectStatusView(APIView):
    """The caller's Stripe Connect account status; every flag false when there is none."""

    permission_classes = [IsAuthenticated]
    extra_error_responses = UNAVAILABLE

    @extend_schema(responses=s.ConnectStatusSerializer, summary="Check Stripe account status")
    def get(self, request):
        payments.payments_require_stripe()
        return ok(s.ConnectStatusSerializer(s.ConnectStatusSerializer.of(connect_account_of(user=request.user))).data)


@extend_schema(tags=["payments"])
class PaymentCreateView(APIView):
    """A client starts paying a pro: a pending payment and the client secret to confirm it with Stripe.js."""

    permission_classes = [IsClient]
    extra_error_responses = STRIPE_ERRORS

    @extend_schema(
        request=s.PaymentCreateSerializer,
        responses=s.PaymentStartedSerializer,
        summary="Create payment",
        description=(
            "400 when the pro does not exist or cannot take payments yet (Stripe onboarding not complete). "
            "The pro receives the amount less the platform's fee (ALISTPROS_PLATFORM_FEE_PERCENT); the "
            "payment becomes `completed` when Stripe reports the charge succeeded."
        ),
        examples=[
            OpenApiExample(
                "Plumbing repair",
                value={"alistpro_id": 1, "amount": "150.00", "description": "Plumbing repair service"},
                request_only=True,
            )
        ],
    )
    def post(self, request):
        serializer = s.PaymentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        started = payments.payment_create(client=request.user, **serializer.validated_data)
        # 200, as the spec writes it, though a payment was created.
        return ok({"payment_id": started.payment.pk, "client_secret": started.client_secret})


@extend_schema(tags=["payments"])
class PaymentListView(ListAPIView):
    """Payments of the caller: a client's to pros, a pro's from clients, every payment for an admin."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.PaymentSerializer
    extra_error_responses = UNAVAILABLE

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is built without a caller
            return Payment.objects.none()
        return payments_visible_to(user=self.request.user)

    @extend_schema(summary="List payments")
    def get(self, request, *args, **kwargs):
        payments.payments_require_stripe()
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["payments"])
class DashboardLinkView(APIView):
    """A login link to the pro's Stripe Express dashboard."""

    permission_classes = [IsAListHomePro]
    extra_error_responses = {**STRIPE_ERRORS, "404": "The pro has no Stripe account yet: onboard first"}

    @extend_schema(responses=s.DashboardLinkSerializer, summary="Stripe dashboard link")
    def get(self, request):
        payments.payments_require_stripe()
        account = connect_account_of(user=request.user)
        if account is None or not account.stripe_account_id:
            raise NotFound("You have no Stripe account yet: start onboarding first.")
        return ok({"url": payments.connect_dashboard_link(account=account)})
