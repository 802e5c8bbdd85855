"""Issue shapes: compact (lists) and full (detail), and the bodies of create, edit, status, assign, response."""

from django.contrib.auth import get_user_model
from django.db.models import Manager
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import AccountField
from core.api.rendering import datetime_text
from townspark import reference_data
from townspark.api.serializers.common import (
    ANONYMOUS_AUTHOR,
    AnonymousAuthorSerializer,
    UserMinimalSerializer,
    UserRefSerializer,
    absolute_url,
    account_minimal,
    is_admin_user,
    media_url,
    user_ref,
    viewer,
    with_aliases,
)
from townspark.api.serializers.reference import DepartmentRefSerializer
from townspark.models import Category, Department, Issue, IssueImage
from townspark.models.issues import location_text
from townspark.selectors.issue_rows import CompactRow, IssueDetail, compact_row
from townspark.selectors.issues import issue_image_names
from townspark.services.images import MAX_IMAGES_PER_ISSUE, images_validate


def author_hidden(issue, context) -> bool:
    """Anonymous issues hide the reporter from everyone but admins and the reporter."""
    if not issue.is_anonymous:
        return False
    user = viewer(context)
    return not (is_admin_user(user) or (user is not None and user.pk == issue.reporter_id))


def _image_urls(images, request) -> list[str]:
    return [media_url(image.image, request) for image in images]


IMAGE_STORAGE = IssueImage._meta.get_field("image").storage
THUMBNAIL_STORAGE = IssueImage._meta.get_field("thumbnail").storage


def _before_image_urls(issue, request) -> list[str]:
    """From the detail's image rows, else one query."""
    if hasattr(issue, "before_images"):
        return _image_urls(issue.before_images, request)
    return _image_urls_of(issue_image_names([issue.pk])[issue.pk], request)


def _image_urls_of(names, request) -> list[str]:
    return [_image_url(name, request) for name in names]


def _image_url(name: str, request, storage=IMAGE_STORAGE) -> str | None:
    """`media_url` of an image read as its stored name."""
    return absolute_url(storage.url(name), request) if name else None


class IssueCompactListSerializer(serializers.ListSerializer):
    """Compact issues of a page, as models or as the rows of the home feed: their images in one query a page."""

    def to_representation(self, data):
        return compact_list_data(data.all() if isinstance(data, Manager) else data, self.context)


def compact_list_data(items, context) -> list[dict]:
    """IssueCompactSerializer(items, many=True).data, for a page of rows or models, without the serializers."""
    rows = [item if isinstance(item, CompactRow) else compact_row(item) for item in items]
    names = issue_image_names([row.id for row in rows])
    request, zone = context.get("request"), timezone.get_current_timezone()
    return [compact_data(row, _image_urls_of(names[row.id], request), context, zone=zone) for row in rows]


class _IssueCompactFields(serializers.Serializer):
    """The compact issue's fields, shared with the full issue."""

    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    category = serializers.CharField(source="category_id")
    status = serializers.CharField()
    urgency = serializers.CharField()
    location = serializers.CharField(source="location_text")
    images = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    upvotes = serializers.IntegerField(source="upvote_count")
    uplifts = serializers.IntegerField(source="upvote_count")
    comments = serializers.IntegerField(source="comment_count")
    is_upvoted = serializers.BooleanField()
    is_bookmarked = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    # superset for the TownSpark frontend (issue #15): the client reads these names
    upvotes_count = serializers.IntegerField(source="upvote_count", help_text="Same as upvotes (TownSpark frontend)")
    has_upvoted = serializers.BooleanField(source="is_upvoted", help_text="Same as is_upvoted (TownSpark frontend)")
    createdAt = serializers.DateTimeField(source="created_at", help_text="Same as created_at (TownSpark frontend)")  # noqa: N815

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_images(self, issue) -> list[str]:
        return _before_image_urls(issue, self.context.get("request"))

    @extend_schema_field(AnonymousAuthorSerializer)
    def get_author(self, issue) -> dict:
        if author_hidden(issue, self.context):
            return dict(ANONYMOUS_AUTHOR)
        return UserMinimalSerializer(issue.reporter, context=self.context).data


class IssueCompactSerializer(_IssueCompactFields):
    """The documented compact issue of lists and feeds."""

    class Meta:
        list_serializer_class = IssueCompactListSerializer

    # Rendered by hand, field for field what the declared fields render (a test holds them
    # equal): lists render many, and DRF's per-field machinery cost more than their queries.
    def to_representation(self, issue) -> dict:
        return _compact(issue, self.context)


def _compact(issue, context) -> dict:
    """The compact issue's fields of an issue loaded as a model."""
    return compact_data(compact_row(issue), _before_image_urls(issue, context.get("request")), context)


