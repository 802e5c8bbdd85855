"""Analytics: time ranges, signed trends against the previous period, breakdowns; public platform stats."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townspark.models import Issue
from townspark.selectors.formatting import format_duration, percent_change
from townspark.services.issues import issue_assign, issue_status_update
from townspark.tests.conftest import API, make_issue
from townspark.tests.helpers import error, ok_data

pytestmark = pytest.mark.django_db


def test_formatting():
    assert percent_change(112, 100) == "+12%"
    assert percent_change(85, 100) == "-15%"
    assert percent_change(5, 0) == "+100%" and percent_change(0, 0) == "0%" and percent_change(100, 100) == "0%"
    assert format_duration(timedelta(hours=36)) == "36h"
    assert format_duration(timedelta(hours=60)) == "2.5 days"
    assert format_duration(None) == "N/A"


@pytest.fixture
def history(citizen, other_citizen, resolver, admin):
    """3 issues this month (2 resolved in 10h), 2 issues 40 days ago (1 resolved in 20h)."""
    now = timezone.now()
    recent = [
        make_issue(citizen, category="road"),
        make_issue(citizen, category="garbage"),
        make_issue(other_citizen, category="road"),
    ]
    old = [make_issue(citizen, category="water"), make_issue(other_citizen, category="water")]
    for issue in recent[:2]:
        issue_assign(issue=issue, resolver=resolver, actor=admin)
        issue_status_update(issue=issue, status="resolved", actor=resolver)
        Issue.objects.filter(pk=issue.pk).update(
            created_at=now - timedelta(hours=12), resolved_at=now - timedelta(hours=2)
        )
    Issue.objects.filter(pk__in=[i.pk for i in old]).update(created_at=now - timedelta(days=40))
    issue_status_update(issue=old[0], status="resolved", actor=resolver)
    Issue.objects.filter(pk=old[0].pk).update(resolved_at=now - timedelta(days=40) + timedelta(hours=20))
    return recent, old


def test_overview(admin_client, history, resolver):
    data = ok_data(admin_client.get(API + "analytics/overview/?time_range=30days"))
    assert data["stats"] == {"total_issues": 3, "resolved": 2, "active_users": 2, "avg_resolution_time": "10h"}
    assert data["trends"] == {"issues": "+50%", "resolved": "+100%", "users": "0%", "resolution_time": "-50%"}
    assert {row["status"]: row["count"] for row in data["issues_by_status"]} == {
        "Reported": 1, "Acknowledged": 0, "In Progress": 0, "Resolved": 2,
    }  # fmt: skip
    assert data["issues_by_status"][3]["percentage"] == 67
    assert data["issues_by_category"][0] == {"category": "Road Maintenance", "count": 2, "percentage": 67}
    assert data["monthly_trends"][-1]["month"] == timezone.now().strftime("%b")
    assert data["top_resolvers"][0]["name"] == "Rex Resolver" and data["top_resolvers"][0]["resolved"] == 2
    assert data["top_resolvers"][0]["department"] == "Public Works" and data["top_resolvers"][0]["rating"] == 5.0


def test_year_range(admin_client, history):
    data = ok_data(admin_client.get(API + "analytics/overview/?time_range=1year"))
    assert data["stats"]["total_issues"] == 5 and len(data["monthly_trends"]) == 12
    assert sum(row["issues"] for row in data["monthly_trends"]) == 5


def test_issue_user_resolver_analytics(admin_client, history):
    issues = ok_data(admin_client.get(API + "analytics/issues/?time_range=7days"))
    assert issues["total"] == 3 and issues["resolved"] == 2 and issues["open"] == 1 and issues["resolution_rate"] == 67
    assert len(issues["trend"]) == 8 and sum(day["issues"] for day in issues["trend"]) == 3
    assert issues["by_area"] == [{"area": "Ward A", "count": 3}]
    users = ok_data(admin_client.get(API + "analytics/users/?time_range=90days"))
    assert users["total_users"] == 4 and {r["role"]: r["count"] for r in users["by_role"]} == {
        "citizen": 2,
        "resolver": 1,
        "admin": 1,
    }
    assert users["top_contributors"][0]["issues_posted"] == 3
    resolvers = ok_data(admin_client.get(API + "analytics/resolvers/"))
    assert resolvers["total"] == 1 and resolvers["verified"] == 1
    assert (
        resolvers["performance"][0]["resolved"] == 2 and resolvers["by_department"][0]["department"] == "Public Works"
    )


@pytest.mark.parametrize("path", ["overview", "issues", "users", "resolvers"])
def test_bad_time_range(admin_client, path):
    error(admin_client.get(API + f"analytics/{path}/?time_range=forever"), 400, "VALIDATION_ERROR")


def test_platform_stats(api_client, history):
    data = ok_data(api_client.get(API + "platform/stats/"))
    assert data["issues_reported"] == 5 and data["issues_resolved"] == 3 and data["active_members"] == 4
    assert data["avg_resolution_time"] == "13h"
