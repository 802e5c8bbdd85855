"""Payment writes: pros' Stripe Connect onboarding, clients' payments to pros, and the Stripe events that move them.

Every Stripe object is made from a row we saved first, with an idempotency key derived from it, so a
retried request (or a timeout after Stripe made the object) is answered with the same Stripe object.
Webhook handlers store what Stripe says now (`event_object_current`), so events in any order end right.
"""

import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from alistpros.models import ConnectAccount, Payment, PaymentStatus, ProProfile
from alistpros.realtime import payment_succeeded_publish
from core.payments import connect, gateway
from core.payments.webhooks import webhook_handler

logger = logging.getLogger(__name__)

PRODUCT = "alistpros"
CURRENCY = "usd"
# Where Stripe sends the pro back after onboarding, or when the link has expired, in A-List's frontend.
ONBOARDING_RETURN_PATH = "payments/onboarding/return"
ONBOARDING_REFRESH_PATH = "payments/onboarding/refresh"


def payments_require_stripe() -> None:
    """503 (PaymentsUnavailable) before anything is written, when A-List has no Stripe key."""
    gateway.stripe_client(PRODUCT)


# --- Connect onboarding ---------------------------------------------------------------


@dataclass(frozen=True)
class Onboarding:
    account: ConnectAccount
    account_link: str


def connect_account_onboard(*, user) -> Onboarding:
    """The pro's Connect Express account (made once, whoever asks how often) and a fresh onboarding link."""
    account = connect.connected_account_ensure(
        PRODUCT, ConnectAccount, user=user, capabilities=("card_payments", "transfers")
    )
    link = connect.connected_account_onboarding_link(
        PRODUCT, account, return_path=ONBOARDING_RETURN_PATH, refresh_path=ONBOARDING_REFRESH_PATH
    )
    return Onboarding(account=account, account_link=link)


def connect_dashboard_link(*, account: ConnectAccount) -> str:
    """A login link to the pro's Express dashboard (single-use, short-lived: a new one each time)."""
    payments_require_stripe()
    return connect.connected_account_dashboard_link(PRODUCT, account)


@transaction.atomic
def connect_account_sync(*, event: dict) -> ConnectAccount | None:
    """Store Stripe's view of a pro's Connect account, and on the pro's profile whether they can be paid now
    (Stripe may disable an account again later); accounts that are not ours are ignored."""
    account = connect.connected_account_store(PRODUCT, ConnectAccount, event=event)
    if account is not None:
        ProProfile.objects.filter(user_id=account.user_id).update(is_onboarded=account.onboarding_complete)
    return account


# --- Payments -------------------------------------------------------------------------


