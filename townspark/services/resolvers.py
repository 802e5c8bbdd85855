"""Resolver workflow: accept (claim) an issue, complete it with a resolution note and after-images."""

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from townspark.exceptions import DuplicateEntry
from townspark.models import Issue, IssueImage, IssueTimeline, ResolverProfile
from townspark.services.events import issue_update_publish
from townspark.services.images import MAX_IMAGES_PER_ISSUE, issue_images_attach
from townspark.services.issues import issue_status_update
from townspark.services.notifications import notification_create


@transaction.atomic
def issue_accept(*, issue: Issue, resolver) -> Issue:
    """Claim an open issue: assigned to the resolver and in progress. Accepting one's own issue again is a no-op."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.assigned_resolver_id == resolver.pk:
        return issue
    if issue.status == Issue.Status.RESOLVED:
        raise ValidationError({"status": ["This issue is already resolved."]})
    if issue.assigned_resolver_id is not None:
        raise DuplicateEntry("This issue is already assigned to another resolver.")
    now = timezone.now()
    issue.assigned_resolver = resolver
    if issue.department_id is None:
        issue.department_id = (
            ResolverProfile.objects.filter(user=resolver).values_list("department_id", flat=True).first()
        )
    if issue.status in (Issue.Status.REPORTED, Issue.Status.ACKNOWLEDGED):
        issue.status = Issue.Status.IN_PROGRESS
    if issue.first_response_at is None:
        issue.first_response_at = now
    issue.updated_at = now
    issue.save(update_fields=["assigned_resolver", "department", "status", "first_response_at", "updated_at"])
    name = resolver.name or resolver.email
    IssueTimeline.objects.create(
        issue=issue, status=issue.status, note=f"Accepted by {name}", updated_by=resolver, created_at=now
    )
    notification_create(
        user=issue.reporter,
        type="status_update",
        title="Status Update",
        message=f"Your issue '{issue.title}' is now in progress: {name} is working on it.",
        issue=issue,
        actor=resolver,
    )
    issue_update_publish(issue=issue, actor=resolver)
    return issue


@transaction.atomic
def issue_complete(*, issue: Issue, resolver, resolution_note: str, after_images: list | None = None) -> Issue:
    """Resolve an issue assigned to the resolver, keeping the after-images for comparison."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.RESOLVED:
        raise ValidationError({"status": ["This issue is already resolved."]})
    if after_images:
        existing = IssueImage.objects.filter(issue=issue, is_after_image=True).count()
        if existing + len(after_images) > MAX_IMAGES_PER_ISSUE:
            raise ValidationError({"after_images": [f"At most {MAX_IMAGES_PER_ISSUE} after-images per issue."]})
        issue_images_attach(issue=issue, files=after_images, after=True)
    return issue_status_update(issue=issue, status=Issue.Status.RESOLVED, note=resolution_note, actor=resolver)
