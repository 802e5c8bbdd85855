"""Payment writes: guests' customers and cards, one payment intent per booking, refunds, hosts' payouts, Stripe events.

Separate charges and transfers: the guest pays the platform; the host is paid by Transfer to their
Connect account once the stay is over (`payouts_process`). Every Stripe object is made from a row we
committed first, with an idempotency key derived from it, so retries and concurrent calls make one.
Webhook handlers store what Stripe says now (`event_object_current`), so events in any order end right.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import NotFound, ValidationError

from core.payments import connect, gateway
from core.payments.exceptions import PaymentDeclined
from core.payments.webhooks import webhook_handler
from parking.models import (
    Booking,
    BookingPayment,
    BookingStatus,
    PaymentStatus,
    PayoutAccount,
    StripeCustomer,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from parking.models.listings import CURRENCY

logger = logging.getLogger(__name__)

PRODUCT = "parking"
ONBOARDING_RETURN_PATH = "payments/payout-account/return"
ONBOARDING_REFRESH_PATH = "payments/payout-account/refresh"
PAYABLE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
UNPAID_STATUSES = (PaymentStatus.UNPAID, PaymentStatus.FAILED)
# A payment that lands on a booking in one of these is given back in full.
ENDED_UNUSED_STATUSES = (BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.EXPIRED)


def payments_require_stripe() -> None:
    """503 (PaymentsUnavailable) before anything is written, when Parking has no Stripe key."""
    gateway.stripe_client(PRODUCT)


# --- customers and cards ----------------------------------------------------------------


def customer_id_for(*, user) -> str:
    """The account's Stripe customer, made once however many first requests arrive at once."""
    payments_require_stripe()
    existing = StripeCustomer.objects.filter(user=user).exclude(stripe_customer_id=None).first()
    if existing is not None:
        return existing.stripe_customer_id
    # Committed on its own before Stripe is called: a retry finds the same row, so the same idempotency key.
    StripeCustomer.objects.get_or_create(user=user)
    with transaction.atomic():
        customer = StripeCustomer.objects.select_for_update().get(user=user)
        if not customer.stripe_customer_id:
            created = gateway.stripe_create(
                PRODUCT,
                "customers",
                {"email": user.email, "name": user.name or user.email, "metadata": {"user_id": str(user.pk)}},
                idempotency_key=gateway.idempotency_key(customer, "customer"),
            )
            customer.stripe_customer_id = created["id"]
            customer.save(update_fields=["stripe_customer_id", "updated_at"])
    return customer.stripe_customer_id


@dataclass(frozen=True)
class SetupStarted:
    setup_intent_id: str
    client_secret: str
    customer_id: str


def setup_intent_create(*, user) -> SetupStarted:
    """A SetupIntent to save a card on the caller's customer (the browser confirms it with Stripe.js)."""
    customer_id = customer_id_for(user=user)
    intent = gateway.stripe_create(
        PRODUCT,
        "setup_intents",
        {"customer": customer_id, "payment_method_types": ["card"], "usage": "off_session"},
        # Each request is a new attempt to save a card: a fresh key, on purpose.
        idempotency_key=f"parking.setup_intent:{user.pk}:{secrets.token_hex(8)}",
    )
    return SetupStarted(setup_intent_id=intent["id"], client_secret=intent["client_secret"], customer_id=customer_id)


@dataclass(frozen=True)
class Card:
    id: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    is_default: bool


def _card(method: dict, default_id: str | None) -> Card:
    card = method.get("card") or {}
    return Card(
        id=method["id"],
        brand=card.get("brand", ""),
        last4=card.get("last4", ""),
        exp_month=card.get("exp_month") or 0,
        exp_year=card.get("exp_year") or 0,
        is_default=method["id"] == default_id,
    )


def _default_method_id(customer_id: str) -> str | None:
    customer = gateway.stripe_call(PRODUCT, "customers", "retrieve", customer_id)
    default = (customer.get("invoice_settings") or {}).get("default_payment_method")
    return default if isinstance(default, str) or default is None else default.get("id")


