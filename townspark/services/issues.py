"""Issue writes: race-free ids, creation with images, reporter edits, status, assignment, official response."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from townspark.models import (
    Comment,
    CommentLike,
    Department,
    Issue,
    IssueCounter,
    IssueTimeline,
    OfficialResponse,
    ResolverProfile,
    Upvote,
)
from townspark.services.badges import badges_award
from townspark.services.events import issue_update_publish
from townspark.services.images import issue_images_attach
from townspark.services.notifications import notification_create

User = get_user_model()

ISSUE_SEQUENCE = "issue"
FIRST_ISSUE_NUMBER = 1000
STATUS_LABELS = dict(Issue.Status.choices)


def issue_numbers_allocate(*, count: int = 1) -> range:
    """Reserve `count` consecutive issue numbers.

    The counter row is incremented by an UPDATE first: on PostgreSQL that locks the
    row until the surrounding transaction ends, on SQLite it takes the write lock,
    so concurrent creates are serialized and never share a number.
    """
    with transaction.atomic(savepoint=False):  # inside the caller's transaction: no savepoint needed
        updated = IssueCounter.objects.filter(name=ISSUE_SEQUENCE).update(value=F("value") + count)
        if not updated:
            IssueCounter.objects.get_or_create(name=ISSUE_SEQUENCE, defaults={"value": FIRST_ISSUE_NUMBER - 1})
            IssueCounter.objects.filter(name=ISSUE_SEQUENCE).update(value=F("value") + count)
        last = IssueCounter.objects.filter(name=ISSUE_SEQUENCE).values_list("value", flat=True).get()
    return range(last - count + 1, last + 1)


def issue_id_for(number: int) -> str:
    return f"TS-{number}"


@transaction.atomic
def issue_create(
    *,
    reporter,
    title: str,
    description: str,
    category,
    address: str,
    area: str = "",
    urgency: str = Issue.Urgency.NORMAL,
    latitude: float | None = None,
    longitude: float | None = None,
    department: Department | None = None,
    is_anonymous: bool = False,
    images: list | None = None,
) -> Issue:
    (number,) = issue_numbers_allocate()
    now = timezone.now()
    issue = Issue.objects.create(
        id=issue_id_for(number),
        number=number,
        title=title,
        description=description,
        category=category,
        urgency=urgency,
        address=address,
        area=area,
        latitude=latitude,
        longitude=longitude,
        reporter=reporter,
        department_id=department.pk if department else category.default_department_id,
        is_anonymous=is_anonymous,
        created_at=now,
        updated_at=now,
    )
    IssueTimeline.objects.create(issue=issue, status=issue.status, note="Issue reported", created_at=now)
    if images:
        issue_images_attach(issue=issue, files=images)
    badges_award(user=reporter, changed=["issues_posted"])
    return issue


EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "urgency",
    "address",
    "area",
    "latitude",
    "longitude",
    "department",
    "is_anonymous",
)


@transaction.atomic
def issue_update(*, issue: Issue, data: dict) -> Issue:
    """The reporter's edit of the basic fields present in `data`."""
    changed = [field for field in EDITABLE_FIELDS if field in data]
    for field in changed:
        setattr(issue, field, data[field])
    if changed:
        issue.updated_at = timezone.now()
        issue.save(update_fields=[*changed, "updated_at"])
    return issue


@transaction.atomic
def issue_delete(*, issue: Issue) -> None:
    issue.delete()


def _status_message(issue: Issue, status: str, actor) -> str:
    by = ""
    profile = ResolverProfile.objects.filter(user=actor).select_related("department").first()
    if profile is not None and profile.department is not None:
        by = f" by {profile.department.name}"
    elif issue.department is not None:
        by = f" by {issue.department.name}"
    label = STATUS_LABELS[status].lower()
    if status == Issue.Status.IN_PROGRESS:
        return f"Your issue '{issue.title}' is now in progress{by}."
    return f"Your issue '{issue.title}' has been {label}{by}."


