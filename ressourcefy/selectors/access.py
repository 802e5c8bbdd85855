"""Who may open a resource's files: the one access rule, read by the access endpoint, detail and billing."""

from django.db.models import Q
from django.utils import timezone

from ressourcefy.models import Purchase, PurchaseStatus, Resource, Subscription, SubscriptionStatus, Visibility
from ressourcefy.models.roles import STAFF_ROLES

ENTITLING_SUBSCRIPTION_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING)


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.realm == "ressourcefy" and user.role in STAFF_ROLES)


def has_active_subscription(user) -> bool:
    """An ACTIVE or TRIALING subscription whose current period has not ended (no end known counts as running)."""
    return Subscription.objects.filter(
        Q(current_period_end__isnull=True) | Q(current_period_end__gt=timezone.now()),
        user=user,
        status__in=ENTITLING_SUBSCRIPTION_STATUSES,
    ).exists()


def has_purchased(user, resource: Resource) -> bool:
    return Purchase.objects.filter(user=user, resource=resource, status=PurchaseStatus.COMPLETED).exists()


def resource_access_reason(user, resource: Resource) -> str | None:
    """Why `user` may open `resource`'s files: public, author, staff, purchase or subscription; None: refused.

    Public: anyone signed in. Premium: its author, staff, a buyer (a COMPLETED purchase) or an active
    subscriber. Private: its author and staff. A deleted resource opens for nobody.
    """
    if resource.deleted_at is not None or not (user and user.is_authenticated):
        return None
    if resource.author_id == user.pk:
        return "author"
    if is_staff(user):
        return "staff"
    if resource.visibility == Visibility.PUBLIC:
        return "public"
    if resource.visibility == Visibility.PREMIUM:
        if has_purchased(user, resource):
            return "purchase"
        if has_active_subscription(user):
            return "subscription"
    return None


def resource_is_visible(user, resource: Resource) -> bool:
    """Whether `user` may know the resource exists: not deleted, and not someone else's private one (staff see all)."""
    if resource.deleted_at is not None:
        return False
    if resource.visibility != Visibility.PRIVATE:
        return True
    return bool(user and user.is_authenticated and (resource.author_id == user.pk or is_staff(user)))