def platform_fee(amount: int) -> int:
    """The platform's share of `amount` minor units, rounded half up to a whole minor unit."""
    percent = Decimal(str(settings.ALISTPROS_PLATFORM_FEE_PERCENT))
    return int((Decimal(amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class PaymentStarted:
    payment: Payment
    client_secret: str


def _payable_pro(alistpro_id: int) -> tuple[ProProfile, ConnectAccount]:
    pro = ProProfile.objects.select_related("user").filter(pk=alistpro_id).first()
    if pro is None:
        raise ValidationError({"alistpro_id": ["No A-List Home Pro has this id."]})
    account = ConnectAccount.objects.filter(user_id=pro.user_id).first()
    if account is None or not account.stripe_account_id or not account.charges_enabled:
        raise ValidationError(
            {"alistpro_id": ["This pro cannot take payments yet: their Stripe onboarding is not complete."]}
        )
    return pro, account


def payment_create(*, client, alistpro_id: int, amount: int, description: str = "") -> PaymentStarted:
    """A pending payment and its payment intent on the platform, paid out to the pro less the platform's fee."""
    payments_require_stripe()
    pro, account = _payable_pro(alistpro_id)
    # Saved (committed) before Stripe is called: the intent's idempotency key comes from this row.
    payment = Payment.objects.create(
        client=client,
        alistpro=pro,
        amount=amount,
        currency=CURRENCY,
        platform_fee=platform_fee(amount),
        description=description,
        status=PaymentStatus.PENDING,
    )
    try:
        intent = gateway.stripe_create(
            PRODUCT,
            "payment_intents",
            {
                "amount": payment.amount,
                "currency": payment.currency,
                "description": description,
                "transfer_data": {"destination": account.stripe_account_id},
                "application_fee_amount": payment.platform_fee,
                "metadata": {
                    "payment_id": str(payment.pk),
                    "alistpro_id": str(pro.pk),
                    "client_id": str(client.pk),
                },
            },
            idempotency_key=gateway.idempotency_key(payment, "payment-intent"),
        )
    except Exception:
        # No intent to pay: the row says so rather than staying pending for ever.
        Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.FAILED, updated_at=timezone.now())
        raise
    payment.stripe_payment_intent_id = intent["id"]
    payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
    return PaymentStarted(payment=payment, client_secret=intent["client_secret"])


def _transfer_id(intent: dict) -> str:
    """The transfer to the pro made by the intent's charge, when Stripe has made it."""
    charge = intent.get("latest_charge")
    if isinstance(charge, str):
        charge = gateway.stripe_call(PRODUCT, "charges", "retrieve", charge)
    transfer = (charge or {}).get("transfer")
    return transfer if isinstance(transfer, str) else (transfer or {}).get("id", "")


def _payment_locked(event: dict, intent_id) -> Payment | None:
    payment = None
    if intent_id:
        payment = Payment.objects.select_for_update().filter(stripe_payment_intent_id=intent_id).first()
    if payment is None:
        logger.info("%s %s: intent %s is not an A-List payment's, ignored", event["type"], event["id"], intent_id)
    return payment


@transaction.atomic
def payment_sync(*, event: dict) -> Payment | None:
    """Store a payment intent's current state on its payment; a refunded payment stays refunded."""
    payment = _payment_locked(event, event["data"]["object"].get("id"))
    if payment is None:
        return None
    if payment.status == PaymentStatus.REFUNDED:
        return payment
    intent = gateway.event_object_current(PRODUCT, event)
    status = intent.get("status")
    newly_completed = status == "succeeded" and payment.status != PaymentStatus.COMPLETED
    if status == "succeeded":
        payment.status = PaymentStatus.COMPLETED
        payment.completed_at = payment.completed_at or timezone.now()
        payment.stripe_transfer_id = payment.stripe_transfer_id or _transfer_id(intent)
    elif status == "processing":
        payment.status = PaymentStatus.PROCESSING
    elif status == "canceled":
        payment.status = PaymentStatus.CANCELED
    elif status == "requires_payment_method" and intent.get("last_payment_error"):
        # Declined: the client may still pay with another card, which brings a `succeeded` later.
        payment.status = PaymentStatus.FAILED
    else:
        return payment
    payment.save()
    if newly_completed:
        payment_succeeded_publish(payment=payment)
    return payment


@transaction.atomic
def payment_refund_sync(*, event: dict) -> Payment | None:
    """A fully refunded charge refunds its payment; a partial refund leaves the payment as it is."""
    payment = _payment_locked(event, event["data"]["object"].get("payment_intent"))
    if payment is None:
        return None
    charge = gateway.event_object_current(PRODUCT, event)
    if charge.get("refunded") or charge.get("amount_refunded", 0) >= charge.get("amount", 0) > 0:
        payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
    return payment


# --- Stripe events (registered from AListProsConfig.ready) ------------------------------


@webhook_handler(PRODUCT, "account.updated")
def on_account_updated(event: dict) -> None:
    connect_account_sync(event=event)


@webhook_handler(
    PRODUCT, "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
    "payment_intent.processing",
)
def on_payment_intent_changed(event: dict) -> None:
    payment_sync(event=event)


@webhook_handler(PRODUCT, "charge.refunded")
def on_charge_refunded(event: dict) -> None:
    payment_refund_sync(event=event)
