"""Parking in a Pinch in the operators' admin, one block per area (the accounts themselves are the core's)."""

from django.contrib import admin

from parking.models import (
    AvailabilityWindow,
    Booking,
    BookingPayment,
    Conversation,
    Listing,
    ListingPhoto,
    Message,
    ParkingProfile,
    PayoutAccount,
    Review,
    ReviewReport,
    StripeCustomer,
    Transaction,
)

# --- users -----------------------------------------------------------------------------


@admin.register(ParkingProfile)
class ParkingProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "first_name", "last_name", "identity_verified_at", "verified_by")
    list_filter = ("identity_verified_at",)
    search_fields = ("user__email", "first_name", "last_name")
    raw_id_fields = ("user", "verified_by")
    readonly_fields = ("created_at", "updated_at")


# --- listings ---------------------------------------------------------------------------


class ListingPhotoInline(admin.TabularInline):
    model = ListingPhoto
    extra = 0
    readonly_fields = ["thumbnail", "created_at"]


class AvailabilityWindowInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "city", "spot_type", "host", "is_active", "deleted_at", "created_at"]
    list_filter = ["spot_type", "is_active"]
    search_fields = ["title", "address", "city", "host__email"]
    raw_id_fields = ["host"]
    readonly_fields = ["rating_total", "review_count", "created_at", "updated_at"]
    inlines = [ListingPhotoInline, AvailabilityWindowInline]


# --- bookings ---------------------------------------------------------------------------


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "listing", "guest", "start_time", "end_time", "status", "payment_status", "total_price"]
    list_filter = ["status", "payment_status"]
    search_fields = ["listing__title", "guest__email", "vehicle_plate"]
    raw_id_fields = ["listing", "guest"]
    readonly_fields = ["created_at", "updated_at"]


# --- messaging --------------------------------------------------------------------------


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    raw_id_fields = ["sender"]
    readonly_fields = ["created_at", "read_at", "deleted_at"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "listing", "seeker", "host", "last_activity_at"]
    search_fields = ["listing__title", "seeker__email", "host__email"]
    raw_id_fields = ["listing", "seeker", "host"]
    readonly_fields = ["created_at", "last_activity_at"]
    inlines = [MessageInline]


# --- reviews ----------------------------------------------------------------------------


class ReviewReportInline(admin.TabularInline):
    model = ReviewReport
    extra = 0
    can_delete = False
    readonly_fields = ["reporter", "reason", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False  # reports count towards hiding: they are made through the API only


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-mostly: changing ratings or hiding here would bypass the listing's figures (use the API)."""

    list_display = ["id", "listing", "author", "rating", "report_count", "hidden_at", "created_at"]
    list_filter = ["rating"]
    search_fields = ["listing__title", "author__email", "comment"]
    readonly_fields = [
        "listing",
        "booking",
        "author",
        "rating",
        "report_count",
        "hidden_at",
        "created_at",
        "updated_at",
    ]
    inlines = [ReviewReportInline]


# --- payments: what Stripe told us, read-only (changing it here would disagree with Stripe) ------


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StripeCustomer)
class StripeCustomerAdmin(ReadOnlyAdmin):
    list_display = ["user", "stripe_customer_id", "created_at"]
    search_fields = ["user__email", "stripe_customer_id"]


@admin.register(PayoutAccount)
class PayoutAccountAdmin(ReadOnlyAdmin):
    list_display = ["user", "stripe_account_id", "details_submitted", "payouts_enabled", "onboarding_completed_at"]
    list_filter = ["payouts_enabled", "details_submitted"]
    search_fields = ["user__email", "stripe_account_id"]


@admin.register(BookingPayment)
class BookingPaymentAdmin(ReadOnlyAdmin):
    list_display = ["booking", "stripe_payment_intent_id", "amount", "currency", "intent_status", "updated_at"]
    list_filter = ["intent_status"]
    search_fields = ["stripe_payment_intent_id", "stripe_charge_id"]


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["id", "type", "status", "user", "booking", "amount", "platform_fee", "stripe_id", "created_at"]
    list_filter = ["type", "status"]
    search_fields = ["user__email", "stripe_id"]
