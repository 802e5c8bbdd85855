"""Ressourcefy in the operators' admin, one block per area (the accounts themselves are the core's)."""

from django.contrib import admin

from ressourcefy.models import (
    Comment,
    CommentVote,
    Profile,
    Resource,
    ResourceAccess,
    ResourceVersion,
    RoleRequest,
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