def payment_methods_list(*, user) -> list[Card]:
    """The caller's saved cards; none before they have a customer."""
    payments_require_stripe()
    customer = StripeCustomer.objects.filter(user=user).exclude(stripe_customer_id=None).first()
    if customer is None:
        return []
    methods = gateway.stripe_call(
        PRODUCT,
        "payment_methods",
        "list",
        params={"customer": customer.stripe_customer_id, "type": "card", "limit": 100},
    )
    default_id = _default_method_id(customer.stripe_customer_id)
    return [_card(method, default_id) for method in methods.get("data", [])]


def payment_method_attach(*, user, payment_method_id: str, set_default: bool = False) -> Card:
    """Attach a card to the caller's customer (optionally as their default)."""
    customer_id = customer_id_for(user=user)
    method = gateway.stripe_call(
        PRODUCT,
        "payment_methods",
        "attach",
        payment_method_id,
        params={"customer": customer_id},
        idempotency_key=f"parking.attach:{customer_id}:{payment_method_id}",
    )
    if set_default:
        gateway.stripe_call(
            PRODUCT,
            "customers",
            "update",
            customer_id,
            params={"invoice_settings": {"default_payment_method": method["id"]}},
        )
        return _card(method, method["id"])
    return _card(method, _default_method_id(customer_id))


def payment_method_detach(*, user, payment_method_id: str) -> None:
    """Detach one of the caller's cards; a card that is not on their customer is 404."""
    payments_require_stripe()
    customer = StripeCustomer.objects.filter(user=user).exclude(stripe_customer_id=None).first()
    method = None
    if customer is not None:
        try:
            method = gateway.stripe_call(PRODUCT, "payment_methods", "retrieve", payment_method_id)
        except ValidationError:  # Stripe does not know the id: the same answer as someone else's card
            method = None
    owner = (method or {}).get("customer")
    owner = owner.get("id") if isinstance(owner, dict) else owner
    if customer is None or owner != customer.stripe_customer_id:
        raise NotFound("Payment method not found.")
    gateway.stripe_call(PRODUCT, "payment_methods", "detach", payment_method_id)


# --- paying a booking -------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentStarted:
    payment: BookingPayment
    client_secret: str


def _payable_booking(*, guest, booking_id: int) -> Booking:
    booking = Booking.objects.select_related("listing").filter(pk=booking_id, guest=guest).first()
    if booking is None:
        raise NotFound("Booking not found.")
    if booking.status not in PAYABLE_STATUSES:
        raise ValidationError({"booking_id": ["Only a pending or confirmed booking can be paid."]})
    if booking.payment_status not in UNPAID_STATUSES:
        raise ValidationError({"booking_id": ["This booking is already paid."]})
    return booking


def payment_intent_for_booking(*, guest, booking_id: int) -> PaymentStarted:
    """The booking's one payment intent (made on first request; its amount follows a re-priced booking)."""
    payments_require_stripe()
    booking = _payable_booking(guest=guest, booking_id=booking_id)
    customer_id = customer_id_for(user=guest)
    BookingPayment.objects.get_or_create(booking=booking, defaults={"amount": booking.total_price})
    with transaction.atomic():
        # Concurrent first requests queue here; the first makes the intent, the others find it.
        payment = BookingPayment.objects.select_for_update().get(booking=booking)
        if not payment.stripe_payment_intent_id:
            intent = gateway.stripe_create(
                PRODUCT,
                "payment_intents",
                {
                    "amount": booking.total_price,
                    "currency": CURRENCY,
                    "customer": customer_id,
                    "payment_method_types": ["card"],
                    "transfer_group": f"booking-{booking.pk}",
                    "metadata": {
                        "booking_id": str(booking.pk),
                        "listing_id": str(booking.listing_id),
                        "guest_id": str(guest.pk),
                        "host_id": str(booking.listing.host_id),
                    },
                },
                idempotency_key=gateway.idempotency_key(payment, "payment-intent"),
            )
            payment.stripe_payment_intent_id = intent["id"]
        else:
            intent = gateway.stripe_call(PRODUCT, "payment_intents", "retrieve", payment.stripe_payment_intent_id)
            if int(intent["amount"]) != booking.total_price:
                intent = gateway.stripe_call(
                    PRODUCT,
                    "payment_intents",
                    "update",
                    payment.stripe_payment_intent_id,
                    params={"amount": booking.total_price},
                    idempotency_key=gateway.idempotency_key(payment, f"amount-{booking.total_price}"),
                )
        payment.amount, payment.intent_status = int(intent["amount"]), intent.get("status", "")
        payment.save()
    return PaymentStarted(payment=payment, client_secret=intent["client_secret"])


