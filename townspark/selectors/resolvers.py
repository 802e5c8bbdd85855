"""Resolver reads: assigned and pending (jurisdiction) issues, workload stats, recent activity."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from townspark.models import Issue, IssueTimeline, ResolverProfile
from townspark.selectors.formatting import format_duration
from townspark.selectors.issues import issues_for

RESPONSE_TIME = ExpressionWrapper(F("first_response_at") - F("created_at"), output_field=DurationField())
OPEN = ~Q(status=Issue.Status.RESOLVED)


def month_start():
    return timezone.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def resolver_profile(*, user) -> ResolverProfile | None:
    return ResolverProfile.objects.filter(user=user).select_related("department").first()


def issues_assigned_to(*, resolver) -> QuerySet:
    return issues_for(viewer=resolver).filter(assigned_resolver=resolver)


def jurisdiction_q(profile: ResolverProfile | None) -> Q | None:
    """Issues in the resolver's wards (by area); without wards, those of their department."""
    if profile is None:
        return None
    wards = profile.wards
    if wards:
        query = Q()
        for ward in wards:
            query |= Q(area__iexact=ward)
        return query
    if profile.department_id:
        return Q(department_id=profile.department_id)
    return None


def issues_pending_for(*, resolver) -> QuerySet:
    """Open, unassigned issues in the resolver's jurisdiction."""
    query = jurisdiction_q(resolver_profile(user=resolver))
    queryset = issues_for(viewer=resolver).filter(OPEN, assigned_resolver__isnull=True)
    return queryset.filter(query) if query is not None else queryset.none()


def resolver_stats(*, resolver) -> dict:
    row = Issue.objects.filter(assigned_resolver=resolver).aggregate(
        assigned=Count("pk", filter=OPEN),
        in_progress=Count("pk", filter=Q(status=Issue.Status.IN_PROGRESS)),
        resolved_this_month=Count("pk", filter=Q(status=Issue.Status.RESOLVED, resolved_at__gte=month_start())),
        avg_response=Avg(RESPONSE_TIME, filter=Q(first_response_at__isnull=False)),
    )
    query = jurisdiction_q(resolver_profile(user=resolver))
    pending = Issue.objects.filter(OPEN, query, assigned_resolver__isnull=True).count() if query is not None else 0
    return {
        "assigned": row["assigned"],
        "pending": pending,
        "in_progress": row["in_progress"],
        "resolved_this_month": row["resolved_this_month"],
        "avg_response_time": format_duration(row["avg_response"]),
    }


def resolver_recent_activity(*, user, limit: int = 10) -> list[dict]:
    entries = (
        IssueTimeline.objects.filter(updated_by=user).select_related("issue").order_by("-created_at", "-id")[:limit]
    )
    return [activity_entry(entry) for entry in entries]


def activity_entry(entry: IssueTimeline) -> dict:
    return {
        "issue_id": entry.issue_id,
        "issue_title": entry.issue.title,
        "status": entry.status,
        "note": entry.note,
        "date": entry.created_at,
    }
