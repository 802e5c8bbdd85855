"""Billing: the prices a checkout sells, one-off purchases of premium resources, subscriptions and payments.

Amounts are minor units (cents). Stripe is the source of truth: these rows are what the webhook
last stored, and what the access rules read.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class PriceKind(models.TextChoices):
    SUBSCRIPTION = "subscription", "Subscription"
    ONE_TIME = "one_time", "One-time purchase"


class Price(models.Model):
    """A Stripe price we sell: a subscription plan, or the one-off purchase of one premium resource."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stripe_price_id = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=16, choices=PriceKind.choices)
    plan = models.CharField(max_length=32, blank=True, help_text="Subscriptions: the plan it grants, e.g. premium.")
    resource = models.ForeignKey(
        "ressourcefy.Resource", on_delete=models.CASCADE, null=True, blank=True, related_name="prices"
    )
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="usd")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="one_time", resource__isnull=False) | Q(kind="subscription", resource__isnull=True),
                name="rfy_price_resource_iff_one_time",
            ),
        ]

    def __str__(self) -> str:
        return self.stripe_price_id


class BillingCustomer(models.Model):
    """The account's Stripe customer, made once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ressourcefy_customer")
    stripe_customer_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.stripe_customer_id or f"(pending) {self.user_id}"


class PurchaseStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    COMPLETED = "completed", "Completed"
    REFUNDED = "refunded", "Refunded"
    EXPIRED = "expired", "Expired"


class Purchase(models.Model):
    """A one-off purchase of a premium resource through Checkout; COMPLETED grants access until refunded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ressourcefy_purchases")
    resource = models.ForeignKey("ressourcefy.Resource", on_delete=models.PROTECT, related_name="purchases")
    price = models.ForeignKey(Price, on_delete=models.PROTECT, related_name="purchases")
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=16, choices=PurchaseStatus.choices, default=PurchaseStatus.PENDING)
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "resource"], condition=Q(status="completed"), name="rfy_one_completed_purchase"
            ),
        ]

    def __str__(self) -> str:
        return f"Purchase {self.pk} of {self.resource_id} ({self.status})"


class SubscriptionStatus(models.TextChoices):
    """Stripe's subscription statuses; ACTIVE and TRIALING grant premium access."""

    INCOMPLETE = "incomplete", "Incomplete"
    INCOMPLETE_EXPIRED = "incomplete_expired", "Incomplete, expired"
    TRIALING = "trialing", "Trialing"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Past due"
    CANCELED = "canceled", "Canceled"
    UNPAID = "unpaid", "Unpaid"
    PAUSED = "paused", "Paused"


class Subscription(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ressourcefy_subscriptions"
    )
    plan = models.CharField(max_length=32, default="premium")
    status = models.CharField(max_length=24, choices=SubscriptionStatus.choices, default=SubscriptionStatus.INCOMPLETE)
    stripe_subscription_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"], name="rfy_subscription_user_status")]

    def __str__(self) -> str:
        return f"{self.plan} of {self.user_id} ({self.status})"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"
    REFUNDED = "refunded", "Refunded"


class Payment(models.Model):
    """Money received: a purchase's charge or a subscription's invoice (`provider_reference` is Stripe's id)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ressourcefy_payments")
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    amount_refunded_cents = models.PositiveIntegerField(
        default=0, help_text="What Stripe says was refunded (charge.refunded); REFUNDED once it is everything."
    )
    provider_reference = models.CharField(max_length=255, unique=True)
    purchase = models.ForeignKey(Purchase, on_delete=models.SET_NULL, null=True, blank=True, related_name="payments")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="payments"
    )
    refunded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.provider_reference} ({self.status})"


class RefundStatus(models.TextChoices):
    """PENDING: asked of Stripe (its amount is reserved); SUCCEEDED: charge.refunded confirmed it; FAILED: refused."""

    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Refund(models.Model):
    """One refund of a payment asked by an admin; its id keys the Stripe refund (one per row, however retried)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount_cents__gt=0), name="rfy_refund_amount_positive")]

    def __str__(self) -> str:
        return f"Refund {self.amount_cents} of {self.payment_id} ({self.status})"