def payment_confirm(*, guest, payment_intent_id: str, payment_method: str) -> Booking:
    """Confirm the caller's intent with a card and store Stripe's answer now; a decline is 402, nothing paid."""
    payments_require_stripe()
    payment = (
        BookingPayment.objects.select_related("booking")
        .filter(stripe_payment_intent_id=payment_intent_id, booking__guest=guest)
        .first()
    )
    if payment is None:
        raise NotFound("Payment intent not found.")
    try:
        intent = gateway.stripe_call(
            PRODUCT,
            "payment_intents",
            "confirm",
            payment_intent_id,
            params={"payment_method": payment_method},
            idempotency_key=gateway.idempotency_key(payment, f"confirm-{payment_method}-{payment.amount}"),
        )
    except PaymentDeclined:
        booking_payment_sync(intent=gateway.stripe_call(PRODUCT, "payment_intents", "retrieve", payment_intent_id))
        raise
    return booking_payment_sync(intent=intent) or payment.booking


@transaction.atomic
def booking_payment_sync(*, intent: dict) -> Booking | None:
    """Store a payment intent's state on its booking: PAID (with its CHARGE), FAILED, or as it was.

    A payment that lands on a booking cancelled, declined or expired meanwhile is refunded in full.
    """
    payment = BookingPayment.objects.select_for_update().filter(stripe_payment_intent_id=intent.get("id")).first()
    if payment is None:
        logger.info("Payment intent %s is not a Parking booking's: ignored", intent.get("id"))
        return None
    booking = Booking.objects.select_for_update().get(pk=payment.booking_id)
    status = intent.get("status", "")
    payment.intent_status = status
    if status == "succeeded":
        charge = intent.get("latest_charge")
        payment.stripe_charge_id = (charge if isinstance(charge, str) else (charge or {}).get("id")) or ""
        payment.amount = int(intent.get("amount_received") or intent.get("amount") or payment.amount)
        payment.save()
        Transaction.objects.get_or_create(
            booking=booking,
            type=TransactionType.CHARGE,
            defaults={
                "user_id": booking.guest_id,
                "amount": payment.amount,
                "currency": payment.currency,
                "status": TransactionStatus.SUCCEEDED,
                "stripe_id": payment.stripe_charge_id,
            },
        )
        if booking.payment_status in UNPAID_STATUSES:
            booking.payment_status = PaymentStatus.PAID
            if booking.status in ENDED_UNUSED_STATUSES:
                booking.refund_due = payment.amount
            booking.save(update_fields=["payment_status", "refund_due", "updated_at"])
            refund_schedule(booking)
    else:
        payment.save()
        declined = status == "requires_payment_method" and intent.get("last_payment_error")
        if (declined or status == "canceled") and booking.payment_status == PaymentStatus.UNPAID:
            booking.payment_status = PaymentStatus.FAILED
            booking.save(update_fields=["payment_status", "updated_at"])
    return booking


# --- refunds -----------------------------------------------------------------------------


def refund_schedule(booking: Booking) -> None:
    """After commit, pay back `refund_due` of a paid booking (a Celery task, safe to run twice)."""
    if booking.refund_due > 0 and booking.payment_status == PaymentStatus.PAID:
        from parking.tasks import booking_refund  # tasks import services

        booking_id = booking.pk
        transaction.on_commit(lambda: booking_refund.delay(booking_id))


