"""Issues and what hangs off them: id counter, images, timeline, official response, upvotes, bookmarks, shares."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from townspark.models.reference import Category, Department


class IssueCounter(models.Model):
    """One row per sequence; issue numbers are taken with an UPDATE ... +1, never "last id + 1"."""

    name = models.CharField(max_length=30, primary_key=True)
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


def location_text(address: str, area: str) -> str:
    """An issue's location as one line: its address and area, whichever it has."""
    return ", ".join(part for part in (address, area) if part)


class Issue(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", "Reported"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        IN_PROGRESS = "in-progress", "In Progress"
        RESOLVED = "resolved", "Resolved"

    class Urgency(models.TextChoices):
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    id = models.CharField(max_length=20, primary_key=True)  # TS-<number>
    number = models.BigIntegerField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="issues")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REPORTED, db_index=True)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)

    address = models.TextField()
    area = models.CharField(max_length=100, blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_issues")
    assigned_resolver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="townspark_assigned_issues",
        db_index=False,  # townspark_issue_assignee (assigned_resolver, status) leads with it
    )
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="issues")
    is_anonymous = models.BooleanField(default=False)

    # Counters kept by the services under a row lock, so lists sort and render without aggregating.
    upvote_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    share_count = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-number"]
        indexes = [
            # The feed's sorts, tie-breaker included: a page is read (or an OFFSET skipped) in index order.
            models.Index(fields=["created_at", "number"], name="townspark_issue_newest"),
            models.Index(fields=["upvote_count", "created_at", "number"], name="townspark_issue_upvoted"),
            models.Index(fields=["comment_count", "created_at", "number"], name="townspark_issue_discussed"),
            models.Index(fields=["latitude", "longitude"], name="townspark_issue_latlng"),
            models.Index(fields=["assigned_resolver", "status"], name="townspark_issue_assignee"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"

    @property
    def location_text(self) -> str:
        return location_text(self.address, self.area)


class IssueImage(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="issue_images")
    image = models.ImageField(upload_to="townspark/issues/%Y/%m/")
    thumbnail = models.ImageField(upload_to="townspark/issues/thumbs/%Y/%m/", blank=True)
    is_after_image = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"Image {self.pk} of {self.issue_id}"


class IssueTimeline(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="timeline_entries")
    status = models.CharField(max_length=20, choices=Issue.Status.choices)
    note = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id} -> {self.status}"


class OfficialResponse(models.Model):
    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="official_response")
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField()
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Official response on {self.issue_id}"


class Upvote(models.Model):
    # No index of its own: the unique (user, issue) constraint serves lookups by user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_upvotes", db_index=False
    )
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="upvote_records")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "issue"], name="townspark_upvote_unique")]

    def __str__(self) -> str:
        return f"Upvote of {self.issue_id} by {self.user_id}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_bookmarks")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="bookmark_records")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "issue"], name="townspark_bookmark_unique")]

    def __str__(self) -> str:
        return f"Bookmark of {self.issue_id} by {self.user_id}"


class Share(models.Model):
    """One share action; anonymous visitors may share too."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="share_records")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    platform = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Share of {self.issue_id}"
