"""Billing writes: the prices we sell, Checkout sessions, and the Stripe events that keep purchases and subscriptions.

Every Stripe object is made from a row we saved first, with an idempotency key derived from it, so a
retried request (or a timeout after Stripe made the object) gets the same Stripe object. Webhook
handlers lock our row, then store what Stripe says now (`event_object_current`): events in any order,
or delivered twice, end in the same state.
"""

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.payments import gateway
from core.payments.webhooks import webhook_handler
from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import (
    BillingCustomer,
    Payment,
    PaymentStatus,
    Price,
    PriceKind,
    Purchase,
    PurchaseStatus,
    Refund,
    RefundStatus,
    Resource,
    Subscription,
    Visibility,
)
from ressourcefy.selectors.billing import purchase_completed_exists, subscription_active_exists
from ressourcefy.services.outbox import outbox_record

logger = logging.getLogger(__name__)

PRODUCT = "ressourcefy"
CURRENCY = "usd"
PREMIUM_PLAN = "premium"


def billing_require_stripe() -> None:
    """503 (PaymentsUnavailable) before anything is written, when Ressourcefy has no Stripe key."""
    gateway.stripe_client(PRODUCT)


# --- prices ------------------------------------------------------------------------------


def subscription_price_create(*, amount_cents: int, plan: str = PREMIUM_PLAN, interval: str = "month") -> Price:
    """A subscription plan's price, made at Stripe and stored (seed_demo and operators call this)."""
    billing_require_stripe()
    key = f"ressourcefy:subscription-price:{plan}:{amount_cents}:{interval}:{secrets.token_hex(8)}"
    created = gateway.stripe_create(
        PRODUCT,
        "prices",
        {
            "currency": CURRENCY,
            "unit_amount": amount_cents,
            "recurring": {"interval": interval},
            "product_data": {"name": f"Ressourcefy {plan.title()}"},
            "metadata": {"plan": plan},
        },
        idempotency_key=key,
    )
    return Price.objects.create(
        stripe_price_id=created["id"], kind=PriceKind.SUBSCRIPTION, plan=plan, amount_cents=amount_cents
    )


def resource_price_ensure(*, resource: Resource) -> Price:
    """The active one-off price of a premium resource at its current `price_cents`, made at Stripe on first need.

    A changed `price_cents` retires the old price (its purchases keep pointing at it) and makes a new one.
    """
    billing_require_stripe()
    with transaction.atomic():
        # Concurrent first checkouts of one resource queue here; the first makes the price.
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        price = Price.objects.filter(resource=resource, active=True, amount_cents=resource.price_cents).first()
        if price is not None:
            return price
        Price.objects.filter(resource=resource, active=True).update(active=False)
        created = gateway.stripe_create(
            PRODUCT,
            "prices",
            {
                "currency": CURRENCY,
                "unit_amount": resource.price_cents,
                "product_data": {"name": resource.title[:200], "metadata": {"resource_id": str(resource.pk)}},
                "metadata": {"resource_id": str(resource.pk)},
            },
            idempotency_key=gateway.idempotency_key(resource, f"price-{resource.price_cents}"),
        )
        return Price.objects.create(
            stripe_price_id=created["id"],
            kind=PriceKind.ONE_TIME,
            resource=resource,
            amount_cents=resource.price_cents,
        )


# --- checkout ----------------------------------------------------------------------------


def billing_customer_ensure(*, user) -> str:
    """The account's Stripe customer id, made once however many checkouts ask at once."""
    # Committed on its own first: a retry after a Stripe timeout finds the same row, so the same key.
    BillingCustomer.objects.get_or_create(user=user)
    with transaction.atomic():
        customer = BillingCustomer.objects.select_for_update().get(user=user)
        if not customer.stripe_customer_id:
            created = gateway.stripe_create(
                PRODUCT,
                "customers",
                {"email": user.email, "metadata": {"user_id": str(user.uuid)}},
                idempotency_key=gateway.idempotency_key(customer, "customer"),
            )
            customer.stripe_customer_id = created["id"]
            customer.save(update_fields=["stripe_customer_id"])
    return customer.stripe_customer_id


