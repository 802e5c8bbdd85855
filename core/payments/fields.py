"""Serializer fields for ids a client hands us on Stripe's behalf (pm_..., pi_...)."""

import re

from rest_framework import serializers

# Stripe writes its ids in ASCII letters, digits and underscores (pm_1Nv0..., pm_card_visa, cs_test_...).
STRIPE_ID_PATTERN = re.compile(r"[A-Za-z0-9_]{1,255}")


def is_stripe_id(value) -> bool:
    return isinstance(value, str) and STRIPE_ID_PATTERN.fullmatch(value) is not None


class StripeIdField(serializers.RegexField):
    """A Stripe object id: refused here, with a clear message, before it could reach a Stripe URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("error_messages", {"invalid": "Not a Stripe id (letters, digits and underscores)."})
        super().__init__(STRIPE_ID_PATTERN.pattern, **kwargs)
