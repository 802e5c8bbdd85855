"""Reads of reference data and the public platform numbers."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from core.compiled_queries import CompiledQuery
from townspark.models import AccountStatus, Category, Department, Issue, StatusOption, UrgencyLevel
from townspark.selectors.users import townspark_users

# Every client loads the reference lists when it starts: their statements are compiled once.
_CATEGORIES = CompiledQuery(lambda: Category.objects.filter(is_active=True))
_DEPARTMENTS = CompiledQuery(lambda: Department.objects.filter(is_active=True))
_STATUS_OPTIONS = CompiledQuery(lambda: StatusOption.objects.all())
_URGENCY_LEVELS = CompiledQuery(lambda: UrgencyLevel.objects.all())


def categories_active() -> list[Category]:
    return _CATEGORIES.fetch()


def departments_active() -> list[Department]:
    return _DEPARTMENTS.fetch()


def status_options() -> list[StatusOption]:
    return _STATUS_OPTIONS.fetch()


def urgency_levels() -> list[UrgencyLevel]:
    return _URGENCY_LEVELS.fetch()


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
