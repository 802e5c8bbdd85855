"""A-List Home Pros in the Django admin: every model, searchable where people look things up."""

from django.contrib import admin

from alistpros.models import (
    Appointment,
    AvailabilitySlot,
    ConnectAccount,
    Conversation,
    Message,
    Payment,
    PortfolioItem,
    ProProfile,
    Review,
    ServiceCategory,
)


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "description")
    search_fields = ("name",)


class PortfolioItemInline(admin.TabularInline):
    model = PortfolioItem
    extra = 0


@admin.register(ProProfile)
class ProProfileAdmin(admin.ModelAdmin):
    list_display = ("business_name", "user", "years_of_experience", "service_radius", "is_onboarded", "total_reviews")
    list_filter = ("is_onboarded", "service_categories")
    search_fields = ("business_name", "user__email", "license_number")
    raw_id_fields = ("user",)
    filter_horizontal = ("service_categories",)
    readonly_fields = ("total_reviews", "rating_total", "created_at", "updated_at")
    inlines = [PortfolioItemInline]


@admin.register(PortfolioItem)
class PortfolioItemAdmin(admin.ModelAdmin):
    list_display = ("title", "profile", "completion_date")
    search_fields = ("title", "profile__business_name")
    raw_id_fields = ("profile",)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("profile", "client", "rating", "is_verified", "created_at")
    list_filter = ("rating", "is_verified")
    search_fields = ("profile__business_name", "client__email", "comment")
    raw_id_fields = ("profile", "client")


@admin.register(ConnectAccount)
class ConnectAccountAdmin(admin.ModelAdmin):
    list_display = ("stripe_account_id", "user", "charges_enabled", "payouts_enabled", "onboarding_completed_at")
    list_filter = ("charges_enabled", "payouts_enabled")
    search_fields = ("stripe_account_id", "user__email")
    raw_id_fields = ("user",)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("id", "client", "alistpro", "amount", "status", "stripe_payment_intent_id", "created_at")
    list_filter = ("status", "currency")
    search_fields = ("stripe_payment_intent_id", "stripe_transfer_id", "client__email", "alistpro__business_name")
    raw_id_fields = ("client", "alistpro")
    date_hierarchy = "created_at"


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    raw_id_fields = ("sender",)
    exclude = ("read_by",)


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "updated_at")
    search_fields = ("title", "participants__email")
    filter_horizontal = ("participants",)
    inlines = [MessageInline]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("id", "client", "contractor", "appointment_date", "start_time", "end_time", "status")
    list_filter = ("status", "service_category")
    search_fields = ("client__email", "contractor__business_name", "location")
    raw_id_fields = ("client", "contractor")
    date_hierarchy = "appointment_date"


@admin.register(AvailabilitySlot)
class AvailabilitySlotAdmin(admin.ModelAdmin):
    list_display = ("contractor", "day_of_week", "start_time", "end_time", "is_recurring")
    raw_id_fields = ("contractor",)