def _sellable_price(*, price_id: str | None, resource_id) -> Price:
    if resource_id is not None:
        resource = Resource.objects.filter(pk=resource_id, deleted_at__isnull=True).first()
        if resource is None:
            raise InvalidAction("No resource has this id.")
        if resource.visibility != Visibility.PREMIUM or not resource.price_cents:
            raise InvalidAction("Only premium resources are sold.")
        return resource_price_ensure(resource=resource)
    price = Price.objects.select_related("resource").filter(stripe_price_id=price_id, active=True).first()
    if price is None:
        raise InvalidAction("This price is not one Ressourcefy sells.")
    if price.resource is not None and (price.resource.deleted_at or price.resource.visibility != Visibility.PREMIUM):
        raise InvalidAction("This resource is no longer sold.")
    return price


@dataclass(frozen=True)
class CheckoutStarted:
    session_id: str
    url: str
    purchase: Purchase | None


def checkout_session_create(
    *, user, success_url: str, cancel_url: str, price_id: str | None = None, resource_id=None
) -> CheckoutStarted:
    """A Checkout session for a subscription plan (mode subscription) or a premium resource (mode payment).

    Refused (400 invalid_action) when the caller already subscribes, already owns the resource, or wrote it.
    """
    billing_require_stripe()
    price = _sellable_price(price_id=price_id, resource_id=resource_id)
    if price.kind == PriceKind.SUBSCRIPTION:
        if subscription_active_exists(user=user):
            raise InvalidAction("You already have an active subscription.")
        return _subscription_checkout(user=user, price=price, success_url=success_url, cancel_url=cancel_url)
    resource = price.resource
    if resource.author_id == user.pk:
        raise InvalidAction("You cannot buy your own resource.")
    if purchase_completed_exists(user=user, resource=resource):
        raise InvalidAction("You already own this resource.")
    return _purchase_checkout(user=user, price=price, success_url=success_url, cancel_url=cancel_url)


def _subscription_checkout(*, user, price: Price, success_url: str, cancel_url: str) -> CheckoutStarted:
    customer_id = billing_customer_ensure(user=user)
    metadata = {"user_id": str(user.uuid), "price_id": str(price.pk), "plan": price.plan or PREMIUM_PLAN}
    customer = BillingCustomer.objects.get(user=user)
    session = gateway.stripe_create(
        PRODUCT,
        "checkout.sessions",
        {
            "mode": "subscription",
            "customer": customer_id,
            "client_reference_id": str(user.uuid),
            "line_items": [{"price": price.stripe_price_id, "quantity": 1}],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
        },
        # Each request is a new session on purpose (an abandoned one expires at Stripe).
        idempotency_key=gateway.idempotency_key(customer, f"subscription-checkout-{secrets.token_hex(8)}"),
    )
    return CheckoutStarted(session_id=session["id"], url=session.get("url") or "", purchase=None)


def _purchase_checkout(*, user, price: Price, success_url: str, cancel_url: str) -> CheckoutStarted:
    customer_id = billing_customer_ensure(user=user)
    # Saved (committed) before Stripe is called: the session's idempotency key comes from this row.
    purchase = Purchase.objects.create(
        user=user, resource=price.resource, price=price, amount_cents=price.amount_cents, currency=price.currency
    )
    metadata = {"user_id": str(user.uuid), "purchase_id": str(purchase.pk), "resource_id": str(price.resource_id)}
    try:
        session = gateway.stripe_create(
            PRODUCT,
            "checkout.sessions",
            {
                "mode": "payment",
                "customer": customer_id,
                "client_reference_id": str(user.uuid),
                "line_items": [{"price": price.stripe_price_id, "quantity": 1}],
                "success_url": success_url,
                "cancel_url": cancel_url,
                "metadata": metadata,
                "payment_intent_data": {"metadata": metadata},
            },
            idempotency_key=gateway.idempotency_key(purchase, "checkout-session"),
        )
    except Exception:
        # No session to pay: the row says so rather than staying pending for ever.
        Purchase.objects.filter(pk=purchase.pk).update(status=PurchaseStatus.EXPIRED, updated_at=timezone.now())
        raise
    purchase.checkout_session_id = session["id"]
    purchase.save(update_fields=["checkout_session_id", "updated_at"])
    return CheckoutStarted(session_id=session["id"], url=session.get("url") or "", purchase=purchase)