def compact_data(row: CompactRow, images: list[str], context, *, zone=None) -> dict:
    """The compact issue's fields, as _IssueCompactFields renders them, from its row and its images' URLs.

    `zone` is the current time zone when the caller has it already (a page looks it up once).
    """
    author = (
        dict(ANONYMOUS_AUTHOR) if author_hidden(row, context) else account_minimal(row.reporter, context.get("request"))
    )
    created_at = datetime_text(row.created_at, zone)
    return {
        "id": row.id,
        "title": row.title,
        "description": row.description,
        "category": row.category_id,
        "status": row.status,
        "urgency": row.urgency,
        "location": location_text(row.address, row.area),
        "images": images,
        "author": author,
        "upvotes": row.upvote_count,
        "uplifts": row.upvote_count,
        "comments": row.comment_count,
        "is_upvoted": row.is_upvoted,
        "is_bookmarked": row.is_bookmarked,
        "created_at": created_at,
        "upvotes_count": row.upvote_count,
        "has_upvoted": row.is_upvoted,
        "createdAt": created_at,
    }


class CoordinatesSerializer(serializers.Serializer):
    lat = serializers.FloatField()
    lng = serializers.FloatField()


class LocationSerializer(serializers.Serializer):
    address = serializers.CharField()
    area = serializers.CharField()
    coordinates = CoordinatesSerializer(allow_null=True)


class TimelineEntrySerializer(serializers.Serializer):
    status = serializers.CharField()
    date = serializers.DateTimeField(source="created_at")
    note = serializers.CharField()
    updated_by = UserRefSerializer(allow_null=True)


class OfficialResponseSerializer(serializers.Serializer):
    """`{department, message, date, responder}`; department is the department's name."""

    department = serializers.SerializerMethodField()
    message = serializers.CharField()
    date = serializers.DateTimeField(source="updated_at")
    responder = UserRefSerializer(allow_null=True)

    def get_department(self, response) -> str | None:
        return response.department.name if response.department else None


class ImageDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str:
        return media_url(image.image, self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail(self, image) -> str | None:
        return media_url(image.thumbnail, self.context.get("request"))


class IssueSerializer(_IssueCompactFields):
    """The documented full issue (detail, create, status updates)."""

    location = serializers.SerializerMethodField()
    reporter = serializers.SerializerMethodField()
    assigned_resolver = UserMinimalSerializer(allow_null=True)
    department = DepartmentRefSerializer(allow_null=True)
    shares = serializers.IntegerField(source="share_count")
    is_anonymous = serializers.BooleanField()
    updated_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    timeline = TimelineEntrySerializer(many=True)  # loaded by issue_get_models
    official_response = serializers.SerializerMethodField()
    after_images = serializers.SerializerMethodField()
    image_details = serializers.SerializerMethodField()

    @extend_schema_field(LocationSerializer)
    def get_location(self, issue) -> dict:
        coordinates = None
        if issue.latitude is not None and issue.longitude is not None:
            coordinates = {"lat": issue.latitude, "lng": issue.longitude}
        return {"address": issue.address, "area": issue.area, "coordinates": coordinates}

    @extend_schema_field(AnonymousAuthorSerializer)
    def get_reporter(self, issue) -> dict:
        return self.get_author(issue)

    @extend_schema_field(OfficialResponseSerializer(allow_null=True))
    def get_official_response(self, issue) -> dict | None:
        response = issue.official_response_or_none  # loaded by issue_get_models
        return OfficialResponseSerializer(response, context=self.context).data if response else None

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_after_images(self, issue) -> list[str]:
        return _image_urls(getattr(issue, "after_images", []), self.context.get("request"))

    @extend_schema_field(ImageDetailSerializer(many=True))
    def get_image_details(self, issue) -> list[dict]:
        return ImageDetailSerializer(getattr(issue, "before_images", []), many=True, context=self.context).data

    # Rendered by hand from the rows the endpoints read (full_issue_data), field for field what the declared
    # fields render from the models (tests/api/test_renderings.py holds them equal): its nine nested
    # serializers cost more CPU than the detail's four queries.
    def to_representation(self, detail: IssueDetail) -> dict:
        return full_issue_data(detail, self.context)


def full_issue_data(detail: IssueDetail, context) -> dict:
    """IssueSerializer(detail).data without the serializer: the full issue from the rows of issue_rows.issue_detail."""
    request, zone = context.get("request"), timezone.get_current_timezone()
    issue = detail.compact
    data = compact_data(issue, [_image_url(image.image, request) for image in detail.before_images], context, zone=zone)
    coordinates = None
    if detail.latitude is not None and detail.longitude is not None:
        coordinates = {"lat": detail.latitude, "lng": detail.longitude}
    data["location"] = {"address": issue.address, "area": issue.area, "coordinates": coordinates}  # in place
    resolver, response = detail.assigned_resolver, detail.official_response
    data.update(
        reporter=dict(data["author"]),
        assigned_resolver=None if resolver is None else account_minimal(resolver, request),
        department=None
        if detail.department_id is None
        else {"id": detail.department_id, "name": detail.department_name},
        shares=detail.share_count,
        is_anonymous=bool(issue.is_anonymous),
        updated_at=datetime_text(detail.updated_at, zone),
        resolved_at=datetime_text(detail.resolved_at, zone),
        timeline=[
            {
                "status": entry.status,
                "date": datetime_text(entry.created_at, zone),
                "note": entry.note,
                "updated_by": user_ref(entry.updated_by),
            }
            for entry in detail.timeline
        ],
        official_response=None
        if response is None
        else {
            "department": response.department_name,
            "message": response.message,
            "date": datetime_text(response.updated_at, zone),
            "responder": user_ref(response.responder),
        },
        after_images=[_image_url(image.image, request) for image in detail.after_images],
        image_details=[
            {
                "id": image.id,
                "url": _image_url(image.image, request),
                "thumbnail": _image_url(image.thumbnail, request, THUMBNAIL_STORAGE),
            }
            for image in detail.before_images
        ],
    )
    return data


class ImagesField(serializers.ListField):
    """Up to five uploaded images (multipart `images`), checked by content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.FileField())
        kwargs.setdefault("max_length", MAX_IMAGES_PER_ISSUE)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        files = super().to_internal_value(data)
        return images_validate(files)


@extend_schema_field({"type": "string", "enum": [row["id"] for row in reference_data.CATEGORIES]})
class CategoryField(serializers.SlugRelatedField):
    """A category id; documented with the ids the reference data migration loads."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="id", queryset=Category.objects.filter(is_active=True), **kwargs)


@extend_schema_field({"type": "string", "enum": [row["id"] for row in reference_data.DEPARTMENTS]})
class DepartmentField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="id", queryset=Department.objects.filter(is_active=True), **kwargs)