def booking_refund_pay(*, booking_id: int) -> Transaction | None:
    """One Stripe refund of the booking's `refund_due`, recorded as its REFUND; again: the same refund."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        if booking is None or booking.refund_due <= 0 or booking.payment_status != PaymentStatus.PAID:
            return None
        payment = BookingPayment.objects.get(booking=booking)
        refund_row, _ = Transaction.objects.get_or_create(
            booking=booking,
            type=TransactionType.REFUND,
            defaults={"user_id": booking.guest_id, "amount": booking.refund_due, "currency": payment.currency},
        )
        if refund_row.stripe_id:
            return refund_row
    refund = gateway.stripe_create(
        PRODUCT,
        "refunds",
        {
            "payment_intent": payment.stripe_payment_intent_id,
            "amount": refund_row.amount,
            "metadata": {"booking_id": str(booking_id)},
        },
        idempotency_key=gateway.idempotency_key(booking, "refund"),
    )
    refund_row.stripe_id = refund["id"]
    refund_row.status = TransactionStatus.FAILED if refund.get("status") == "failed" else TransactionStatus.SUCCEEDED
    refund_row.save(update_fields=["stripe_id", "status", "updated_at"])
    return refund_row


@transaction.atomic
def booking_refund_sync(*, charge: dict) -> Booking | None:
    """A fully refunded charge makes its booking REFUNDED; a partial refund changes nothing."""
    payment = (
        BookingPayment.objects.select_for_update().filter(stripe_payment_intent_id=charge.get("payment_intent")).first()
    )
    if payment is None:
        logger.info("Charge %s is not a Parking booking's: ignored", charge.get("id"))
        return None
    booking = Booking.objects.select_for_update().get(pk=payment.booking_id)
    amount = charge.get("amount", 0)
    if (charge.get("refunded") or charge.get("amount_refunded", 0) >= amount > 0) and (
        booking.payment_status != PaymentStatus.REFUNDED
    ):
        booking.payment_status = PaymentStatus.REFUNDED
        booking.save(update_fields=["payment_status", "updated_at"])
        Transaction.objects.filter(booking=booking, type=TransactionType.REFUND).update(
            status=TransactionStatus.SUCCEEDED, updated_at=timezone.now()
        )
    return booking


# --- hosts' payout accounts -------------------------------------------------------------


@dataclass(frozen=True)
class Onboarding:
    account: PayoutAccount
    onboarding_url: str


def payout_account_onboard(*, user) -> Onboarding:
    """The host's Connect Express account (made once) and a fresh onboarding link."""
    account = connect.connected_account_ensure(PRODUCT, PayoutAccount, user=user, capabilities=("transfers",))
    link = connect.connected_account_onboarding_link(
        PRODUCT, account, return_path=ONBOARDING_RETURN_PATH, refresh_path=ONBOARDING_REFRESH_PATH
    )
    return Onboarding(account=account, onboarding_url=link)


def payout_account_sync(*, event: dict) -> PayoutAccount | None:
    """Store Stripe's flags of a host's account; accounts that are not ours are ignored."""
    return connect.connected_account_store(PRODUCT, PayoutAccount, event=event)


# --- payouts -----------------------------------------------------------------------------


