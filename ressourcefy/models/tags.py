"""Tags: the vocabulary resources are filed under and readers pick as interests."""

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class Tag(models.Model):
    """Names (case-insensitively) and slugs are unique among live tags; deleting one in use is soft (`deleted_at`).

    A soft-deleted tag is detached from every resource and interest (admin delete and merge do that), so it
    only remains as a record; its name and slug are free again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=50)
    slug = models.SlugField(max_length=60, allow_unicode=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(deleted_at__isnull=True), name="rfy_tag_live_name_unique"
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(deleted_at__isnull=True), name="rfy_tag_live_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
