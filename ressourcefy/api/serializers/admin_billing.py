"""Serializers of admin billing: subscription and payment queries and rows, the update, cancel and refund bodies."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from ressourcefy.models import Payment, PaymentStatus, Price, Refund, Subscription, SubscriptionStatus
from ressourcefy.selectors.admin_billing import PAYMENT_ORDERINGS, SUBSCRIPTION_ORDERINGS
from ressourcefy.services.billing import PREMIUM_PLAN

FREE_PLAN = "free"


def known_plans() -> set[str]:
    """`free`, `premium` and every plan a price we sell grants."""
    sold = Price.objects.exclude(plan="").values_list("plan", flat=True).distinct()
    return {FREE_PLAN, PREMIUM_PLAN, *sold}


# --- queries -------------------------------------------------------------------------------


class SubscriptionQuerySerializer(serializers.Serializer):
    user_id = serializers.UUIDField(required=False, help_text="The subscriber's user UUID.")
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices, required=False)
    plan = serializers.CharField(required=False, max_length=32, help_text="`free`, `premium`, ...")
    search = serializers.CharField(required=False, max_length=200, help_text="In the subscriber's e-mail or username.")
    ordering = serializers.ChoiceField(choices=SUBSCRIPTION_ORDERINGS, required=False, default="-created_at")


class PaymentQuerySerializer(serializers.Serializer):
    user_id = serializers.UUIDField(required=False, help_text="The payer's user UUID.")
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    search = serializers.CharField(required=False, max_length=200, help_text="In the payer's e-mail or the reference.")
    ordering = serializers.ChoiceField(choices=PAYMENT_ORDERINGS, required=False, default="-created_at")


# --- subscriptions -------------------------------------------------------------------------


class AdminSubscriptionSerializer(ModelSerializer):
    """The document's row, plus the Stripe period and cancellation fields an admin needs."""

    user = serializers.UUIDField(source="user.uuid", read_only=True)
    user_email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Subscription
        fields = [
            "id",
            "user",
            "user_email",
            "plan",
            "status",
            "started_at",
            "ends_at",
            "current_period_end",
            "canceled_at",
            "stripe_subscription_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SubscriptionUpdateSerializer(serializers.Serializer):
    plan = serializers.CharField(required=False, max_length=32, help_text="`free`, `premium` or a plan we sell.")
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices, required=False)
    ends_at = serializers.DateTimeField(required=False, allow_null=True, help_text="Null: no end date.")

    def validate_plan(self, value: str) -> str:
        if value not in known_plans():
            raise serializers.ValidationError(f"Unknown plan; one of: {', '.join(sorted(known_plans()))}.")
        return value


class SubscriptionUpdatedSerializer(serializers.Serializer):
    subscription_id = serializers.UUIDField()
    status = serializers.CharField()
    plan = serializers.CharField()


class SubscriptionCancelSerializer(serializers.Serializer):
    at_period_end = serializers.BooleanField(
        required=False,
        default=False,
        help_text="True: the subscription runs to the end of the paid period; false (default): it ends now.",
    )


class SubscriptionCanceledSerializer(serializers.Serializer):
    message = serializers.CharField()
    subscription_id = serializers.UUIDField()
    at_period_end = serializers.BooleanField()
    confirmed = serializers.BooleanField(
        help_text="False: Stripe was asked; the subscription's row changes when its webhook confirms."
    )


# --- payments ------------------------------------------------------------------------------


class AdminPaymentSerializer(ModelSerializer):
    user_id = serializers.UUIDField(source="user.uuid", read_only=True)
    user_email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "user_id",
            "user_email",
            "amount_cents",
            "amount_refunded_cents",
            "currency",
            "status",
            "provider_reference",
            "created_at",
        ]
        read_only_fields = fields


class AdminRefundSerializer(ModelSerializer):
    class Meta:
        model = Refund
        fields = ["id", "amount_cents", "status", "stripe_refund_id", "created_at"]
        read_only_fields = fields


class AdminPaymentDetailSerializer(AdminPaymentSerializer):
    refunds = AdminRefundSerializer(many=True, read_only=True)

    class Meta(AdminPaymentSerializer.Meta):
        fields = [*AdminPaymentSerializer.Meta.fields, "updated_at", "refunded_at", "refunds"]
        read_only_fields = fields


class RefundRequestSerializer(serializers.Serializer):
    amount_cents = serializers.IntegerField(
        required=False, min_value=1, max_value=2_147_483_647, help_text="A partial refund; omitted: all that is left."
    )


class RefundAskedSerializer(serializers.Serializer):
    message = serializers.CharField()
    refund_amount_cents = serializers.IntegerField()
    refund_id = serializers.UUIDField()
    refund_status = serializers.CharField(help_text="`pending` until Stripe's charge.refunded confirms it.")
