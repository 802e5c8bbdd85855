"""Django admin for platform operators: every product's accounts, filterable by realm and role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm

from core.models import User


class OperatorUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("realm", "email", "username", "role")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = OperatorUserCreationForm
    ordering = ("realm", "email")
    list_display = ("email", "realm", "username", "name", "role", "is_active", "is_verified", "date_joined")
    list_filter = ("realm", "role", "is_active", "is_verified", "is_staff")
    search_fields = ("email", "username", "name")
    readonly_fields = ("id", "date_joined", "last_login", "updated_at")
    fieldsets = (
        (None, {"fields": ("id", "realm", "email", "username", "password")}),
        ("Profile", {"fields": ("name", "phone", "avatar", "role")}),
        ("Status", {"fields": ("is_active", "is_verified", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("date_joined", "last_login", "updated_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("realm", "email", "username", "role", "password1", "password2")}),
    )
