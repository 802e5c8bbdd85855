"""Admin reads of resources: every resource (deleted ones on request) with filters, and one with all its versions."""

from django.db.models import Prefetch, QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Resource, ResourceVersion, Tag
from ressourcefy.selectors.resources import RESOURCE_NOT_FOUND

RESOURCE_ORDERINGS = ("created_at", "-created_at", "updated_at", "-updated_at", "title", "-title")


def _with_admin_relations(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Author, tags and every version in a fixed number of queries, whatever the page size."""
    return resources.select_related("author").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
        Prefetch("versions", queryset=ResourceVersion.objects.order_by("-version_number")),
    )


def admin_resource_list(
    *,
    author_id=None,
    visibility: str | None = None,
    has_price: bool | None = None,
    search: str | None = None,
    tag_ids=(),
    include_deleted: bool = False,
    deleted: bool | None = None,
    ordering: str = "-created_at",
) -> QuerySet[Resource]:
    """`deleted` true/false: only deleted or only live ones; else live ones, and deleted too with `include_deleted`."""
    resources = Resource.objects.all()
    if deleted is not None:
        resources = resources.filter(deleted_at__isnull=not deleted)
    elif not include_deleted:
        resources = resources.filter(deleted_at__isnull=True)
    if author_id:
        resources = resources.filter(author__uuid=author_id)
    if visibility:
        resources = resources.filter(visibility=visibility)
    if has_price is not None:
        resources = resources.filter(price_cents__isnull=not has_price)
    if search:
        resources = resources.filter(title__icontains=search)
    if tag_ids:
        # any of the tags; a subquery so a resource with two of them is listed once
        resources = resources.filter(
            pk__in=Resource.tags.through.objects.filter(tag_id__in=tag_ids).values("resource_id")
        )
    return _with_admin_relations(resources.order_by(ordering, "-id"))


def admin_resource_get(*, resource_id) -> Resource:
    resource = _with_admin_relations(Resource.objects.filter(pk=resource_id)).first()
    if resource is None:
        raise NotFound(RESOURCE_NOT_FOUND)
    return resource
