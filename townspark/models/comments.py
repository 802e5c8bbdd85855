"""Comments on issues, threaded by `parent`, grouped under their top-level `root` for one-query replies."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from townspark.models.issues import Issue


class Comment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="issue_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_comments")
    content = models.TextField()
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    # The top-level comment of the thread (null for top-level ones): a page's replies load in one query.
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="thread")
    like_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            # A page of an issue's top-level comments, newest first, and their count.
            models.Index(
                fields=["issue", "-created_at"],
                condition=models.Q(root__isnull=True),
                name="townspark_comment_toplevel",
            )
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.issue_id}"


class CommentLike(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="like_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="townspark_commentlike_unique")]

    def __str__(self) -> str:
        return f"Like of {self.comment_id} by {self.user_id}"
