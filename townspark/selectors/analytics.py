"""Analytics: every figure aggregated in the database over a time range and compared with the period before."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from townspark.models import AccountStatus, Comment, Issue, StatusOption, Upvote, UrgencyLevel, VerificationStatus
from townspark.selectors.admin import PENDING_RESOLVER
from townspark.selectors.formatting import format_duration, percent_change, percentage
from townspark.selectors.reference import RESOLUTION_TIME
from townspark.selectors.resolvers import RESPONSE_TIME

User = get_user_model()
REALM = "townspark"
PUBLIC_ID = User.public_id_field(REALM)
TIME_RANGES = {"7days": 7, "30days": 30, "90days": 90, "1year": 365}
DEFAULT_TIME_RANGE = "30days"


class Period:
    """The selected range [start, end) and the equally long range before it."""

    def __init__(self, time_range: str):
        self.name = time_range
        self.end = timezone.now()
        length = timedelta(days=TIME_RANGES[time_range])
        self.start = self.end - length
        self.previous_start = self.start - length

    def q(self, field: str, *, previous: bool = False) -> Q:
        if previous:
            return Q(**{f"{field}__gte": self.previous_start, f"{field}__lt": self.start})
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})


def _seconds(value) -> float | None:
    return value.total_seconds() if value is not None else None


def active_users_count(*, start, end) -> int:
    """Accounts that reported, commented or upvoted within [start, end]."""
    users = User.objects.filter(realm=REALM)
    return users.filter(
        Exists(Issue.objects.filter(reporter=OuterRef("pk"), created_at__gte=start, created_at__lte=end))
        | Exists(Comment.objects.filter(author=OuterRef("pk"), created_at__gte=start, created_at__lte=end))
        | Exists(Upvote.objects.filter(user=OuterRef("pk"), created_at__gte=start, created_at__lte=end))
    ).count()


def _issue_figures(period: Period) -> dict:
    resolved = Q(status=Issue.Status.RESOLVED)
    return Issue.objects.aggregate(
        issues=Count("pk", filter=period.q("created_at")),
        issues_previous=Count("pk", filter=period.q("created_at", previous=True)),
        resolved=Count("pk", filter=resolved & period.q("resolved_at")),
        resolved_previous=Count("pk", filter=resolved & period.q("resolved_at", previous=True)),
        resolution=Avg(RESOLUTION_TIME, filter=resolved & period.q("resolved_at")),
        resolution_previous=Avg(RESOLUTION_TIME, filter=resolved & period.q("resolved_at", previous=True)),
        response=Avg(RESPONSE_TIME, filter=Q(first_response_at__isnull=False) & period.q("created_at")),
    )


def issues_by_status(period: Period) -> list[dict]:
    counts = dict(Issue.objects.filter(period.q("created_at")).values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    return [
        {
            "status": option.name,
            "count": counts.get(option.id, 0),
            "percentage": percentage(counts.get(option.id, 0), total),
        }
        for option in StatusOption.objects.all()
    ]


def issues_by_category(period: Period) -> list[dict]:
    rows = list(
        Issue.objects.filter(period.q("created_at"))
        .values("category__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "category__name")
    )
    total = sum(row["count"] for row in rows)
    return [
        {"category": row["category__name"], "count": row["count"], "percentage": percentage(row["count"], total)}
        for row in rows
    ]


def issues_by_urgency(period: Period) -> list[dict]:
    counts = dict(
        Issue.objects.filter(period.q("created_at")).values_list("urgency").annotate(n=Count("pk")).order_by()
    )
    total = sum(counts.values())
    return [
        {
            "urgency": level.name,
            "count": counts.get(level.id, 0),
            "percentage": percentage(counts.get(level.id, 0), total),
        }
        for level in UrgencyLevel.objects.all()
    ]


def _months(start, end) -> list:
    months, cursor = [], start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while cursor <= end:
        months.append(cursor.date())
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def monthly_trends(period: Period) -> list[dict]:
    """Issues reported and resolved per calendar month of the range (at least the current month)."""
    start = period.start
    issues = dict(
        Issue.objects.filter(created_at__gte=start.replace(day=1))
        .annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    resolved = dict(
        Issue.objects.filter(status=Issue.Status.RESOLVED, resolved_at__gte=start.replace(day=1))
        .annotate(month=TruncMonth("resolved_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    issues = {_as_date(key): value for key, value in issues.items()}
    resolved = {_as_date(key): value for key, value in resolved.items()}
    months = _months(start, period.end)
    if period.name == "1year":
        months = months[-12:]
    return [
        {
            "month": month.strftime("%b"),
            "year": month.year,
            "issues": issues.get(month, 0),
            "resolved": resolved.get(month, 0),
        }
        for month in months
    ]


def _as_date(value):
    return value.date() if hasattr(value, "date") else value


def daily_trend(period: Period) -> list[dict]:
    """Per day (per month for a year) counts of reported and resolved issues."""
    if period.name == "1year":
        return [
            {
                "period": f"{row['year']}-{month_number(row['month']):02d}",
                "issues": row["issues"],
                "resolved": row["resolved"],
            }
            for row in monthly_trends(period)
        ]
    created = dict(
        Issue.objects.filter(period.q("created_at"))
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    resolved = dict(
        Issue.objects.filter(Q(status=Issue.Status.RESOLVED) & period.q("resolved_at"))
        .annotate(day=TruncDate("resolved_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    days = [(period.start + timedelta(days=offset)).date() for offset in range(TIME_RANGES[period.name] + 1)]
    return [
        {"period": day.isoformat(), "issues": created.get(day, 0), "resolved": resolved.get(day, 0)} for day in days
    ]


def month_number(label: str) -> int:
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].index(label) + 1


def top_resolvers(period: Period, *, limit: int = 5) -> list[dict]:
    """Resolvers by issues resolved in the range; rating is their overall resolution rate on a 5-point scale."""
    rows = (
        User.objects.filter(realm=REALM, role="resolver")
        .annotate(
            resolved=Count(
                "townspark_assigned_issues",
                filter=Q(townspark_assigned_issues__status=Issue.Status.RESOLVED)
                & period.q("townspark_assigned_issues__resolved_at"),
            ),
            resolved_total=Count(
                "townspark_assigned_issues", filter=Q(townspark_assigned_issues__status=Issue.Status.RESOLVED)
            ),
            assigned_total=Count("townspark_assigned_issues"),
        )
        .filter(resolved__gt=0)
        .values(
            PUBLIC_ID,
            "name",
            "email",
            "resolver_profile__department__name",
            "resolved",
            "resolved_total",
            "assigned_total",
        )
        .order_by("-resolved", "name")[:limit]
    )
    return [
        {
            "id": row[PUBLIC_ID],
            "name": row["name"] or row["email"],
            "department": row["resolver_profile__department__name"],
            "resolved": row["resolved"],
            "rating": round(5 * row["resolved_total"] / row["assigned_total"], 1) if row["assigned_total"] else 0.0,
        }
        for row in rows
    ]


def analytics_overview(*, time_range: str) -> dict:
    period = Period(time_range)
    figures = _issue_figures(period)
    users_now = active_users_count(start=period.start, end=period.end)
    users_before = active_users_count(start=period.previous_start, end=period.start)
    return {
        "time_range": time_range,
        "stats": {
            "total_issues": figures["issues"],
            "resolved": figures["resolved"],
            "active_users": users_now,
            "avg_resolution_time": format_duration(figures["resolution"]),
        },
        "trends": {
            "issues": percent_change(figures["issues"], figures["issues_previous"]),
            "resolved": percent_change(figures["resolved"], figures["resolved_previous"]),
            "users": percent_change(users_now, users_before),
            "resolution_time": percent_change(
                _seconds(figures["resolution"]), _seconds(figures["resolution_previous"])
            ),
        },
        "issues_by_status": issues_by_status(period),
        "issues_by_category": issues_by_category(period),
        "monthly_trends": monthly_trends(period),
        "top_resolvers": top_resolvers(period),
    }


def analytics_issues(*, time_range: str) -> dict:
    period = Period(time_range)
    figures = _issue_figures(period)
    open_count = Issue.objects.filter(period.q("created_at")).exclude(status=Issue.Status.RESOLVED).count()
    by_area = list(
        Issue.objects.filter(period.q("created_at"))
        .exclude(area="")
        .values("area")
        .annotate(count=Count("pk"))
        .order_by("-count", "area")[:10]
    )
    return {
        "time_range": time_range,
        "total": figures["issues"],
        "resolved": figures["resolved"],
        "open": open_count,
        "resolution_rate": percentage(figures["resolved"], figures["issues"]),
        "avg_resolution_time": format_duration(figures["resolution"]),
        "avg_response_time": format_duration(figures["response"]),
        "trends": {
            "issues": percent_change(figures["issues"], figures["issues_previous"]),
            "resolved": percent_change(figures["resolved"], figures["resolved_previous"]),
        },
        "by_status": issues_by_status(period),
        "by_category": issues_by_category(period),
        "by_urgency": issues_by_urgency(period),
        "by_area": by_area,
        "trend": daily_trend(period),
    }


def analytics_users(*, time_range: str) -> dict:
    period = Period(time_range)
    users = User.objects.filter(realm=REALM)
    figures = users.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=period.q("date_joined")),
        new_previous=Count("pk", filter=period.q("date_joined", previous=True)),
        suspended=Count("pk", filter=Q(townspark_profile__status=AccountStatus.SUSPENDED)),
        banned=Count("pk", filter=Q(townspark_profile__status=AccountStatus.BANNED)),
    )
    roles = dict(users.values_list("role").annotate(n=Count("pk")).order_by())
    signups = dict(
        users.filter(period.q("date_joined"))
        .annotate(month=TruncMonth("date_joined"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    signups = {_as_date(key): value for key, value in signups.items()}
    contributors = (
        users.annotate(
            issues_posted=Count("townspark_issues", filter=period.q("townspark_issues__created_at")),
            uplifts_received=Coalesce(
                Sum("townspark_issues__upvote_count", filter=period.q("townspark_issues__created_at")), 0
            ),
        )
        .filter(issues_posted__gt=0)
        .values(PUBLIC_ID, "name", "email", "issues_posted", "uplifts_received")
        .order_by("-issues_posted", "-uplifts_received")[:5]
    )
    active = figures["total"] - figures["suspended"] - figures["banned"]
    return {
        "time_range": time_range,
        "total_users": figures["total"],
        "new_users": figures["new"],
        "active_users": active_users_count(start=period.start, end=period.end),
        "trends": {"new_users": percent_change(figures["new"], figures["new_previous"])},
        "by_role": [
            {"role": role, "count": roles.get(role, 0), "percentage": percentage(roles.get(role, 0), figures["total"])}
            for role in ("citizen", "resolver", "admin")
        ],
        "by_status": [
            {"status": "active", "count": active},
            {"status": "suspended", "count": figures["suspended"]},
            {"status": "banned", "count": figures["banned"]},
        ],
        "signups": [
            {"month": month.strftime("%b"), "year": month.year, "count": signups.get(month, 0)}
            for month in _months(period.start, period.end)[-12:]
        ],
        "top_contributors": [
            {
                "id": row[PUBLIC_ID],
                "name": row["name"] or row["email"],
                "issues_posted": row["issues_posted"],
                "uplifts_received": row["uplifts_received"],
            }
            for row in contributors
        ],
    }


def analytics_resolvers(*, time_range: str) -> dict:
    period = Period(time_range)
    resolvers = User.objects.filter(realm=REALM, role="resolver")
    figures = resolvers.aggregate(
        total=Count("pk"),
        verified=Count("pk", filter=Q(resolver_profile__verification_status=VerificationStatus.VERIFIED)),
        pending=Count("pk", filter=PENDING_RESOLVER),
        rejected=Count("pk", filter=Q(resolver_profile__verification_status=VerificationStatus.REJECTED)),
    )
    departments = list(
        Issue.objects.filter(Q(status=Issue.Status.RESOLVED) & period.q("resolved_at"), department__isnull=False)
        .values("department__name")
        .annotate(resolved=Count("pk"))
        .order_by("-resolved", "department__name")
    )
    staff = dict(
        resolvers.exclude(resolver_profile__department__isnull=True)
        .values_list("resolver_profile__department__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    performance = (
        resolvers.filter(resolver_profile__verification_status=VerificationStatus.VERIFIED)
        .annotate(
            assigned=Count("townspark_assigned_issues", filter=period.q("townspark_assigned_issues__created_at")),
            resolved=Count(
                "townspark_assigned_issues",
                filter=Q(townspark_assigned_issues__status=Issue.Status.RESOLVED)
                & period.q("townspark_assigned_issues__resolved_at"),
            ),
            in_progress=Count(
                "townspark_assigned_issues", filter=Q(townspark_assigned_issues__status=Issue.Status.IN_PROGRESS)
            ),
        )
        .values(PUBLIC_ID, "name", "email", "resolver_profile__department__name", "assigned", "resolved", "in_progress")
        .order_by("-resolved", "name")[:50]
    )
    return {
        "time_range": time_range,
        **figures,
        "by_department": [
            {
                "department": row["department__name"],
                "resolvers": staff.get(row["department__name"], 0),
                "resolved": row["resolved"],
            }
            for row in departments
        ],
        "top_resolvers": top_resolvers(period),
        "performance": [
            {
                "id": row[PUBLIC_ID],
                "name": row["name"] or row["email"],
                "department": row["resolver_profile__department__name"],
                "assigned": row["assigned"],
                "resolved": row["resolved"],
                "in_progress": row["in_progress"],
                "resolution_rate": percentage(row["resolved"], row["assigned"]),
            }
            for row in performance
        ],
    }
