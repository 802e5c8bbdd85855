"""Django admin for Ressourcefy: accounts' profiles and role requests."""

from django.contrib import admin

from ressourcefy.models import Profile, RoleRequest


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