# --- Stripe events: purchases ------------------------------------------------------------


def _ignored(event: dict, kind: str, object_id) -> None:
    logger.info("%s %s: %s %s is not Ressourcefy's, ignored", event["type"], event["id"], kind, object_id)


def _stamp(value) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


def _purchase_complete(purchase: Purchase, *, payment_intent_id: str) -> None:
    """A paid session completes its purchase once (a refunded purchase stays refunded)."""
    if purchase.status != PurchaseStatus.PENDING:
        return
    purchase.status = PurchaseStatus.COMPLETED
    purchase.payment_intent_id = payment_intent_id or purchase.payment_intent_id
    purchase.completed_at = timezone.now()
    purchase.save(update_fields=["status", "payment_intent_id", "completed_at", "updated_at"])
    Payment.objects.get_or_create(
        provider_reference=payment_intent_id or f"purchase:{purchase.pk}",
        defaults={
            "user_id": purchase.user_id,
            "amount_cents": purchase.amount_cents,
            "currency": purchase.currency,
            "status": PaymentStatus.COMPLETED,
            "purchase": purchase,
        },
    )
    outbox_record(
        event_type="purchase.completed",
        aggregate_type="purchase",
        aggregate_id=purchase.pk,
        payload={
            "purchase_id": str(purchase.pk),
            "user_id": str(purchase.user.uuid),
            "resource_id": str(purchase.resource_id),
            "amount_cents": purchase.amount_cents,
            "currency": purchase.currency,
        },
    )


@transaction.atomic
def checkout_session_sync(*, event: dict) -> None:
    """A completed session: its purchase completes, or its subscription is stored (Stripe's current state)."""
    snapshot = event["data"]["object"]
    if snapshot.get("mode") == "subscription":
        if snapshot.get("subscription"):
            subscription_sync(stripe_subscription_id=snapshot["subscription"], event=event)
        return
    purchase = Purchase.objects.select_for_update().filter(checkout_session_id=snapshot.get("id")).first()
    if purchase is None:
        _ignored(event, "session", snapshot.get("id"))
        return
    session = gateway.event_object_current(PRODUCT, event)
    if session.get("status") == "complete" and session.get("payment_status") == "paid":
        _purchase_complete(purchase, payment_intent_id=session.get("payment_intent") or "")
    elif session.get("status") == "expired" and purchase.status == PurchaseStatus.PENDING:
        purchase.status = PurchaseStatus.EXPIRED
        purchase.save(update_fields=["status", "updated_at"])


def _charge_refunds(charge_id: str) -> dict[str, dict]:
    """Stripe's refunds of a charge by the id of our Refund row in their metadata (ours carry it)."""
    if not charge_id:
        return {}
    made = gateway.stripe_call(PRODUCT, "refunds", "list", params={"charge": charge_id, "limit": 100})
    return {
        (refund.get("metadata") or {}).get("refund_id"): refund
        for refund in made.get("data") or []
        if refund.get("status") in ("succeeded", "pending") and (refund.get("metadata") or {}).get("refund_id")
    }


def _uuids(values) -> list[uuid.UUID]:
    parsed = []
    for value in values:
        try:
            parsed.append(uuid.UUID(str(value)))
        except ValueError:
            continue  # another system's metadata: not one of our refunds
    return parsed


