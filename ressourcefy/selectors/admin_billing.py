"""Admin billing reads: subscriptions and payments with their filters, each list in a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Payment, Refund, Subscription

SUBSCRIPTION_ORDERINGS = ("created_at", "-created_at", "updated_at", "-updated_at", "started_at", "-started_at")
PAYMENT_ORDERINGS = ("created_at", "-created_at", "amount_cents", "-amount_cents")


def subscription_admin_list(
    *, user_id=None, status: str = "", plan: str = "", search: str = "", ordering: str = "-created_at"
) -> QuerySet[Subscription]:
    """Every subscription, newest first unless `ordering` says; `search` looks in the subscriber's e-mail."""
    subscriptions = Subscription.objects.select_related("user")
    if user_id:
        subscriptions = subscriptions.filter(user__uuid=user_id)
    if status:
        subscriptions = subscriptions.filter(status=status)
    if plan:
        subscriptions = subscriptions.filter(plan=plan)
    if search:
        subscriptions = subscriptions.filter(Q(user__email__icontains=search) | Q(user__username__icontains=search))
    return subscriptions.order_by(ordering or "-created_at", "-id")


def subscription_admin_get(*, subscription_id) -> Subscription:
    subscription = Subscription.objects.select_related("user").filter(pk=subscription_id).first()
    if subscription is None:
        raise NotFound("Subscription not found.")
    return subscription


def payment_admin_list(
    *, user_id=None, status: str = "", search: str = "", ordering: str = "-created_at"
) -> QuerySet[Payment]:
    """Every payment, newest first unless `ordering` says; `search`: the payer's e-mail or Stripe's reference."""
    payments = Payment.objects.select_related("user")
    if user_id:
        payments = payments.filter(user__uuid=user_id)
    if status:
        payments = payments.filter(status=status)
    if search:
        payments = payments.filter(Q(user__email__icontains=search) | Q(provider_reference__icontains=search))
    return payments.order_by(ordering or "-created_at", "-id")


def payment_admin_get(*, payment_id) -> Payment:
    """One payment with its refunds (oldest first)."""
    payment = (
        Payment.objects.select_related("user")
        .prefetch_related(Prefetch("refunds", queryset=Refund.objects.order_by("created_at")))
        .filter(pk=payment_id)
        .first()
    )
    if payment is None:
        raise NotFound("Payment not found.")
    return payment
