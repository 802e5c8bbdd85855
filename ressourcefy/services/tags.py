"""Tags as resources and interests take them: live tags read under a share lock, so a merge or delete waits.

A merge or delete of a tag locks its row FOR UPDATE; whoever attaches tags locks them FOR SHARE (on
PostgreSQL) first, always in id order. Either the attach commits first and the merge then moves its row,
or the merge commits first and the attach no longer finds the (soft-deleted) tag: nothing is lost and
nothing is left pointing at a deleted tag.
"""

from django.db import connection

from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import Tag

TAGS_NOT_FOUND = "One or more tags not found"
LIVE_TAGS_FOR_SHARE = (
    "SELECT * FROM ressourcefy_tag WHERE id = ANY(%s::uuid[]) AND deleted_at IS NULL ORDER BY id FOR SHARE"
)


def live_tags_locked(tag_ids) -> list[Tag]:
    """The live tags of `tag_ids`, share-locked until the transaction ends; 400 if any is missing or deleted."""
    wanted = sorted({str(tag_id) for tag_id in tag_ids})
    if not wanted:
        return []
    if connection.vendor == "postgresql":
        # Django has no FOR SHARE; attaching the same tag concurrently must not serialize on FOR UPDATE.
        tags = list(Tag.objects.raw(LIVE_TAGS_FOR_SHARE, [wanted]))
    else:
        tags = list(Tag.objects.filter(pk__in=wanted, deleted_at__isnull=True).order_by("pk"))
    if len(tags) != len(wanted):
        raise InvalidAction(TAGS_NOT_FOUND)
    return tags
