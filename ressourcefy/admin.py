"""Ressourcefy in the Django admin: every model, searchable where people look things up."""

from django.contrib import admin

from ressourcefy.models import (
    BillingCustomer,
    OutboxEvent,
    Payment,
    Price,
    ProcessedEvent,
    Purchase,
    Subscription,
)

# --- billing and outbox ---------------------------------------------------------------------


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    """Operators add subscription plans with `subscription_price_create` (it makes the Stripe price first)."""

    list_display = ("stripe_price_id", "kind", "plan", "resource", "amount_cents", "currency", "active")
    list_filter = ("kind", "active")
    search_fields = ("stripe_price_id", "resource__title")
    raw_id_fields = ("resource",)


@admin.register(BillingCustomer)
class BillingCustomerAdmin(admin.ModelAdmin):
    list_display = ("user", "stripe_customer_id", "created_at")
    search_fields = ("user__email", "stripe_customer_id")
    raw_id_fields = ("user",)


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "resource", "amount_cents", "status", "completed_at", "created_at")
    list_filter = ("status",)
    search_fields = ("user__email", "resource__title", "checkout_session_id", "payment_intent_id")
    raw_id_fields = ("user", "resource", "price")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "plan", "status", "current_period_end", "ends_at")
    list_filter = ("status", "plan")
    search_fields = ("user__email", "stripe_subscription_id", "stripe_customer_id")
    raw_id_fields = ("user",)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("provider_reference", "user", "amount_cents", "currency", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("provider_reference", "user__email")
    raw_id_fields = ("user", "purchase", "subscription")


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ("event_type", "aggregate_type", "aggregate_id", "created_at", "published_at", "attempts")
    list_filter = ("event_type", ("published_at", admin.EmptyFieldListFilter))
    search_fields = ("aggregate_id", "event_type")
    readonly_fields = ("created_at",)


@admin.register(ProcessedEvent)
class ProcessedEventAdmin(admin.ModelAdmin):
    list_display = ("consumer", "event_id", "processed_at")
    list_filter = ("consumer",)
    search_fields = ("event_id",)
