"""Admin billing writes: correcting a subscription, cancelling it through Stripe, refunding a payment through Stripe.

Stripe stays the source of truth: cancel and refund ask Stripe (with an idempotency key from our row) and
our rows change when the signed webhook confirms (`customer.subscription.updated|deleted`,
`charge.refunded`, handled in `services/billing.py`). A refund's amount is reserved by a `Refund` row
written under a lock on the payment, so concurrent refunds can never sum past what was paid.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.payments import gateway
from core.payments.exceptions import PaymentRequestInvalid
from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import Payment, PaymentStatus, Refund, RefundStatus, Subscription, SubscriptionStatus
from ressourcefy.services import audit
from ressourcefy.services.billing import PRODUCT

logger = logging.getLogger(__name__)

ENDED_STATUSES = (SubscriptionStatus.CANCELED, SubscriptionStatus.INCOMPLETE_EXPIRED)
SUBSCRIPTION_FIELDS = ("plan", "status", "ends_at")


def _subscription_state(subscription: Subscription) -> dict:
    return {
        "plan": subscription.plan,
        "status": subscription.status,
        "ends_at": subscription.ends_at.isoformat() if subscription.ends_at else None,
    }


@transaction.atomic
def subscription_admin_update(*, subscription_id, **changes) -> Subscription:
    """An admin's correction of our row (plan, status, ends_at); the model's audit trail records the change.

    Nothing is sent to Stripe: the next event of a Stripe subscription stores Stripe's state again.
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
    fields = [name for name in SUBSCRIPTION_FIELDS if name in changes]
    for name in fields:
        setattr(subscription, name, changes[name])
    if fields:
        subscription.save(update_fields=[*fields, "updated_at"])
    return subscription


@dataclass(frozen=True)
class CancelRequested:
    subscription: Subscription
    at_period_end: bool
    confirmed: bool  # True when our row already says canceled (no Stripe subscription to wait for)


def _subscription_cancel_locally(subscription: Subscription, *, at_period_end: bool) -> None:
    """A subscription Stripe never knew: our row is all there is, so it changes now."""
    now = timezone.now()
    subscription.canceled_at = now
    period_end = subscription.current_period_end
    if at_period_end and period_end is not None and period_end > now:
        subscription.ends_at = period_end  # keeps its access until then
    else:
        subscription.status, subscription.ends_at = SubscriptionStatus.CANCELED, now
    subscription.save()


def subscription_cancel(*, subscription_id, at_period_end: bool, actor=None) -> CancelRequested:
    """Cancel now or at the period's end, through Stripe; the webhook then stores the canceled state.

    400 `invalid_action` when it is already canceled (or already set to end at the period's end).
    A subscription Stripe never knew (no Stripe id) is canceled in our row at once.
    """
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
        if subscription.status in ENDED_STATUSES:
            raise InvalidAction("Subscription is already canceled")
        if at_period_end and subscription.ends_at is not None and subscription.ends_at > timezone.now():
            raise InvalidAction("Subscription is already set to end at the end of its period")
        before = _subscription_state(subscription)
        mode = "at_period_end" if at_period_end else "now"
        audit.audit_action(
            action="subscription.cancel",
            target=subscription,
            description=f"Subscription {subscription.pk} canceled {mode.replace('_', ' ')}",
            before=before,
            after={**before, "cancel": mode},
        )
        if not subscription.stripe_subscription_id:
            _subscription_cancel_locally(subscription, at_period_end=at_period_end)
            return CancelRequested(subscription=subscription, at_period_end=at_period_end, confirmed=True)
        # The key names the row's state: two admins cancelling the same state make one Stripe call.
        key = gateway.idempotency_key(subscription, f"cancel-{mode}-{subscription.updated_at.timestamp()}")
    if at_period_end:
        gateway.stripe_call(
            PRODUCT,
            "subscriptions",
            "update",
            subscription.stripe_subscription_id,
            params={"cancel_at_period_end": True},
            idempotency_key=key,
        )
    else:
        gateway.stripe_call(
            PRODUCT, "subscriptions", "cancel", subscription.stripe_subscription_id, idempotency_key=key
        )
    return CancelRequested(subscription=subscription, at_period_end=at_period_end, confirmed=False)


