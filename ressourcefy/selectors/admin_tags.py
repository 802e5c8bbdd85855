"""Admin reads of tags: the searchable, orderable list (live ones unless asked) and one tag with its usage."""

from django.db.models import Count, QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Tag

TAG_ORDERINGS = ("name", "-name", "created_at", "-created_at", "updated_at", "-updated_at")


def admin_tag_list(*, search: str | None = None, include_deleted: bool = False, ordering: str = "name") -> QuerySet:
    tags = Tag.objects.all() if include_deleted else Tag.objects.filter(deleted_at__isnull=True)
    if search:
        tags = tags.filter(name__icontains=search)
    return tags.order_by(ordering, "id")


def admin_tag_get(*, tag_id) -> Tag:
    """Any tag, soft-deleted ones too, with how many resources and profiles use it."""
    tag = (
        Tag.objects.filter(pk=tag_id)
        .annotate(
            resource_count=Count("resources", distinct=True),
            interest_count=Count("interested_profiles", distinct=True),
        )
        .first()
    )
    if tag is None:
        raise NotFound("Tag not found.")
    return tag
