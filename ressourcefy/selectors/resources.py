"""Reads of resources: the feed, one's own list, one resource for its detail, tags and authors' public profiles."""

import uuid

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Resource, ResourceAccess, ResourceVersion, Tag, Visibility
from ressourcefy.selectors.access import resource_is_visible

RESOURCE_NOT_FOUND = "Resource not found."
RECENT_RESOURCES = 5
LISTED_VISIBILITIES = (Visibility.PUBLIC, Visibility.PREMIUM)


def _with_card_relations(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a list card shows (author's name and avatar, tag names) in a fixed number of queries."""
    return queryset.select_related("author", "author__ressourcefy_profile").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )


def _parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def feed_list(*, tag: str | None = None, search: str | None = None) -> QuerySet[Resource]:
    """Public and premium resources, newest first; `tag`: a tag's slug or id, `search`: in title or description."""
    resources = Resource.objects.filter(deleted_at__isnull=True, visibility__in=LISTED_VISIBILITIES)
    if tag:
        tag_id = _parse_uuid(tag)
        by_tag = Q(tags__slug=tag) if tag_id is None else Q(tags__id=tag_id) | Q(tags__slug=tag)
        resources = resources.filter(pk__in=Resource.objects.filter(by_tag).values("pk"))
    if search:
        resources = resources.filter(Q(title__icontains=search) | Q(description__icontains=search))
    return _with_card_relations(resources.order_by("-created_at", "-id"))


def user_resource_list(*, user) -> QuerySet[Resource]:
    """The caller's own resources of every visibility (deleted ones left out), newest first."""
    resources = Resource.objects.filter(author=user, deleted_at__isnull=True).order_by("-created_at", "-id")
    return _with_card_relations(resources)


def resource_get_visible(*, resource_id, user) -> Resource:
    """The resource if the caller may know it exists (see `resource_is_visible`); NotFound otherwise."""
    resource = Resource.objects.select_related("author", "author__ressourcefy_profile").filter(pk=resource_id).first()
    if resource is None or not resource_is_visible(user, resource):
        raise NotFound(RESOURCE_NOT_FOUND)
    return resource


def resource_detail_get(*, resource_id, user) -> Resource:
    """A visible resource with its tags and versions (newest first) loaded."""
    resource = resource_get_visible(resource_id=resource_id, user=user)
    resource.tag_list = list(resource.tags.order_by("name"))
    resource.version_list = list(ResourceVersion.objects.filter(resource=resource).order_by("-version_number"))
    return resource


def latest_version(resource: Resource) -> ResourceVersion | None:
    return ResourceVersion.objects.filter(resource=resource).order_by("-version_number").first()


def tag_list() -> QuerySet[Tag]:
    return Tag.objects.filter(deleted_at__isnull=True).order_by("name")


def author_get(*, user_id):
    """A Ressourcefy account's public profile with its figures and most recent listed resources (NotFound otherwise)."""
    user = (
        get_user_model()
        .objects.select_related("ressourcefy_profile")
        .filter(realm="ressourcefy", uuid=user_id, is_active=True)
        .first()
    )
    if user is None:
        raise NotFound("User not found.")
    listed = Resource.objects.filter(author=user, deleted_at__isnull=True, visibility__in=LISTED_VISIBILITIES)
    user.total_resources = listed.count()
    user.total_views = ResourceAccess.objects.filter(resource__in=listed.values("pk"), granted=True).count()
    user.recent_resources = list(listed.order_by("-created_at", "-id")[:RECENT_RESOURCES])
    return user


def resource_get_live(*, resource_id) -> Resource:
    """A resource that is not deleted, whoever may see it (the access endpoint records refusals too)."""
    resource = Resource.objects.filter(pk=resource_id, deleted_at__isnull=True).first()
    if resource is None:
        raise NotFound(RESOURCE_NOT_FOUND)
    return resource
