"""Comment writes: threaded replies, @mentions, like toggles and deletion, keeping the issue's counter exact."""

import re

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest, Lower
from rest_framework.exceptions import ValidationError

from townspark.models import Comment, CommentLike, Issue
from townspark.services.badges import badges_award
from townspark.services.notifications import notifications_notify

User = get_user_model()
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]{1,149})")


def mentioned_usernames(content: str) -> set[str]:
    return {name.rstrip(".-").lower() for name in MENTION.findall(content)}


def _display(user) -> str:
    return user.name or user.username or "Someone"


@transaction.atomic
def comment_create(*, issue: Issue, author, content: str, parent: Comment | None = None) -> Comment:
    """Add a comment (or a reply); notify the reporter, the replied-to author and anyone @mentioned."""
    if parent is not None and parent.issue_id != issue.pk:
        raise ValidationError({"parent_id": ["The parent comment belongs to another issue."]})
    # Replies hang under the thread's top-level comment, so a page loads every reply in one query.
    root_id = None if parent is None else (parent.root_id or parent.pk)
    comment = Comment.objects.create(issue=issue, author=author, content=content, parent=parent, root_id=root_id)
    Issue.objects.filter(pk=issue.pk).update(comment_count=F("comment_count") + 1)

    notified = {author.pk}
    names = mentioned_usernames(content)
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
            message=f"{_display(author)} mentioned you on '{issue.title}': {content[:140]}",
            issue=issue,
            actor=author,
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
        )
    badges_award(user=author, changed=["comments_posted"])
    return comment


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
