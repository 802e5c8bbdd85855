"""Serializers of the admin resources area: list filters, rows with tags and versions, and the write bodies."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from ressourcefy.api.serializers.resources import MAX_TAGS, UNICODE_SLUG, ResourceCreateSerializer
from ressourcefy.models import Resource, ResourceVersion, Tag, Visibility
from ressourcefy.selectors.admin_resources import RESOURCE_ORDERINGS


class AdminResourceQuerySerializer(serializers.Serializer):
    author_id = serializers.UUIDField(required=False, help_text="The author's user id.")
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    has_price = serializers.BooleanField(required=False, allow_null=True, default=None)
    search = serializers.CharField(required=False, max_length=200, help_text="Part of the title, any case.")
    tag_ids = serializers.ListField(
        child=serializers.UUIDField(), required=False, max_length=MAX_TAGS, help_text="Any of these tags (repeat it)."
    )
    include_deleted = serializers.BooleanField(required=False, default=False, help_text="Also soft-deleted ones.")
    deleted = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: only deleted ones; false: only live ones."
    )
    ordering = serializers.ChoiceField(choices=RESOURCE_ORDERINGS, required=False, default="-created_at")


class AdminResourceTagSerializer(ModelSerializer):
    slug = serializers.CharField(read_only=True, help_text=UNICODE_SLUG)

    class Meta:
        model = Tag
        fields = ["id", "name", "slug"]


class AdminResourceVersionSerializer(ModelSerializer):
    class Meta:
        model = ResourceVersion
        fields = ["id", "version_number", "file_url", "created_at"]


class AdminResourceSerializer(ModelSerializer):
    author_id = serializers.UUIDField(source="author.uuid", read_only=True)
    author_email = serializers.EmailField(source="author.email", read_only=True)
    tags = AdminResourceTagSerializer(many=True, read_only=True)
    versions = AdminResourceVersionSerializer(many=True, read_only=True, help_text="Newest first.")

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "description",
            "author_id",
            "author_email",
            "visibility",
            "price_cents",
            "tags",
            "versions",
            "comment_count",
            "version_count",
            "deleted_at",
            "created_at",
            "updated_at",
        ]


class AdminResourceCreateSerializer(ResourceCreateSerializer):
    author_id = serializers.UUIDField(help_text="The active Ressourcefy account who will own the resource.")


class AdminResourceCreatedSerializer(serializers.Serializer):
    resource_id = serializers.UUIDField()
    title = serializers.CharField()
    author_id = serializers.UUIDField()


class AdminResourceUpdatedSerializer(serializers.Serializer):
    resource_id = serializers.UUIDField()
    title = serializers.CharField()
    updated_fields = serializers.ListField(child=serializers.CharField(), help_text="The fields whose value changed.")


class AdminVersionCreateSerializer(serializers.Serializer):
    file_url = serializers.URLField(max_length=500)


class AdminVersionCreatedSerializer(serializers.Serializer):
    resource_id = serializers.UUIDField()
    version_number = serializers.IntegerField()
    file_url = serializers.URLField()


class AdminResourceMessageSerializer(serializers.Serializer):
    message = serializers.CharField()
