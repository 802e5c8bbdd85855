"""Payment shapes as the spec writes them: onboarding, account status, payments (amounts as "150.00")."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alistpros.models import Payment
from core.api.fields import AccountIdField
from core.api.serializers import ModelSerializer
from core.payments.money import AmountField, format_amount


class OnboardingSerializer(serializers.Serializer):
    account_link = serializers.URLField(help_text="Stripe's hosted onboarding; single-use, expires in minutes.")
    stripe_account_id = serializers.CharField()
    onboarding_started = serializers.BooleanField()


class ConnectStatusSerializer(serializers.Serializer):
    has_account = serializers.BooleanField()
    stripe_account_id = serializers.CharField(allow_null=True)
    is_details_submitted = serializers.BooleanField()
    is_charges_enabled = serializers.BooleanField()
    is_payouts_enabled = serializers.BooleanField()
    onboarding_complete = serializers.BooleanField()
    onboarding_completed_at = serializers.DateTimeField(allow_null=True)

    @staticmethod
    def of(account) -> dict:
        """The status of `account`, or of having none (every flag false)."""
        return {
            "has_account": account is not None and bool(account.stripe_account_id),
            "stripe_account_id": account.stripe_account_id if account else None,
            "is_details_submitted": bool(account and account.details_submitted),
            "is_charges_enabled": bool(account and account.charges_enabled),
            "is_payouts_enabled": bool(account and account.payouts_enabled),
            "onboarding_complete": bool(account and account.onboarding_complete),
            "onboarding_completed_at": account.onboarding_completed_at if account else None,
        }


class PaymentCreateSerializer(serializers.Serializer):
    alistpro_id = serializers.IntegerField(min_value=1, help_text="The pro's profile id.")
    amount = AmountField(currency="usd", help_text='US dollars, e.g. "150.00".')
    description = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class PaymentStartedSerializer(serializers.Serializer):
    payment_id = serializers.IntegerField()
    client_secret = serializers.CharField(help_text="Confirm it in the browser with Stripe.js.")


class PaymentClientSerializer(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField()


class PaymentProSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    business_name = serializers.CharField()


class PaymentSerializer(ModelSerializer):
    client = PaymentClientSerializer()
    alistpro = PaymentProSerializer()
    amount = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "id",
            "client",
            "alistpro",
            "amount",
            "description",
            "status",
            "stripe_payment_intent_id",
            "completed_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(help_text='In the payment\'s currency, e.g. "150.00".'))
    def get_amount(self, payment: Payment) -> str:
        return format_amount(payment.amount, payment.currency)


class DashboardLinkSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="A single-use login link to the pro's Stripe Express dashboard.")
