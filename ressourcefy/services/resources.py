"""Resource writes: create, update, soft delete, numbered versions, and recorded access requests.

Version numbers come from `Resource.version_count`, read and moved under a lock on the resource
row, so concurrent versions of one resource take 1, 2, 3... without gaps or duplicates.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import NotFound, PermissionDenied

from ressourcefy.exceptions import InvalidAction, PremiumRequired
from ressourcefy.models import Resource, ResourceAccess, ResourceVersion, Tag, Visibility
from ressourcefy.selectors.access import resource_access_reason, resource_is_visible
from ressourcefy.selectors.resources import RESOURCE_NOT_FOUND, latest_version
from ressourcefy.services.outbox import outbox_record
from ressourcefy.services.tags import live_tags_locked

PREMIUM_NEEDS_PRICE = "Premium resources must have a price"
ONLY_PREMIUM_PRICED = "Only premium resources can have a price"
NOT_VERSION_AUTHOR = "You do not have permission to create versions for this resource"


def _check_price(*, visibility: str, price_cents: int | None) -> None:
    if visibility == Visibility.PREMIUM and price_cents is None:
        raise InvalidAction(PREMIUM_NEEDS_PRICE)
    if visibility != Visibility.PREMIUM and price_cents is not None:
        raise InvalidAction(ONLY_PREMIUM_PRICED)


def _existing_tags(tag_ids) -> list[Tag]:
    """Live tags only, share-locked against a concurrent merge or delete (services/tags.py)."""
    return live_tags_locked(tag_ids)


def _add_version(*, resource: Resource, file_url: str, created_by) -> ResourceVersion:
    """The next numbered version; the caller holds the lock on the resource row."""
    number = Resource.objects.filter(pk=resource.pk).values_list("version_count", flat=True).get() + 1
    Resource.objects.filter(pk=resource.pk).update(version_count=F("version_count") + 1)
    resource.version_count = number
    version = ResourceVersion.objects.create(
        resource=resource, version_number=number, file_url=file_url, created_by=created_by
    )
    outbox_record(
        event_type="resource.version_added",
        aggregate_type="resource",
        aggregate_id=resource.pk,
        payload={"resource_id": str(resource.pk), "version_number": number, "file_url": file_url},
    )
    return version


@transaction.atomic
def resource_create(
    *,
    author,
    title: str,
    description: str,
    visibility: str,
    price_cents: int | None = None,
    tag_ids=(),
    file_url: str | None = None,
) -> Resource:
    """A new resource by `author`; with `file_url` it starts at version 1. Records `resource.created`."""
    _check_price(visibility=visibility, price_cents=price_cents)
    tags = _existing_tags(tag_ids)
    resource = Resource.objects.create(
        author=author, title=title, description=description, visibility=visibility, price_cents=price_cents
    )
    resource.tags.set(tags)
    outbox_record(
        event_type="resource.created",
        aggregate_type="resource",
        aggregate_id=resource.pk,
        payload={
            "resource_id": str(resource.pk),
            "author_id": str(author.uuid),
            "visibility": visibility,
            "price_cents": price_cents,
        },
    )
    if file_url:
        _add_version(resource=resource, file_url=file_url, created_by=author)
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, **changes) -> Resource:
    """Change title, description, visibility, price or tags; the result must still price exactly premium ones.

    Leaving premium without naming a price drops the price (it can only belong to a premium resource).
    """
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.deleted_at is not None:
        raise NotFound(RESOURCE_NOT_FOUND)
    visibility = changes.get("visibility", resource.visibility)
    kept_price = resource.price_cents if visibility == Visibility.PREMIUM else None
    price_cents = changes.get("price_cents", kept_price)
    _check_price(visibility=visibility, price_cents=price_cents)
    tags = _existing_tags(changes["tag_ids"]) if "tag_ids" in changes else None
    for field in ("title", "description"):
        if field in changes:
            setattr(resource, field, changes[field])
    resource.visibility, resource.price_cents = visibility, price_cents
    resource.save(update_fields=["title", "description", "visibility", "price_cents", "updated_at"])
    if tags is not None:
        resource.tags.set(tags)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource) -> None:
    """Soft delete: the resource leaves every list and answers 404; purchases and accesses keep their rows."""
    Resource.objects.filter(pk=resource.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), updated_at=timezone.now()
    )


@transaction.atomic
def resource_version_append(*, resource_id, file_url: str, created_by) -> ResourceVersion:
    """The next version of any not deleted resource, by whoever the caller vouches for (the admin API)."""
    resource = Resource.objects.select_for_update().filter(pk=resource_id, deleted_at__isnull=True).first()
    if resource is None:
        raise NotFound(RESOURCE_NOT_FOUND)
    return _add_version(resource=resource, file_url=file_url, created_by=created_by)


@transaction.atomic
def resource_version_add(*, user, resource_id, file_url: str) -> ResourceVersion:
    """The author's next version of a resource (403 for anyone else, 404 for one they cannot see)."""
    resource = Resource.objects.select_for_update().filter(pk=resource_id).first()
    if resource is None or not resource_is_visible(user, resource):
        raise NotFound(RESOURCE_NOT_FOUND)
    if resource.author_id != user.pk:
        raise PermissionDenied(NOT_VERSION_AUTHOR)
    return _add_version(resource=resource, file_url=file_url, created_by=user)


def resource_access(*, user, resource: Resource) -> ResourceVersion | None:
    """Record the request, granted or refused; the latest version if granted, else PremiumRequired or NotFound.

    The record is committed even when access is refused: it is the author's and the admins' figure.
    """
    reason = resource_access_reason(user, resource)
    ResourceAccess.objects.create(resource=resource, user=user, granted=reason is not None, reason=reason or "refused")
    if reason is None:
        if resource.visibility == Visibility.PREMIUM and resource.deleted_at is None:
            raise PremiumRequired()
        raise NotFound(RESOURCE_NOT_FOUND)
    return latest_version(resource)
