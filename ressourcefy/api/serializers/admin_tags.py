"""Serializers of the admin tags area: list/detail rows, the create/rename body, merge and its answers."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from ressourcefy.api.serializers.resources import UNICODE_SLUG
from ressourcefy.models import Tag
from ressourcefy.selectors.admin_tags import TAG_ORDERINGS


class AdminTagQuerySerializer(serializers.Serializer):
    search = serializers.CharField(required=False, max_length=100, help_text="Part of the name, any case.")
    include_deleted = serializers.BooleanField(required=False, default=False, help_text="Also soft-deleted tags.")
    ordering = serializers.ChoiceField(choices=TAG_ORDERINGS, required=False, default="name")


class AdminTagSerializer(ModelSerializer):
    slug = serializers.CharField(read_only=True, help_text=UNICODE_SLUG)

    class Meta:
        model = Tag
        fields = ["id", "name", "slug", "deleted_at", "created_at", "updated_at"]


class AdminTagDetailSerializer(AdminTagSerializer):
    resource_count = serializers.IntegerField(read_only=True, help_text="Resources filed under it.")
    interest_count = serializers.IntegerField(read_only=True, help_text="Profiles that chose it as an interest.")

    class Meta(AdminTagSerializer.Meta):
        fields = [*AdminTagSerializer.Meta.fields, "resource_count", "interest_count"]


class AdminTagNameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, help_text="Unique among live tags, any case; the slug follows it.")


class AdminTagSavedSerializer(ModelSerializer):
    tag_id = serializers.UUIDField(source="id", read_only=True)
    slug = serializers.CharField(read_only=True, help_text=UNICODE_SLUG)

    class Meta:
        model = Tag
        fields = ["tag_id", "name", "slug"]


class AdminTagMergeSerializer(serializers.Serializer):
    source_tag_id = serializers.UUIDField(help_text="The tag merged away (soft-deleted afterwards).")
    target_tag_id = serializers.UUIDField(help_text="The tag that receives every resource and interest.")


class AdminTagMergedSerializer(AdminTagMergeSerializer):
    message = serializers.CharField()


class AdminTagMessageSerializer(serializers.Serializer):
    message = serializers.CharField()
