"""Comment writes: threaded replies, @mentions, like toggles and deletion, keeping the issue's counter exact."""

import re
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest, Lower
from rest_framework.exceptions import ValidationError

from townspark.models import Comment, CommentLike, Issue
from townspark.services.badges import badges_award
from townspark.services.counters import issue_counter_add
from townspark.services.events import new_comment_publish
from townspark.services.notifications import notifications_notify

User = get_user_model()
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]{1,149})")


def mentioned_usernames(content: str) -> set[str]:
    return {name.rstrip(".-").lower() for name in MENTION.findall(content)}


def _display(user) -> str:
    return user.name or user.username or "Someone"


def comment_create(*, issue: Issue, author, content: str, parent: Comment | None = None) -> Comment:
    """Add a comment (or a reply) and count it; one task after commit notifies and announces it.

    The request writes the comment and the counter only (two statements). The reporter, the
    replied-to author and anyone @mentioned are notified, the author's badges rechecked and the
    `new_comment` frame sent by `townspark.tasks.comment_created_effects`.
    """
    if parent is not None and parent.issue_id != issue.pk:
        raise ValidationError({"parent_id": ["The parent comment belongs to another issue."]})
    # Replies hang under the thread's top-level comment, so a page loads every reply in one query.
    root_id = None if parent is None else (parent.root_id or parent.pk)
    with transaction.atomic(savepoint=False):  # nothing is raised inside: the caller's transaction stays sound
        comment = Comment.objects.create(issue=issue, author=author, content=content, parent=parent, root_id=root_id)
        issue_counter_add(issue.pk, "comment_count", +1)
        transaction.on_commit(partial(_enqueue_created_effects, comment.pk))
    return comment


def _enqueue_created_effects(comment_id) -> None:
    from townspark.tasks import comment_created_effects

    comment_created_effects.delay(str(comment_id))


def comment_created_effects_apply(*, comment: Comment, comment_data: dict) -> None:
    """Notify the reporter, the replied-to author and the @mentioned; recheck the author's badges; announce it.

    Each person is notified once per comment (the notification's id derives from the comment),
    so a second run adds nothing; badges are unique per user. `comment_data` is the comment as
    the `new_comment` frame carries it. The live frame is the one effect a second run repeats.
    """
    issue, author, parent = comment.issue, comment.author, comment.parent
    key = f"comment:{comment.pk}"
    notified = {author.pk}
    names = mentioned_usernames(comment.content)
    if names:
        mentioned = list(
            User.objects.annotate(lower_username=Lower("username")).filter(
                realm="townspark", lower_username__in=names, is_active=True
            )
        )
        notifications_notify(
            users=mentioned,
            type="mention",
            title="You were mentioned",
            message=f"{_display(author)} mentioned you on '{issue.title}': {comment.content[:140]}",
            issue=issue,
            actor=author,
            key=key,
        )
        notified.update(user.pk for user in mentioned)
    if parent is not None and parent.author_id not in notified:
        notifications_notify(
            users=[parent.author],
            type="comment",
            title="New Reply",
            message=f"{_display(author)} replied to your comment on '{issue.title}'.",
            issue=issue,
            actor=author,
            key=key,
        )
        notified.add(parent.author_id)
    if issue.reporter_id not in notified:
        notifications_notify(
            users=[issue.reporter],
            type="comment",
            title="New Comment",
            message=f"{_display(author)} commented on your issue '{issue.title}'.",
            issue=issue,
            actor=author,
            key=key,
        )
    badges_award(user=author, changed=["comments_posted"])
    new_comment_publish(
        issue=issue,
        comment_data=comment_data,
        author=author,
        extra_user_ids=[parent.author_id] if parent is not None else [],
    )


@transaction.atomic
def comment_like_toggle(*, comment_id, user) -> tuple[bool, int]:
    """Like or unlike; returns (liked, like count). The comment row lock keeps the count exact."""
    comment = Comment.objects.select_for_update().get(pk=comment_id)
    deleted, _ = CommentLike.objects.filter(comment=comment, user=user).delete()
    if deleted:
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
        liked = False
    else:
        try:
            with transaction.atomic():
                CommentLike.objects.create(comment=comment, user=user)
        except IntegrityError:
            return True, Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).get()
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
        liked = True
    return liked, Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).get()


@transaction.atomic
def comment_delete(*, comment: Comment) -> int:
    """Delete a comment and its replies; returns how many comments went."""
    _, per_model = Comment.objects.filter(pk=comment.pk).delete()
    removed = per_model.get(Comment._meta.label, 0)
    Issue.objects.filter(pk=comment.issue_id).update(comment_count=Greatest(F("comment_count") - removed, 0))
    return removed