def platform_fee(amount: int) -> int:
    """The platform's share of `amount` cents, rounded half up to a whole cent."""
    percent = Decimal(str(settings.PARKING_PLATFORM_FEE_PERCENT))
    return int((Decimal(amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def payout_eligible(*, now: datetime, host=None):
    """Bookings whose host is owed a payout now: paid, nothing due back, completed and past their end,
    not paid out yet, and their host has a payouts-enabled account."""
    bookings = Booking.objects.filter(
        status=BookingStatus.COMPLETED,
        payment_status=PaymentStatus.PAID,
        refund_due=0,
        end_time__lte=now,
        listing__host__parking_payout_account__payouts_enabled=True,
    ).exclude(transactions__type=TransactionType.PAYOUT)
    if host is not None:
        bookings = bookings.filter(listing__host=host)
    return bookings


def _payout_reserve(booking_id: int, now: datetime) -> None:
    """The booking's PAYOUT row, made under the booking's lock when it is still owed one."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if not payout_eligible(now=now).filter(pk=booking.pk).exists():
            return  # paid out by a concurrent run, or no longer owed
        host_id = booking.listing.host_id
        fee = platform_fee(booking.total_price)
        Transaction.objects.create(
            booking=booking,
            user_id=host_id,
            type=TransactionType.PAYOUT,
            amount=booking.total_price - fee,
            platform_fee=fee,
            currency=CURRENCY,
        )


def _payout_transfer(payout_id: int) -> Transaction:
    """Send the Transfer of a reserved payout once (its key comes from the payout row)."""
    with transaction.atomic():
        payout = Transaction.objects.select_for_update().get(pk=payout_id)
        if payout.stripe_id:
            return payout
        account = PayoutAccount.objects.get(user_id=payout.user_id)
        charge_id = (
            BookingPayment.objects.filter(booking_id=payout.booking_id)
            .values_list("stripe_charge_id", flat=True)
            .first()
        )
        params = {
            "amount": payout.amount,
            "currency": payout.currency,
            "destination": account.stripe_account_id,
            "transfer_group": f"booking-{payout.booking_id}",
            "metadata": {"booking_id": str(payout.booking_id), "host_id": str(payout.user_id)},
        }
        if charge_id:
            params["source_transaction"] = charge_id
        transfer = gateway.stripe_create(
            PRODUCT, "transfers", params, idempotency_key=gateway.idempotency_key(payout, "transfer")
        )
        payout.stripe_id = transfer["id"]
        payout.status = TransactionStatus.SUCCEEDED
        payout.save(update_fields=["stripe_id", "status", "updated_at"])
        return payout


def payouts_process(*, now: datetime | None = None, host=None) -> list[Transaction]:
    """Pay hosts for their completed, paid stays (all hosts, or one): each booking transferred exactly once.

    Safe to run twice, at once too: the payout row is unique per booking and made under its lock; a run
    that stopped between the row and the Transfer is finished by the next run (same idempotency key).
    """
    payments_require_stripe()
    now = now or timezone.now()
    for booking_id in payout_eligible(now=now, host=host).values_list("pk", flat=True):
        _payout_reserve(booking_id, now)
    unsent = Transaction.objects.filter(type=TransactionType.PAYOUT, stripe_id="")
    if host is not None:
        unsent = unsent.filter(user=host)
    paid = []
    for payout_id in unsent.order_by("pk").values_list("pk", flat=True):
        try:
            paid.append(_payout_transfer(payout_id))
        except Exception:
            if host is not None:
                raise
            # One host's failing transfer must not stop the others' payouts; the next run retries it.
            logger.exception("Payout %s failed", payout_id)
    return paid


def payouts_request(*, host, now: datetime | None = None) -> list[Transaction]:
    """A host asks to be paid now: 400 without a ready payout account or with nothing owed."""
    payments_require_stripe()
    account = PayoutAccount.objects.filter(user=host).first()
    if account is None or not account.ready:
        raise ValidationError({"payout_account": ["Set up your payout account first (POST payments/payout-account/)."]})
    paid = payouts_process(now=now, host=host)
    if not paid:
        raise ValidationError({"bookings": ["Nothing to pay out: no completed, paid stay is waiting for a payout."]})
    return paid


# --- Stripe events (registered from ParkingConfig.ready) -----------------------------------


@webhook_handler(PRODUCT, "account.updated")
def on_account_updated(event: dict) -> None:
    payout_account_sync(event=event)


@webhook_handler(PRODUCT, "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled")
def on_payment_intent_changed(event: dict) -> None:
    if BookingPayment.objects.filter(stripe_payment_intent_id=event["data"]["object"].get("id")).exists():
        booking_payment_sync(intent=gateway.event_object_current(PRODUCT, event))


@webhook_handler(PRODUCT, "charge.refunded")
def on_charge_refunded(event: dict) -> None:
    if BookingPayment.objects.filter(stripe_payment_intent_id=event["data"]["object"].get("payment_intent")).exists():
        booking_refund_sync(charge=gateway.event_object_current(PRODUCT, event))
