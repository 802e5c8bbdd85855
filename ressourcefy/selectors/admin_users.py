"""Administrators' reads of accounts: the filtered, searched, ordered list; one account with its counts;
role requests."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Comment, Purchase, PurchaseStatus, Resource, RoleRequest, Subscription
from ressourcefy.product import PRODUCT
from ressourcefy.selectors.billing import GRANTING_STATUSES

REALM = PRODUCT.key
# ?ordering= values and the columns they sort on; ties broken by id so pages never overlap.
USER_ORDERINGS = {
    "created_at": "date_joined",
    "email": "email",
    "username": "username",
    "role": "role",
    "updated_at": "updated_at",
}


def admin_users(
    *,
    role: str | None = None,
    is_active: bool | None = None,
    is_activated: bool | None = None,
    onboarding_step: str | None = None,
    deleted: bool | None = False,
    search: str = "",
    ordering: str = "-created_at",
) -> QuerySet:
    """Accounts of the realm with their profile (one query per page). `deleted=None` shows all."""
    users = get_user_model().objects.filter(realm=REALM).select_related("ressourcefy_profile")
    if role:
        users = users.filter(role=role)
    if is_active is not None:
        users = users.filter(is_active=is_active)
    if is_activated is not None:
        users = users.filter(is_verified=is_activated)
    if onboarding_step:
        # Accounts without a profile have not started onboarding.
        no_profile = Q(ressourcefy_profile__isnull=True) if onboarding_step == "not_started" else Q(pk__in=[])
        users = users.filter(Q(ressourcefy_profile__onboarding_step=onboarding_step) | no_profile)
    if deleted is not None:
        users = users.filter(ressourcefy_profile__deleted_at__isnull=not deleted)
    if search:
        users = users.filter(Q(email__icontains=search) | Q(username__icontains=search) | Q(name__icontains=search))
    descending = ordering.startswith("-")
    column = USER_ORDERINGS[ordering.lstrip("-")]
    prefix = "-" if descending else ""
    return users.order_by(f"{prefix}{column}", f"{prefix}id")


def admin_user_get(*, user_id) -> object:
    """One account of the realm (soft-deleted ones too: their history stays readable), or 404."""
    user = get_user_model().objects.filter(realm=REALM, uuid=user_id).select_related("ressourcefy_profile").first()
    if user is None:
        raise NotFound("User not found.")
    return user


def admin_user_stats(*, user) -> dict:
    """The detail's counts: what the account wrote, bought and holds."""
    return {
        "resources": Resource.objects.filter(author=user, deleted_at__isnull=True).count(),
        "comments": Comment.objects.filter(author=user, deleted_at__isnull=True).count(),
        "purchases": Purchase.objects.filter(user=user, status=PurchaseStatus.COMPLETED).count(),
        "active_subscriptions": Subscription.objects.filter(user=user, status__in=GRANTING_STATUSES).count(),
        "pending_role_requests": RoleRequest.objects.filter(user=user, status="pending").count(),
    }


def admin_role_requests(*, status: str | None = None) -> QuerySet:
    requests = RoleRequest.objects.select_related("user", "decided_by").order_by("-created_at", "-id")
    return requests.filter(status=status) if status else requests
