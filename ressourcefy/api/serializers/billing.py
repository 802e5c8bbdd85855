"""Serializers of the billing area: the checkout request and its `{sessionId}` answer."""

from rest_framework import serializers


class CheckoutRequestSerializer(serializers.Serializer):
    """`price_id` (a Stripe price we sell) or `resource_id` (a premium resource: its price is made on first need)."""

    price_id = serializers.CharField(
        required=False, max_length=255, help_text="A Stripe price id Ressourcefy sells: a plan, or a resource's price."
    )
    resource_id = serializers.UUIDField(
        required=False, help_text="Instead of price_id: buy this premium resource at its current price."
    )
    success_url = serializers.URLField(max_length=2000, help_text="Where Checkout sends the buyer after paying.")
    cancel_url = serializers.URLField(max_length=2000, help_text="Where Checkout sends the buyer who cancels.")

    def validate(self, attrs):
        if ("price_id" in attrs) == ("resource_id" in attrs):
            raise serializers.ValidationError({"price_id": ["Give exactly one of price_id and resource_id."]})
        return attrs


class CheckoutSessionSerializer(serializers.Serializer):
    sessionId = serializers.CharField(help_text="The Checkout session's id, for stripe.redirectToCheckout.")  # noqa: N815
    url = serializers.CharField(help_text="The hosted Checkout page, for clients that redirect themselves.")
