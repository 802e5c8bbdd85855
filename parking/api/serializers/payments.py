"""Serializers of the payments area: requests, and the documented shapes of intents, cards, ledger and payouts."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from core.ids import MAX_INTEGER_ID
from core.payments.fields import StripeIdField
from parking.models import PaymentStatus, PayoutAccount, Transaction, TransactionStatus, TransactionType


class SetupIntentSerializer(serializers.Serializer):
    client_secret = serializers.CharField(help_text="For Stripe.js confirmCardSetup in the browser.")
    setup_intent_id = serializers.CharField()
    customer_id = serializers.CharField(help_text="The caller's Stripe customer.")


class CardSerializer(serializers.Serializer):
    """A saved card of the caller's Stripe customer."""

    id = serializers.CharField(help_text="Stripe payment method id (pm_...).")
    brand = serializers.CharField()
    last4 = serializers.CharField()
    exp_month = serializers.IntegerField()
    exp_year = serializers.IntegerField()
    is_default = serializers.BooleanField()


class PaymentMethodAttachSerializer(serializers.Serializer):
    payment_method_id = StripeIdField(help_text="A payment method made by Stripe.js.")
    set_default = serializers.BooleanField(default=False, help_text="Make it the customer's default card.")


class PaymentIntentRequestSerializer(serializers.Serializer):
    booking_id = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID)


class PaymentIntentSerializer(serializers.Serializer):
    payment_intent_id = serializers.CharField(source="payment.stripe_payment_intent_id")
    client_secret = serializers.CharField()
    amount = serializers.IntegerField(source="payment.amount", help_text="Cents.")
    currency = serializers.CharField(source="payment.currency")
    booking_id = serializers.IntegerField(source="payment.booking_id")


class PaymentConfirmSerializer(serializers.Serializer):
    payment_intent_id = StripeIdField()
    payment_method = StripeIdField(help_text="A saved card's id, or pm_card_visa.")


class BookingPaymentStateSerializer(serializers.Serializer):
    """Where a booking's payment stands after confirming."""

    booking_id = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="The booking's status.")
    payment_status = serializers.ChoiceField(choices=PaymentStatus.choices)
    amount = serializers.IntegerField(source="total_price", help_text="Cents.")
    currency = serializers.SerializerMethodField()
    refund_due = serializers.IntegerField(help_text="Cents owed back to the guest.")

    def get_currency(self, obj) -> str:
        return "usd"


class TransactionSerializer(ModelSerializer):
    """One movement of money: the guest's CHARGE or REFUND, or the host's PAYOUT (amounts in cents)."""

    type = serializers.ChoiceField(choices=TransactionType.choices)
    status = serializers.ChoiceField(choices=TransactionStatus.choices)
    booking_id = serializers.IntegerField()

    class Meta:
        model = Transaction
        fields = ["id", "type", "amount", "currency", "status", "booking_id", "created_at"]
        read_only_fields = fields


class PayoutResultSerializer(serializers.Serializer):
    payouts = TransactionSerializer(many=True)
    count = serializers.IntegerField()
    total_amount = serializers.IntegerField(help_text="Cents transferred by this request.")


class PayoutAccountSerializer(ModelSerializer):
    has_account = serializers.SerializerMethodField()
    is_ready = serializers.BooleanField(source="ready", help_text="Payouts can be sent to it now.")

    class Meta:
        model = PayoutAccount
        fields = [
            "has_account",
            "stripe_account_id",
            "details_submitted",
            "charges_enabled",
            "payouts_enabled",
            "is_ready",
            "onboarding_completed_at",
        ]
        read_only_fields = fields

    def get_has_account(self, obj) -> bool:
        return bool(obj.stripe_account_id)


class PayoutOnboardingSerializer(serializers.Serializer):
    onboarding_url = serializers.URLField(help_text="Single-use Stripe onboarding link; ask again for a new one.")
    account = PayoutAccountSerializer()
