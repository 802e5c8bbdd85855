"""Serializers of the resources area: the create/update bodies, list cards, the detail, access, tags and authors."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from ressourcefy.models import Resource, ResourceVersion, Tag, Visibility

MAX_TAGS = 20
# Slugs keep a name's letters in any script (slugify(allow_unicode=True)); a JSON Schema `\w` is ASCII only.
UNICODE_SLUG = "The name slugified, letters of any script kept; unique among live tags."


def _avatar(user) -> str | None:
    profile = getattr(user, "ressourcefy_profile", None)
    return (profile.avatar_url or None) if profile is not None else None


# --- input -------------------------------------------------------------------------------


class ResourceCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000)
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    price_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=100_000_000,
        help_text="Required when visibility is premium, null or absent otherwise.",
    )
    tag_ids = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=MAX_TAGS)
    file_url = serializers.URLField(
        max_length=500, required=False, allow_null=True, help_text="The first version's file."
    )


class ResourceUpdateSerializer(serializers.Serializer):
    """Every field optional; the visibility/price rule holds for the result."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=20000, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    price_cents = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=100_000_000)
    tag_ids = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=MAX_TAGS)


class VersionCreateSerializer(serializers.Serializer):
    resource_id = serializers.UUIDField()
    file_url = serializers.URLField(max_length=500)


class FeedQuerySerializer(serializers.Serializer):
    tag = serializers.CharField(required=False, max_length=60, help_text="A tag's slug or id.")
    search = serializers.CharField(required=False, max_length=200, help_text="Words in the title or description.")


# --- output ------------------------------------------------------------------------------


class ResourceSerializer(ModelSerializer):
    """The document's create answer: ids of the resource, its author and its tags."""

    resource_id = serializers.UUIDField(source="id", read_only=True)
    author_id = serializers.UUIDField(source="author.uuid", read_only=True)
    tags = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "resource_id",
            "title",
            "description",
            "visibility",
            "price_cents",
            "author_id",
            "tags",
            "version_count",
            "created_at",
            "updated_at",
        ]

    def get_tags(self, resource) -> list[str]:
        return sorted(str(tag.pk) for tag in resource.tags.all())


class ResourceCardSerializer(ModelSerializer):
    """A feed or `user/resources/` entry; tags by name, the comment count under `stats`."""

    author_id = serializers.UUIDField(source="author.uuid", read_only=True)
    author_name = serializers.CharField(source="author.username", read_only=True)
    author_avatar = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    stats = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "author_id",
            "author_name",
            "author_avatar",
            "tags",
            "stats",
            "price_cents",
            "visibility",
            "created_at",
        ]

    def get_author_avatar(self, resource) -> str | None:
        return _avatar(resource.author)

    def get_tags(self, resource) -> list[str]:
        return [tag.name for tag in resource.tags.all()]

    def get_stats(self, resource) -> dict[str, int]:
        return {"comment_count": resource.comment_count}


class VersionSerializer(ModelSerializer):
    class Meta:
        model = ResourceVersion
        fields = ["version_number", "file_url", "created_at"]


class DetailVersionSerializer(VersionSerializer):
    """`file_url` is null for a premium resource the caller is not entitled to."""

    file_url = serializers.SerializerMethodField()

    def get_file_url(self, version) -> str | None:
        return version.file_url if self.context.get("entitled") else None


class ResourceDetailSerializer(ResourceCardSerializer):
    description = serializers.CharField(read_only=True)
    access_granted = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    class Meta(ResourceCardSerializer.Meta):
        fields = [
            "id",
            "title",
            "description",
            "author_id",
            "author_name",
            "author_avatar",
            "tags",
            "stats",
            "visibility",
            "price_cents",
            "access_granted",
            "versions",
            "created_at",
            "updated_at",
        ]

    def get_tags(self, resource) -> list[str]:
        return [tag.name for tag in resource.tag_list]

    def get_access_granted(self, resource) -> bool:
        return bool(self.context.get("entitled"))

    def get_versions(self, resource) -> list[dict]:
        return DetailVersionSerializer(resource.version_list, many=True, context=self.context).data


class AccessVersionSerializer(ModelSerializer):
    class Meta:
        model = ResourceVersion
        fields = ["version_number", "file_url"]


class AccessSerializer(serializers.Serializer):
    access_granted = serializers.BooleanField()
    resource_id = serializers.UUIDField()
    latest_version = AccessVersionSerializer(allow_null=True)


class TagSerializer(ModelSerializer):
    slug = serializers.CharField(read_only=True, help_text=UNICODE_SLUG)

    class Meta:
        model = Tag
        fields = ["id", "name", "slug"]


class RecentResourceSerializer(ModelSerializer):
    class Meta:
        model = Resource
        fields = ["id", "title", "created_at"]


class AuthorSerializer(serializers.Serializer):
    """An author's public profile; `total_views` counts granted accesses to their listed resources."""

    id = serializers.UUIDField(source="uuid")
    username = serializers.CharField()
    bio = serializers.SerializerMethodField()
    avatar_url = serializers.SerializerMethodField()
    stats = serializers.SerializerMethodField()
    recent_resources = RecentResourceSerializer(many=True)

    def get_bio(self, user) -> str:
        profile = getattr(user, "ressourcefy_profile", None)
        return profile.bio if profile is not None else ""

    def get_avatar_url(self, user) -> str | None:
        return _avatar(user)

    def get_stats(self, user) -> dict[str, int]:
        return {"total_resources": user.total_resources, "total_views": user.total_views}