class _IssueFieldsSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000)
    category = CategoryField()
    urgency = serializers.ChoiceField(choices=Issue.Urgency.choices, default=Issue.Urgency.NORMAL)
    address = serializers.CharField(max_length=500)
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True)
    department = DepartmentField(required=False, allow_null=True)
    is_anonymous = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        if self.partial:
            return attrs
        if (attrs.get("latitude") is None) != (attrs.get("longitude") is None):
            raise serializers.ValidationError({"latitude": ["Give both latitude and longitude, or neither."]})
        return attrs


def _without_non_file_image_parts(data):
    """Multipart `images[N]` parts that carry no file (a browser's stray text part) are dropped, not a 400."""
    if not hasattr(data, "getlist"):
        return data
    stray = [
        key for key in data if key.startswith("images[") and not all(hasattr(v, "read") for v in data.getlist(key))
    ]
    if not stray:
        return data
    return MultiValueDict({key: data.getlist(key) for key in data if key not in stray})


class IssueCreateSerializer(_IssueFieldsSerializer):
    images = ImagesField()
    # superset for the TownSpark frontend (issue #15): its report form's names (is_public is ignored)
    location = serializers.CharField(
        write_only=True, required=False, max_length=500, help_text="Alias of address (TownSpark frontend)"
    )
    urgency_level = serializers.CharField(  # checked as `urgency`, which it stands for
        write_only=True, required=False, max_length=20, help_text="Alias of urgency (TownSpark frontend)"
    )

    def to_internal_value(self, data):
        data = with_aliases(_without_non_file_image_parts(data), {"location": "address", "urgency_level": "urgency"})
        attrs = super().to_internal_value(data)
        attrs.pop("location", None)
        attrs.pop("urgency_level", None)
        return attrs


class IssueUpdateSerializer(_IssueFieldsSerializer):
    """PATCH issues/{id}/: basic fields (reporter), or `status` with an optional `note` (resolver/admin)."""

    status = serializers.ChoiceField(choices=Issue.Status.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class StatusUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Issue.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignSerializer(serializers.Serializer):
    resolver_id = AccountField(
        realm="townspark",
        queryset=get_user_model().objects.filter(role="resolver"),
        error_messages={"does_not_exist": "No resolver with this id."},
    )


class OfficialResponseInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=5000)


class ShareInputSerializer(serializers.Serializer):
    platform = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)


class UpvoteResultSerializer(serializers.Serializer):
    upvoted = serializers.BooleanField()
    upvotes = serializers.IntegerField()


class BookmarkResultSerializer(serializers.Serializer):
    bookmarked = serializers.BooleanField()


class ShareResultSerializer(serializers.Serializer):
    shared = serializers.BooleanField()
    shares = serializers.IntegerField()
