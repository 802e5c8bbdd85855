"""Resources: an author's publication with numbered versions, who accessed it, and its comments and their votes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"  # anyone signed in
    PREMIUM = "premium", "Premium"  # the author, staff, a buyer or an active subscriber
    PRIVATE = "private", "Private"  # the author and staff


class Resource(models.Model):
    """`price_cents` is set exactly when the resource is premium; deleting is soft (`deleted_at`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ressourcefy_resources")
    title = models.CharField(max_length=200)
    description = models.TextField()
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    price_cents = models.PositiveIntegerField(null=True, blank=True)
    tags = models.ManyToManyField("ressourcefy.Tag", blank=True, related_name="resources")
    comment_count = models.PositiveIntegerField(default=0, help_text="Kept equal to its visible comments.")
    version_count = models.PositiveIntegerField(default=0, help_text="The latest version's number.")
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="rfy_resource_feed", condition=Q(deleted_at__isnull=True)),
            models.Index(fields=["author", "-created_at"], name="rfy_resource_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility="premium", price_cents__isnull=False)
                | (~Q(visibility="premium") & Q(price_cents__isnull=True)),
                name="rfy_resource_price_iff_premium",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResourceVersion(models.Model):
    """Version numbers run 1, 2, 3... per resource without gaps (taken under a lock on the resource)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    version_number = models.PositiveIntegerField()
    file_url = models.URLField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version_number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "version_number"], name="rfy_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} v{self.version_number}"


class ResourceAccess(models.Model):
    """Every access request (`POST resources/<id>/`), granted or refused, for the author's and admins' figures."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted = models.BooleanField()
    reason = models.CharField(max_length=32, help_text="public, author, staff, purchase, subscription or refused.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["resource", "-created_at"], name="rfy_access_resource")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.resource_id} ({self.reason})"


class Comment(models.Model):
    """A comment on a resource, optionally answering another of the same resource; `score` = sum of its votes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ressourcefy_comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    body = models.TextField(max_length=5000)
    score = models.IntegerField(default=0, help_text="Kept equal to the sum of its votes.")
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["resource", "created_at"], name="rfy_comment_resource")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.resource_id}"


class CommentVote(models.Model):
    """+1 or -1, one per (comment, user); changing it is allowed, repeating it is a 422."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The wire's vote_id.")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="rfy_comment_vote_unique"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="rfy_comment_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} on {self.comment_id}"