def _refunds_confirm(ours: dict[str, dict], payments: list[Payment]) -> None:
    """Our PENDING Refund rows Stripe has made become SUCCEEDED, with Stripe's refund id."""
    for refund in Refund.objects.select_for_update().filter(payment__in=payments, status=RefundStatus.PENDING):
        confirmed = ours.get(str(refund.pk))
        if confirmed is not None:
            refund.status, refund.stripe_refund_id = RefundStatus.SUCCEEDED, confirmed["id"]
            refund.save(update_fields=["status", "stripe_refund_id", "updated_at"])


@transaction.atomic
def charge_refund_sync(*, event: dict) -> None:
    """A refunded charge: its payments store the amount Stripe refunded; refunded in full, the payment and the
    purchase it paid (which then grants nothing) are REFUNDED. Our Refund rows it covers are confirmed.

    The payment is found by the charge's payment intent or invoice, else through our refunds of the charge
    (an invoice's charge does not always name its invoice).
    """
    snapshot = event["data"]["object"]
    intent_id, invoice_id = snapshot.get("payment_intent") or "", snapshot.get("invoice") or ""
    ours = _charge_refunds(snapshot.get("id") or "")
    by_reference = Q(provider_reference__in=[ref for ref in (intent_id, invoice_id) if ref])
    refunded_by_us = Refund.objects.filter(pk__in=_uuids(ours)).values("payment_id")
    payments = list(Payment.objects.select_for_update().filter(by_reference | Q(pk__in=refunded_by_us)))
    purchase = Purchase.objects.select_for_update().filter(payment_intent_id=intent_id).first() if intent_id else None
    if not payments and purchase is None:
        _ignored(event, "charge", snapshot.get("id"))
        return
    charge = gateway.event_object_current(PRODUCT, event)
    _refunds_confirm(ours, payments)
    refunded_cents = int(charge.get("amount_refunded") or 0)
    in_full = bool(charge.get("refunded")) or refunded_cents >= charge.get("amount", 0) > 0
    now = timezone.now()
    for payment in payments:
        # Amounts only grow (a late, older event never lowers them); a partial refund keeps COMPLETED.
        payment.amount_refunded_cents = min(max(payment.amount_refunded_cents, refunded_cents), payment.amount_cents)
        if in_full:
            payment.amount_refunded_cents = payment.amount_cents
            if payment.status != PaymentStatus.REFUNDED:
                payment.status, payment.refunded_at = PaymentStatus.REFUNDED, now
        payment.save(update_fields=["status", "amount_refunded_cents", "refunded_at", "updated_at"])
    if in_full and purchase is not None and purchase.status != PurchaseStatus.REFUNDED:
        purchase.status = PurchaseStatus.REFUNDED
        purchase.save(update_fields=["status", "updated_at"])


# --- Stripe events: subscriptions --------------------------------------------------------


def _subscriber(subscription: dict):
    """Our account for a Stripe subscription: its metadata's user id, else the customer we made."""
    user_uuid = (subscription.get("metadata") or {}).get("user_id")
    users = get_user_model().objects
    if user_uuid:
        user = users.filter(uuid=user_uuid, realm=PRODUCT).first()
        if user is not None:
            return user
    customer = BillingCustomer.objects.select_related("user").filter(stripe_customer_id=subscription.get("customer"))
    return customer.first().user if customer.exists() else None


def _period_end(subscription: dict) -> datetime | None:
    end = subscription.get("current_period_end")
    if end is None:  # newer API versions keep the period on the items
        items = (subscription.get("items") or {}).get("data") or []
        end = items[0].get("current_period_end") if items else None
    return _stamp(end)


