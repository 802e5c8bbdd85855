"""Reads of billing: what an account has bought or subscribes to (the access rules' questions)."""

from ressourcefy.models import Price, PriceKind, Purchase, PurchaseStatus, Subscription, SubscriptionStatus

# Statuses in which a subscription grants premium access.
GRANTING_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING)


def subscription_active_exists(*, user) -> bool:
    return Subscription.objects.filter(user=user, status__in=GRANTING_STATUSES).exists()


def purchase_completed_exists(*, user, resource) -> bool:
    return Purchase.objects.filter(user=user, resource=resource, status=PurchaseStatus.COMPLETED).exists()


def subscription_prices():
    """The plans on sale, cheapest first."""
    return Price.objects.filter(kind=PriceKind.SUBSCRIPTION, active=True).order_by("amount_cents")
