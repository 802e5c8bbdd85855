"""Admin views of subscriptions and payments: lists, details, update, cancel and refund (ADMIN and SUPERADMIN).

Thin: validate, call a service or selector, serialize. Cancel and refund ask Stripe; the rows change when
the signed webhook confirms.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from core.api.parsers import JSONParser
from core.api.query_params import validated_query
from core.api.responses import ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import ADMINS
from ressourcefy.api.serializers import admin_billing as s
from ressourcefy.models import Payment, Subscription
from ressourcefy.selectors import admin_billing as selectors
from ressourcefy.services import admin_billing as services

FORBIDDEN = {"403": "Not an ADMIN or SUPERADMIN (USER, CONTRIBUTOR and MODERATOR are refused)."}


class AdminListView(PageMixin, GenericAPIView):
    permission_classes = ADMINS
    extra_error_responses = FORBIDDEN


# --- subscriptions -------------------------------------------------------------------------


@extend_schema(tags=["admin: subscriptions"])
class AdminSubscriptionListView(AdminListView):
    """GET admin/subscriptions/: every subscription, filtered and paged."""

    serializer_class = s.AdminSubscriptionSerializer
    queryset = Subscription.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(
        summary="List subscriptions",
        operation_id="admin_subscriptions_list",
        parameters=[s.SubscriptionQuerySerializer],
        responses=s.AdminSubscriptionSerializer(many=True),
        description="Pages are `{count, next, previous, results}` inside `data` (`page`, `page_size` up to 100).",
    )
    def get(self, request):
        rows = selectors.subscription_admin_list(**validated_query(s.SubscriptionQuerySerializer, request))
        return self.page_response(rows, s.AdminSubscriptionSerializer)


@extend_schema(tags=["admin: subscriptions"])
class AdminSubscriptionView(APIView):
    """GET / PATCH admin/subscriptions/<id>/."""

    permission_classes = ADMINS
    parser_classes = [JSONParser]
    extra_error_responses = {**FORBIDDEN, "404": "No subscription has this id."}

    @extend_schema(
        summary="Get a subscription",
        operation_id="admin_subscriptions_retrieve",
        responses=s.AdminSubscriptionSerializer,
    )
    def get(self, request, subscription_id):
        subscription = selectors.subscription_admin_get(subscription_id=subscription_id)
        return ok(s.AdminSubscriptionSerializer(subscription).data)

    @extend_schema(
        summary="Update a subscription",
        operation_id="admin_subscriptions_partial_update",
        request=s.SubscriptionUpdateSerializer,
        responses=s.SubscriptionUpdatedSerializer,
        description=(
            "Corrects our row (plan, status, ends_at); nothing is sent to Stripe, so the next event of a "
            "Stripe subscription stores Stripe's state again. To end one at Stripe use `cancel/`."
        ),
    )
    def patch(self, request, subscription_id):
        selectors.subscription_admin_get(subscription_id=subscription_id)  # 404 before validating
        body = s.SubscriptionUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        subscription = services.subscription_admin_update(subscription_id=subscription_id, **body.validated_data)
        return ok(
            s.SubscriptionUpdatedSerializer(
                {"subscription_id": subscription.pk, "status": subscription.status, "plan": subscription.plan}
            ).data
        )


@extend_schema(tags=["admin: subscriptions"])
class AdminSubscriptionCancelView(APIView):
    """POST admin/subscriptions/<id>/cancel/: ends it at Stripe, now or at the period's end."""

    permission_classes = ADMINS
    parser_classes = [JSONParser]
    extra_error_responses = {**FORBIDDEN, "404": "No subscription has this id."}

    @extend_schema(
        summary="Cancel a subscription",
        operation_id="admin_subscriptions_cancel",
        request=s.SubscriptionCancelSerializer,
        responses=s.SubscriptionCanceledSerializer,
        description=(
            "Body optional. `at_period_end: true` lets it run to the end of the paid period; otherwise it "
            "ends now. Stripe is asked (idempotently); the row becomes canceled when Stripe's signed "
            "`customer.subscription.updated|deleted` arrives (`confirmed: false` until then). 400 "
            "`invalid_action` when already canceled or already set to end at the period's end."
        ),
    )
    def post(self, request, subscription_id):
        selectors.subscription_admin_get(subscription_id=subscription_id)
        body = s.SubscriptionCancelSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        asked = services.subscription_cancel(
            subscription_id=subscription_id, at_period_end=body.validated_data["at_period_end"], actor=request.user
        )
        return ok(
            s.SubscriptionCanceledSerializer(
                {
                    "message": "Subscription canceled successfully",
                    "subscription_id": asked.subscription.pk,
                    "at_period_end": asked.at_period_end,
                    "confirmed": asked.confirmed,
                }
            ).data
        )


# --- payments ------------------------------------------------------------------------------


@extend_schema(tags=["admin: payments"])
class AdminPaymentListView(AdminListView):
    """GET admin/payments/: every payment, filtered and paged."""

    serializer_class = s.AdminPaymentSerializer
    queryset = Payment.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(
        summary="List payments",
        operation_id="admin_payments_list",
        parameters=[s.PaymentQuerySerializer],
        responses=s.AdminPaymentSerializer(many=True),
        description="Pages are `{count, next, previous, results}` inside `data` (`page`, `page_size` up to 100).",
    )
    def get(self, request):
        rows = selectors.payment_admin_list(**validated_query(s.PaymentQuerySerializer, request))
        return self.page_response(rows, s.AdminPaymentSerializer)


@extend_schema(tags=["admin: payments"])
class AdminPaymentView(APIView):
    """GET admin/payments/<id>/: one payment with its refunds."""

    permission_classes = ADMINS
    extra_error_responses = {**FORBIDDEN, "404": "No payment has this id."}

    @extend_schema(
        summary="Get a payment", operation_id="admin_payments_retrieve", responses=s.AdminPaymentDetailSerializer
    )
    def get(self, request, payment_id):
        return ok(s.AdminPaymentDetailSerializer(selectors.payment_admin_get(payment_id=payment_id)).data)


@extend_schema(tags=["admin: payments"])
class AdminPaymentRefundView(APIView):
    """POST admin/payments/<id>/refund/: refund all that is left, or `amount_cents` of it, through Stripe."""

    permission_classes = ADMINS
    parser_classes = [JSONParser]
    extra_error_responses = {**FORBIDDEN, "404": "No payment has this id."}

    @extend_schema(
        summary="Refund a payment",
        operation_id="admin_payments_refund",
        request=s.RefundRequestSerializer,
        responses=s.RefundAskedSerializer,
        description=(
            "Body optional: `amount_cents` refunds part; omitted, all that is left. Never more than was paid, "
            "summed over earlier refunds (also when two admins refund at once). The payment's "
            "`amount_refunded_cents` and status change when Stripe's signed `charge.refunded` arrives; "
            "refunded in full it becomes `refunded`. 400 `invalid_action`: already refunded, not completed, "
            "or more than is left."
        ),
    )
    def post(self, request, payment_id):
        selectors.payment_admin_get(payment_id=payment_id)
        body = s.RefundRequestSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        refund = services.payment_refund(
            payment_id=payment_id, amount_cents=body.validated_data.get("amount_cents"), actor=request.user
        )
        return ok(
            s.RefundAskedSerializer(
                {
                    "message": "Payment refunded successfully",
                    "refund_amount_cents": refund.amount_cents,
                    "refund_id": refund.pk,
                    "refund_status": refund.status,
                }
            ).data
        )