# --- refunds -------------------------------------------------------------------------------


def payment_refundable_cents(payment: Payment) -> int:
    """What is left to refund: the amount less every refund asked and not refused (pending ones are reserved)."""
    reserved = payment.refunds.exclude(status=RefundStatus.FAILED).aggregate(total=Sum("amount_cents"))["total"]
    return payment.amount_cents - max(reserved or 0, payment.amount_refunded_cents)


def _refundable_check(payment: Payment) -> None:
    if payment.status == PaymentStatus.REFUNDED:
        raise InvalidAction("Payment is already refunded")
    if payment.status != PaymentStatus.COMPLETED:
        raise InvalidAction("Payment is not in a 'completed' state and cannot be refunded")


def _refund_reserve(*, payment_id, amount_cents: int | None, actor) -> Refund:
    """The Refund row, written under the payment's lock after checking what is left (the race-safe part)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        _refundable_check(payment)
        left = payment_refundable_cents(payment)
        if left <= 0:
            raise InvalidAction("Payment is already refunded")
        amount = left if amount_cents is None else amount_cents
        if amount > left:
            raise InvalidAction(f"At most {left} cents of this payment can still be refunded")
        refund = Refund.objects.create(payment=payment, amount_cents=amount, requested_by=actor)
        audit.audit_action(
            action="payment.refund",
            target=payment,
            description=f"Refund of {amount} {payment.currency} cents of payment {payment.pk} asked of Stripe",
            before={"refundable_cents": left},
            after={"refundable_cents": left - amount, "refund_id": str(refund.pk), "refund_cents": amount},
        )
        return refund


def _stripe_charge_of(payment: Payment) -> dict:
    """What Stripe refunds: the payment intent of a purchase, or the charge or intent of an invoice."""
    reference = payment.provider_reference
    if reference.startswith("pi_"):
        return {"payment_intent": reference}
    if reference.startswith("in_"):
        invoice = gateway.stripe_call(PRODUCT, "invoices", "retrieve", reference)
        for field in ("payment_intent", "charge"):
            value = invoice.get(field)
            value = value.get("id") if isinstance(value, dict) else value
            if value:
                return {field: value}
    raise InvalidAction("This payment has no Stripe charge to refund")


def payment_refund(*, payment_id, amount_cents: int | None = None, actor=None) -> Refund:
    """Refund all that is left of a payment, or `amount_cents` of it, through Stripe.

    The amount is reserved first (a PENDING Refund, committed), then Stripe is asked with the refund's
    id as idempotency key. Stripe refusing it marks the refund FAILED, which frees the amount; any other
    failure (a timeout: Stripe may have made it) keeps it reserved until charge.refunded says.
    """
    payment = Payment.objects.get(pk=payment_id)
    _refundable_check(payment)  # again under the lock below; here so a refused refund never calls Stripe
    charge = _stripe_charge_of(payment)
    refund = _refund_reserve(payment_id=payment_id, amount_cents=amount_cents, actor=actor)
    try:
        made = gateway.stripe_create(
            PRODUCT,
            "refunds",
            {**charge, "amount": refund.amount_cents, "metadata": {"refund_id": str(refund.pk)}},
            idempotency_key=gateway.idempotency_key(refund, "refund"),
        )
    except PaymentRequestInvalid:
        Refund.objects.filter(pk=refund.pk).update(status=RefundStatus.FAILED, updated_at=timezone.now())
        raise
    Refund.objects.filter(pk=refund.pk, stripe_refund_id__isnull=True).update(
        stripe_refund_id=made["id"], updated_at=timezone.now()
    )
    refund.stripe_refund_id = made["id"]
    return refund