def subscription_sync(*, stripe_subscription_id: str, event: dict) -> Subscription | None:
    """Store the Stripe subscription as Stripe has it now; a status change records `subscription.changed`."""
    with transaction.atomic():
        row = Subscription.objects.select_for_update().filter(stripe_subscription_id=stripe_subscription_id).first()
        # Read under the row's lock: of two concurrent events, the later writer stores the later state.
        current = gateway.stripe_call(PRODUCT, "subscriptions", "retrieve", stripe_subscription_id)
        if row is None:
            user = _subscriber(current)
            if user is None:
                _ignored(event, "subscription", stripe_subscription_id)
                return None
            # get_or_create: two events of one new subscription handled at once make one row.
            Subscription.objects.get_or_create(
                stripe_subscription_id=stripe_subscription_id,
                defaults={"user": user, "plan": (current.get("metadata") or {}).get("plan") or PREMIUM_PLAN},
            )
            row = Subscription.objects.select_for_update().get(stripe_subscription_id=stripe_subscription_id)
        previous = row.status
        row.status = current.get("status") or row.status
        row.stripe_customer_id = current.get("customer") or row.stripe_customer_id
        row.started_at = row.started_at or _stamp(current.get("start_date") or current.get("created"))
        row.current_period_end = _period_end(current) or row.current_period_end
        row.canceled_at = _stamp(current.get("canceled_at")) or row.canceled_at
        row.ends_at = _stamp(current.get("ended_at") or current.get("cancel_at")) or (
            row.current_period_end if current.get("cancel_at_period_end") else None
        )
        row.save()
        if row.status != previous:
            outbox_record(
                event_type="subscription.changed",
                aggregate_type="subscription",
                aggregate_id=row.pk,
                payload={
                    "subscription_id": str(row.pk),
                    "user_id": str(row.user.uuid),
                    "plan": row.plan,
                    "previous_status": previous,
                    "status": row.status,
                },
            )
        return row


def _invoice_subscription_id(invoice: dict) -> str:
    subscription = invoice.get("subscription")
    if subscription is None:  # newer API versions moved it under `parent`
        details = (invoice.get("parent") or {}).get("subscription_details") or {}
        subscription = details.get("subscription")
    return subscription if isinstance(subscription, str) else (subscription or {}).get("id", "")


@transaction.atomic
def invoice_sync(*, event: dict) -> Payment | None:
    """A subscription's invoice, paid or failed: its Payment row, and the subscription as Stripe has it now."""
    invoice = gateway.event_object_current(PRODUCT, event)
    subscription_id = _invoice_subscription_id(invoice)
    if not subscription_id:
        return None
    subscription = subscription_sync(stripe_subscription_id=subscription_id, event=event)
    if subscription is None:
        return None
    paid = invoice.get("status") == "paid" or bool(invoice.get("paid"))
    status = PaymentStatus.COMPLETED if paid else PaymentStatus.FAILED
    payment, created = Payment.objects.select_for_update().get_or_create(
        provider_reference=invoice["id"],
        defaults={
            "user_id": subscription.user_id,
            "amount_cents": invoice.get("amount_paid") or invoice.get("amount_due") or 0,
            "currency": invoice.get("currency") or CURRENCY,
            "status": status,
            "subscription": subscription,
        },
    )
    # A paid invoice stays paid (a late payment_failed changes nothing); a refund is charge.refunded's.
    if not created and payment.status == PaymentStatus.FAILED and paid:
        payment.status = PaymentStatus.COMPLETED
        payment.amount_cents = invoice.get("amount_paid") or payment.amount_cents
        payment.save(update_fields=["status", "amount_cents", "updated_at"])
    return payment


# --- handlers (registered from RessourcefyConfig.ready) -------------------------------------


@webhook_handler(PRODUCT, "checkout.session.completed", "checkout.session.expired")
def on_checkout_session(event: dict) -> None:
    checkout_session_sync(event=event)


@webhook_handler(
    PRODUCT, "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"
)
def on_subscription_changed(event: dict) -> None:
    subscription_sync(stripe_subscription_id=event["data"]["object"]["id"], event=event)


@webhook_handler(PRODUCT, "invoice.paid", "invoice.payment_failed")
def on_invoice(event: dict) -> None:
    invoice_sync(event=event)


@webhook_handler(PRODUCT, "charge.refunded")
def on_charge_refunded(event: dict) -> None:
    charge_refund_sync(event=event)
