"""Admin tag writes: create and rename (unique names, Unicode slugs de-duplicated), delete, and merge.

Merge and delete lock the tags' rows FOR UPDATE, in id order; everything that attaches tags takes them
FOR SHARE first (services/tags.py), so a tagging racing a merge is either moved by it or refused.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework.exceptions import NotFound

from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import Profile, Resource, Tag
from ressourcefy.services import audit

TAG_NOT_FOUND = "Tag not found."
SLUG_BASE_LENGTH = 50  # leaves room in the 60-character slug for a "-<n>" suffix
SLUG_ATTEMPTS = 5

ResourceTag = Resource.tags.through
ProfileInterest = Profile.interests.through


def _name_taken(name: str, *, exclude_pk=None) -> bool:
    return Tag.objects.filter(name__iexact=name, deleted_at__isnull=True).exclude(pk=exclude_pk).exists()


def _tag_exists_error(name: str, slug: str) -> InvalidAction:
    return InvalidAction(f"Tag with name '{name}' or slug '{slug}' already exists")


def tag_slug_free(name: str, *, exclude_pk=None) -> str:
    """`slugify(name, allow_unicode=True)`, or "tag" when nothing is left of it; "-2", "-3"... while taken."""
    base = slugify(name, allow_unicode=True)[:SLUG_BASE_LENGTH].strip("-") or "tag"
    taken = set(
        Tag.objects.filter(deleted_at__isnull=True, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _save_named(tag: Tag, name: str) -> Tag:
    """Save `tag` under `name` with a free slug; a concurrent taker of the slug makes us pick the next one."""
    for _ in range(SLUG_ATTEMPTS):
        if _name_taken(name, exclude_pk=tag.pk):
            raise _tag_exists_error(name, slugify(name, allow_unicode=True))
        tag.name, tag.slug = name, tag_slug_free(name, exclude_pk=tag.pk)
        try:
            with transaction.atomic():
                tag.save()
            return tag
        except IntegrityError:
            continue  # the name or slug was taken meanwhile: look again
    raise _tag_exists_error(name, tag.slug)


def tag_create(*, name: str) -> Tag:
    return _save_named(Tag(), name.strip())


@transaction.atomic
def tag_update(*, tag_id, name: str) -> Tag:
    tag = Tag.objects.select_for_update().filter(pk=tag_id, deleted_at__isnull=True).first()
    if tag is None:
        raise NotFound(TAG_NOT_FOUND)
    name = name.strip()
    if name == tag.name:
        return tag
    return _save_named(tag, name)


def _usage(tag: Tag) -> dict:
    return {
        "resources": ResourceTag.objects.filter(tag_id=tag.pk).count(),
        "interests": ProfileInterest.objects.filter(tag_id=tag.pk).count(),
    }


def _snapshot(tag: Tag) -> dict:
    return {"id": str(tag.pk), "name": tag.name, "slug": tag.slug}


@transaction.atomic
def tag_delete(*, tag_id) -> bool:
    """An unused tag is deleted; one in use is detached from its resources and interests and soft-deleted.

    True when the tag was soft-deleted (it was in use).
    """
    tag = Tag.objects.select_for_update().filter(pk=tag_id, deleted_at__isnull=True).first()
    if tag is None:
        raise NotFound(TAG_NOT_FOUND)
    usage = _usage(tag)
    if not any(usage.values()):
        tag.delete()
        return False
    ResourceTag.objects.filter(tag_id=tag.pk).delete()
    ProfileInterest.objects.filter(tag_id=tag.pk).delete()
    tag.deleted_at = timezone.now()
    tag.save(update_fields=["deleted_at", "updated_at"])
    audit.audit_action(
        action="tag.delete",
        target=tag,
        description=f"Tag '{tag.name}' was in use: detached from {usage['resources']} resources "
        f"and {usage['interests']} interests, then soft-deleted",
        before={**_snapshot(tag), **usage, "deleted_at": None},
        after={**_snapshot(tag), "resources": 0, "interests": 0, "deleted_at": tag.deleted_at.isoformat()},
    )
    return True


def _move(through, owner_field: str, *, source: Tag, target: Tag) -> int:
    """Point the source's rows at the target; an owner that already has the target just loses the source row."""
    has_target = through.objects.filter(tag_id=target.pk).values(owner_field)
    through.objects.filter(tag_id=source.pk, **{f"{owner_field}__in": has_target}).delete()
    return through.objects.filter(tag_id=source.pk).update(tag_id=target.pk)


@transaction.atomic
def tag_merge(*, source_id, target_id) -> tuple[Tag, Tag]:
    """Move every resource tagging and profile interest of the source to the target, then soft-delete the source."""
    if str(source_id) == str(target_id):
        raise InvalidAction("Cannot merge a tag into itself")
    locked = {
        str(tag.pk): tag for tag in Tag.objects.select_for_update().filter(pk__in=[source_id, target_id]).order_by("pk")
    }
    source, target = locked.get(str(source_id)), locked.get(str(target_id))
    if source is None:
        raise NotFound("Source tag not found.")
    if target is None:
        raise NotFound("Target tag not found.")
    if target.deleted_at is not None:
        raise InvalidAction("Cannot merge into a soft-deleted target tag")
    if source.deleted_at is not None:
        raise InvalidAction("Cannot merge a soft-deleted source tag")
    before = {"source": {**_snapshot(source), **_usage(source)}, "target": {**_snapshot(target), **_usage(target)}}
    moved_resources = _move(ResourceTag, "resource_id", source=source, target=target)
    moved_interests = _move(ProfileInterest, "profile_id", source=source, target=target)
    source.deleted_at = timezone.now()
    source.save(update_fields=["deleted_at", "updated_at"])
    audit.audit_action(
        action="tag.merge",
        target=source,
        description=f"Tag '{source.name}' merged into '{target.name}'",
        before=before,
        after={
            "source": {
                **_snapshot(source),
                "resources": 0,
                "interests": 0,
                "deleted_at": source.deleted_at.isoformat(),
            },
            "target": {**_snapshot(target), **_usage(target)},
            "moved_resources": moved_resources,
            "moved_interests": moved_interests,
        },
    )
    return source, target