@transaction.atomic
def issue_status_update(*, issue: Issue, status: str, note: str = "", actor) -> Issue:
    """Move an issue to `status`, append a timeline entry and tell the reporter and followers."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    now = timezone.now()
    previous = issue.status
    issue.status = status
    issue.updated_at = now
    if status == Issue.Status.RESOLVED and previous != Issue.Status.RESOLVED:
        issue.resolved_at = now
    elif status != Issue.Status.RESOLVED:
        issue.resolved_at = None
    if issue.first_response_at is None and actor.pk != issue.reporter_id:
        issue.first_response_at = now
    issue.save(update_fields=["status", "updated_at", "resolved_at", "first_response_at"])
    IssueTimeline.objects.create(
        issue=issue,
        status=status,
        note=note or f"Status changed to {STATUS_LABELS[status]}",
        updated_by=actor,
        created_at=now,
    )
    resolved = status == Issue.Status.RESOLVED
    notification_create(
        user=issue.reporter,
        type="resolution" if resolved else "status_update",
        title="Issue Resolved" if resolved else "Status Update",
        message=_status_message(issue, status, actor),
        issue=issue,
        actor=actor,
    )
    issue_update_publish(issue=issue, actor=actor)
    if resolved:
        badges_award(user=issue.reporter, changed=["issues_resolved"])
    return issue


def resolver_for_assignment(*, resolver: User) -> User:
    """The resolver an issue may be assigned to: only a verified one."""
    if not ResolverProfile.objects.filter(user=resolver, verification_status="verified").exists():
        raise ValidationError({"resolver_id": ["This resolver is not verified yet."]})
    return resolver


@transaction.atomic
def issue_assign(*, issue: Issue, resolver, actor) -> Issue:
    """Assign an issue to a verified resolver (admin action); the resolver is notified."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    now = timezone.now()
    issue.assigned_resolver = resolver
    if issue.department_id is None:
        issue.department_id = (
            ResolverProfile.objects.filter(user=resolver).values_list("department_id", flat=True).first()
        )
    if issue.first_response_at is None:
        issue.first_response_at = now
    issue.updated_at = now
    issue.save(update_fields=["assigned_resolver", "department", "first_response_at", "updated_at"])
    name = resolver.name or resolver.email
    IssueTimeline.objects.create(
        issue=issue, status=issue.status, note=f"Assigned to {name}", updated_by=actor, created_at=now
    )
    notification_create(
        user=resolver,
        type="assignment",
        title="New Assignment",
        message=f"You have been assigned issue {issue.id}: '{issue.title}'.",
        issue=issue,
        actor=actor,
    )
    issue_update_publish(issue=issue, actor=actor)
    return issue


@transaction.atomic
def issue_official_response_set(*, issue: Issue, message: str, actor) -> tuple[OfficialResponse, bool]:
    """Create or replace the official response; returns (response, created)."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    now = timezone.now()
    department_id = (
        ResolverProfile.objects.filter(user=actor).values_list("department_id", flat=True).first()
        or issue.department_id
    )
    response, created = OfficialResponse.objects.update_or_create(
        issue=issue, defaults={"message": message, "responder": actor, "department_id": department_id}
    )
    fields = ["updated_at"]
    if issue.first_response_at is None:
        issue.first_response_at = now
        fields.append("first_response_at")
    issue.updated_at = now
    issue.save(update_fields=fields)
    notification_create(
        user=issue.reporter,
        type="status_update",
        title="Official Response",
        message=f"An official response was posted on your issue '{issue.title}'.",
        issue=issue,
        actor=actor,
    )
    issue_update_publish(issue=issue, actor=actor)
    return OfficialResponse.objects.select_related("department", "responder").get(pk=response.pk), created


def _count(model, field: str):
    counted = (
        model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def issue_counters_recount(*, issue_ids=(), comment_ids=()) -> None:
    """Recompute the denormalised counters from the rows (after cascades removed some behind the services' back)."""
    if issue_ids:
        Issue.objects.filter(pk__in=issue_ids).update(
            upvote_count=_count(Upvote, "issue"), comment_count=_count(Comment, "issue")
        )
    if comment_ids:
        Comment.objects.filter(pk__in=comment_ids).update(like_count=_count(CommentLike, "comment"))
