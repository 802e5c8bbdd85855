"""Admin resource writes: create for an author, update reporting what changed, soft delete, restore, versions.

They reuse the user-facing services (price rule, live tags, gapless versions, outbox events); the admin
only skips the author and role checks. Delete and restore are recorded with `audit_action`.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import NotFound

from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import Resource, ResourceVersion
from ressourcefy.selectors.resources import RESOURCE_NOT_FOUND
from ressourcefy.services import audit
from ressourcefy.services import resources as resource_services

AUTHOR_NOT_FOUND = "Author not found"
UPDATABLE = ("title", "description", "visibility", "price_cents", "tag_ids")


def _author(author_id):
    """An active Ressourcefy account (any role: the document names no minimum for an admin's on-behalf create)."""
    author = get_user_model().objects.filter(realm="ressourcefy", uuid=author_id, is_active=True).first()
    if author is None:
        raise InvalidAction(AUTHOR_NOT_FOUND)
    return author


def admin_resource_create(*, author_id, **fields) -> Resource:
    return resource_services.resource_create(author=_author(author_id), **fields)


def _state(resource: Resource) -> dict:
    return {
        "title": resource.title,
        "description": resource.description,
        "visibility": resource.visibility,
        "price_cents": resource.price_cents,
        "tag_ids": sorted(str(pk) for pk in resource.tags.values_list("pk", flat=True)),
    }


@transaction.atomic
def admin_resource_update(*, resource_id, **changes) -> tuple[Resource, list[str]]:
    """The updated resource and the fields whose value changed (a price dropped by leaving premium counts)."""
    resource = Resource.objects.select_for_update().filter(pk=resource_id).first()
    if resource is None or resource.deleted_at is not None:
        raise NotFound(RESOURCE_NOT_FOUND)
    before = _state(resource)
    resource = resource_services.resource_update(resource=resource, **changes)
    after = _state(resource)
    return resource, [field for field in UPDATABLE if before[field] != after[field]]


def _locked(resource_id) -> Resource:
    resource = Resource.objects.select_for_update().filter(pk=resource_id).first()
    if resource is None:
        raise NotFound(RESOURCE_NOT_FOUND)
    return resource


@transaction.atomic
def admin_resource_delete(*, resource_id) -> Resource:
    """Soft delete (idempotent on an already deleted resource: nothing changes, nothing is recorded)."""
    resource = _locked(resource_id)
    if resource.deleted_at is None:
        resource.deleted_at = timezone.now()
        resource.save(update_fields=["deleted_at", "updated_at"])
        audit.audit_action(
            action="resource.delete",
            target=resource,
            description=f"Resource '{resource.title}' soft-deleted by an administrator",
            before={"deleted_at": None},
            after={"deleted_at": resource.deleted_at.isoformat()},
        )
    return resource


@transaction.atomic
def admin_resource_restore(*, resource_id) -> Resource:
    """Undo a soft delete; restoring a resource that is not deleted is a 400."""
    resource = _locked(resource_id)
    if resource.deleted_at is None:
        raise InvalidAction("Resource is not deleted")
    deleted_at = resource.deleted_at
    resource.deleted_at = None
    resource.save(update_fields=["deleted_at", "updated_at"])
    audit.audit_action(
        action="resource.restore",
        target=resource,
        description=f"Resource '{resource.title}' restored by an administrator",
        before={"deleted_at": deleted_at.isoformat()},
        after={"deleted_at": None},
    )
    return resource


def admin_version_add(*, admin, resource_id, file_url: str) -> ResourceVersion:
    """The next gapless version of any not deleted resource, whoever its author (recorded as made by the admin)."""
    return resource_services.resource_version_append(resource_id=resource_id, file_url=file_url, created_by=admin)
