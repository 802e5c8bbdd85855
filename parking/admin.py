"""Parking in a Pinch in the Django admin (the accounts themselves are the core's)."""

from django.contrib import admin

from parking.models import ParkingProfile

# --- users -----------------------------------------------------------------------------


@admin.register(ParkingProfile)
class ParkingProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "first_name", "last_name", "identity_verified_at", "verified_by")
    list_filter = ("identity_verified_at",)
    search_fields = ("user__email", "first_name", "last_name")
    raw_id_fields = ("user", "verified_by")
    readonly_fields = ("created_at", "updated_at")
