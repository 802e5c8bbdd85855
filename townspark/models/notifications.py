"""In-app notifications, also pushed live over the notifications websocket."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from townspark.models.issues import Issue


class Notification(models.Model):
    class Type(models.TextChoices):
        STATUS_UPDATE = "status_update", "Status Update"
        COMMENT = "comment", "New Comment"
        UPVOTE = "upvote", "Upvote"
        MENTION = "mention", "Mention"
        RESOLUTION = "resolution", "Resolution"
        ASSIGNMENT = "assignment", "Assignment"
        SYSTEM = "system", "System"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed by the composite indexes below, which lead with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_notifications", db_index=False
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    title = models.CharField(max_length=200)
    message = models.TextField()
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="townspark_notif_recent"),
            models.Index(fields=["user", "read", "-created_at"], name="townspark_notif_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.type} for {self.user_id}"
