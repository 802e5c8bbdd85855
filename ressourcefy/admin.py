"""Ressourcefy in the operators' admin, one block per area (the accounts themselves are the core's)."""

from django.contrib import admin

from ressourcefy.models import (
    BillingCustomer,
    Comment,
    CommentVote,
    OutboxEvent,
    Payment,
    Price,
    ProcessedEvent,
    Profile,
    Purchase,
    Refund,
    Resource,
    ResourceAccess,
    ResourceVersion,
    RoleRequest,
    Subscription,
    Tag,
)

# --- accounts: profiles and role requests -------------------------------------------------


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "onboarding_step", "created_at")
    list_filter = ("onboarding_step",)
    search_fields = ("user__email", "user__username")
    raw_id_fields = ("user",)
    filter_horizontal = ("interests",)


@admin.register(RoleRequest)
class RoleRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "requested_role", "status", "created_at", "decided_at")
    list_filter = ("status", "requested_role")
    search_fields = ("user__email", "user__username")
    raw_id_fields = ("user", "decided_by")


# --- resources: tags, resources with versions and accesses, comments and votes ----------


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class ResourceVersionInline(admin.TabularInline):
    model = ResourceVersion
    extra = 0
    fields = ("version_number", "file_url", "created_by", "created_at")
    readonly_fields = ("version_number", "created_by", "created_at")
    can_delete = False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "visibility", "price_cents", "version_count", "comment_count", "deleted_at")
    list_filter = ("visibility", "deleted_at")
    search_fields = ("title", "author__email", "author__username")
    raw_id_fields = ("author",)
    filter_horizontal = ("tags",)
    # Kept by the services under a lock: editing them here would break their invariants.
    readonly_fields = ("version_count", "comment_count", "created_at", "updated_at")
    inlines = [ResourceVersionInline]


@admin.register(ResourceAccess)
class ResourceAccessAdmin(admin.ModelAdmin):
    list_display = ("resource", "user", "granted", "reason", "created_at")
    list_filter = ("granted", "reason")
    raw_id_fields = ("resource", "user")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "resource", "author", "score", "deleted_at", "created_at")
    list_filter = ("deleted_at",)
    search_fields = ("body", "author__email")
    raw_id_fields = ("resource", "author", "parent")
    readonly_fields = ("score", "created_at", "updated_at")


@admin.register(CommentVote)
class CommentVoteAdmin(admin.ModelAdmin):
    list_display = ("public_id", "comment", "user", "value", "updated_at")
    raw_id_fields = ("comment", "user")


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
    list_display = (
        "provider_reference",
        "user",
        "amount_cents",
        "amount_refunded_cents",
        "currency",
        "status",
        "created_at",
    )
    list_filter = ("status",)
    search_fields = ("provider_reference", "user__email")
    raw_id_fields = ("user", "purchase", "subscription")


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("payment", "amount_cents", "status", "stripe_refund_id", "requested_by", "created_at")
    list_filter = ("status",)
    search_fields = ("stripe_refund_id", "payment__provider_reference")
    raw_id_fields = ("payment", "requested_by")


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
