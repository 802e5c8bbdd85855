"""Reads of reference data and the public platform numbers."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from townspark.models import AccountStatus, Category, Department, Issue, StatusOption, UrgencyLevel
from townspark.selectors.users import townspark_users


def categories_active():
    return Category.objects.filter(is_active=True)


def departments_active():
    return Department.objects.filter(is_active=True)


def status_options():
    return StatusOption.objects.all()


def urgency_levels():
    return UrgencyLevel.objects.all()


RESOLUTION_TIME = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())


def avg_resolution_time(issues):
    """Mean time from report to resolution over resolved issues of `issues`, as a timedelta (or None)."""
    return issues.filter(status=Issue.Status.RESOLVED, resolved_at__isnull=False).aggregate(value=Avg(RESOLUTION_TIME))[
        "value"
    ]


def platform_stats() -> dict:
    from townspark.selectors.formatting import format_duration

    counts = Issue.objects.aggregate(total=Count("pk"), resolved=Count("pk", filter=Q(status=Issue.Status.RESOLVED)))
    members = (
        townspark_users()
        .filter(is_active=True)
        .exclude(townspark_profile__status__in=[AccountStatus.SUSPENDED, AccountStatus.BANNED])
        .count()
    )
    return {
        "issues_reported": counts["total"],
        "issues_resolved": counts["resolved"],
        "active_members": members,
        "avg_resolution_time": format_duration(avg_resolution_time(Issue.objects.all())),
        # superset for the TownSpark frontend (issue #15)
        "total_issues": counts["total"],
        "resolved_issues": counts["resolved"],
        "total_users": townspark_users().count(),
    }
