"""Comment writes: post (optionally replying), soft delete, and votes that keep `Comment.score` exact.

`Resource.comment_count` moves with F() in the transaction that adds or removes a visible comment.
A vote locks its comment row first, so concurrent votes on one comment run one after another:
the score moves by the vote's difference and always equals the sum of the vote rows.
"""

from copy import copy

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import NotFound, ValidationError

from ressourcefy.exceptions import AlreadyVoted, DeletedContent
from ressourcefy.models import Comment, CommentVote, Resource
from ressourcefy.selectors.access import resource_is_visible
from ressourcefy.selectors.comments import COMMENT_NOT_FOUND


@transaction.atomic
def comment_create(*, author, resource: Resource, body: str, parent_id=None) -> Comment:
    """A comment on `resource`; a reply's parent must be a visible comment of the same resource (400 otherwise)."""
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, resource=resource, deleted_at__isnull=True).first()
        if parent is None:
            raise ValidationError({"parent_id": ["No visible comment with this id on this resource."]})
    comment = Comment.objects.create(resource=resource, author=author, body=body, parent=parent)
    Resource.objects.filter(pk=resource.pk).update(comment_count=F("comment_count") + 1)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment) -> None:
    """Soft delete: the comment leaves the list and the resource's count (its replies stay); twice is harmless."""
    removed = Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), updated_at=timezone.now()
    )
    if removed:
        Resource.objects.filter(pk=comment.resource_id).update(comment_count=F("comment_count") - 1)


@transaction.atomic
def comment_vote(*, user, comment_id, value: int) -> tuple[CommentVote, int]:
    """Cast or change the caller's vote; (the vote, the comment's new score).

    The same vote again is AlreadyVoted (422); a deleted comment is DeletedContent (403).
    """
    comment = Comment.objects.select_for_update(of=("self",)).select_related("resource").filter(pk=comment_id).first()
    if comment is None or not resource_is_visible(user, comment.resource):
        raise NotFound(COMMENT_NOT_FOUND)
    if comment.deleted_at is not None:
        raise DeletedContent()
    vote = CommentVote.objects.filter(comment=comment, user=user).first()
    if vote is None:
        vote = CommentVote.objects.create(comment=comment, user=user, value=value)
        delta = value
    elif vote.value == value:
        raise AlreadyVoted()
    else:
        delta = value - vote.value
        before = copy(vote)
        vote.value, vote.updated_at = value, timezone.now()
        CommentVote.objects.filter(pk=vote.pk).update(value=vote.value, updated_at=vote.updated_at)
        # The audit entry auditlog would write on save(), from the row as read here: its receiver would read the
        # row again for the diff, a seventh query on the request path (issue #16 allows six).
        LogEntry.objects.log_create(vote, action=LogEntry.Action.UPDATE, changes=model_instance_diff(before, vote))
    Comment.objects.filter(pk=comment.pk).update(score=F("score") + delta)
    return vote, comment.score + delta
