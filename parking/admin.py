"""Parking in a Pinch in the operators' admin, one block per area (the accounts themselves are the core's)."""

from django.contrib import admin

from parking.models import (
    AvailabilityWindow,
    Booking,
    Conversation,
    Listing,
    ListingPhoto,
    Message,
    ParkingProfile,
    Review,
    ReviewReport,
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
