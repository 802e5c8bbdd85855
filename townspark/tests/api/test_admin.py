"""Admin endpoints: dashboard, users (list, detail, update, toggle, delete), resolvers (verification, removal)."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townspark.models import AccountStatus, Issue, Notification, ResolverProfile
from townspark.services.accounts import user_status_set
from townspark.services.issues import issue_assign, issue_status_update
from townspark.tests.conftest import API, make_issue, make_resolver
from townspark.tests.helpers import deleted, error, ok_data, page

pytestmark = pytest.mark.django_db
User = get_user_model()

ADMIN_GETS = [
    "admin/dashboard/",
    "admin/users/",
    "admin/resolvers/",
    "admin/resolvers/pending/",
    "analytics/overview/",
    "analytics/issues/",
    "analytics/users/",
    "analytics/resolvers/",
]


@pytest.mark.parametrize("path", ADMIN_GETS)
def test_admin_only(path, citizen_client, resolver_client, api_client, admin_client):
    error(citizen_client.get(API + path), 403, "PERMISSION_DENIED")
    error(resolver_client.get(API + path), 403, "PERMISSION_DENIED")
    error(api_client.get(API + path), 401, "AUTHENTICATION_REQUIRED")
    ok_data(admin_client.get(API + path))


class TestDashboard:
    def test_stats(self, admin_client, citizen, resolver, unverified_resolver, admin):
        issue = make_issue(citizen)
        make_issue(citizen)
        issue_status_update(issue=issue, status="resolved", actor=resolver)
        data = ok_data(admin_client.get(API + "admin/dashboard/"))
        assert data["stats"] == {
            "total_users": 4,
            "active_resolvers": 1,
            "total_issues": 2,
            "resolved_issues": 1,
            "pending_verification": 1,
            "avg_resolution_time": "0m",
        }
        assert [r["id"] for r in data["pending_approvals"]] == [str(unverified_resolver.uuid)]
        assert len(data["recent_issues"]) == 2 and data["recent_activity"][0]["status"] == "resolved"


class TestUsers:
    def test_list_with_stats_and_filters(self, admin_client, citizen, other_citizen, resolver, admin):
        make_issue(citizen)
        make_issue(citizen)
        user_status_set(user=other_citizen, status=AccountStatus.SUSPENDED)
        data = page(admin_client.get(API + "admin/users/"))
        assert data["count"] == 4 and data["stats"] == {"total": 4, "active": 3, "suspended": 1, "banned": 0}
        item = next(u for u in data["results"] if u["id"] == str(citizen.uuid))
        assert set(item) >= {
            "id",
            "name",
            "username",
            "email",
            "avatar",
            "role",
            "is_active",
            "joined_at",
            "issues_count",
        }
        assert item["issues_count"] == 2 and item["is_active"] is True
        citizens = page(admin_client.get(API + "admin/users/?role=citizen"))
        assert citizens["count"] == 2 and citizens["stats"]["total"] == 2
        assert [u["id"] for u in page(admin_client.get(API + "admin/users/?status=suspended"))["results"]] == [
            str(other_citizen.uuid)
        ]
        assert [u["id"] for u in page(admin_client.get(API + "admin/users/?search=otto"))["results"]] == [
            str(other_citizen.uuid)
        ]
        assert page(admin_client.get(API + "admin/users/?sort=most_issues"))["results"][0]["id"] == str(citizen.uuid)
        error(admin_client.get(API + "admin/users/?status=sleepy"), 400, "VALIDATION_ERROR")
        error(admin_client.get(API + "admin/users/?sort=random"), 400, "VALIDATION_ERROR")

    def test_list_query_count_is_flat(self, admin_client, make_account):
        for n in range(12):
            user = make_account("townspark", email=f"u{n}@example.com")
            make_issue(user)
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                assert len(page(admin_client.get(API + f"admin/users/?page_size={size}"))["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]

    def test_detail_update_delete(self, admin_client, citizen, other_citizen):
        data = ok_data(admin_client.get(API + f"admin/users/{citizen.uuid}/"))
        assert data["email"] == "citizen@example.com" and data["status"] == "active" and "stats" in data
        updated = ok_data(
            admin_client.patch(
                API + f"admin/users/{citizen.uuid}/",
                {"name": "Renamed", "ward": "Ward C", "role": "admin"},
                format="json",
            )
        )
        assert (updated["name"], updated["ward"], updated["role"]) == ("Renamed", "Ward C", "admin")
        banned = ok_data(
            admin_client.patch(
                API + f"admin/users/{other_citizen.uuid}/", {"status": "banned", "reason": "Abuse"}, format="json"
            )
        )
        assert banned["status"] == "banned" and banned["status_reason"] == "Abuse" and banned["is_active"] is False
        assert deleted(admin_client.delete(API + f"admin/users/{other_citizen.uuid}/")) == (
            "User deleted successfully",
            {"detail": "User deleted."},
        )
        assert not User.objects.filter(pk=other_citizen.pk).exists()

    def test_update_validation(self, admin_client, citizen, other_citizen):
        error(
            admin_client.patch(API + f"admin/users/{citizen.uuid}/", {"role": "king"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(
            admin_client.patch(API + f"admin/users/{citizen.uuid}/", {"email": "other@example.com"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )

    def test_toggle_status(self, admin_client, citizen, client_for):
        response = admin_client.post(
            API + f"admin/users/{citizen.uuid}/toggle-status/",
            {"is_active": False, "reason": "Violation of community guidelines"},
            format="json",
        )
        data = ok_data(response)
        assert response.json()["message"] == "User suspended successfully"
        assert data["is_active"] is False and data["status"] == "suspended"
        error(client_for(citizen).get(API + "users/me/"), 403, "ACCOUNT_SUSPENDED")
        assert (
            ok_data(admin_client.post(API + f"admin/users/{citizen.uuid}/toggle-status/", {}, format="json"))[
                "is_active"
            ]
            is True
        )
        ok_data(client_for(citizen).get(API + "users/me/"))
        error(
            admin_client.post(
                API + f"admin/users/{citizen.uuid}/toggle-status/", {"is_active": "perhaps"}, format="json"
            ),
            400,
            "VALIDATION_ERROR",
        )

    def test_admin_cannot_suspend_or_delete_self(self, admin_client, admin):
        error(
            admin_client.post(API + f"admin/users/{admin.uuid}/toggle-status/", {"is_active": False}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(admin_client.delete(API + f"admin/users/{admin.uuid}/"), 400, "VALIDATION_ERROR")

    def test_forbidden_and_not_found(self, citizen_client, api_client, admin_client, other_citizen, make_account):
        for method, suffix in (("get", ""), ("patch", ""), ("delete", ""), ("post", "toggle-status/")):
            error(
                getattr(citizen_client, method)(API + f"admin/users/{other_citizen.uuid}/{suffix}", {}, format="json"),
                403,
                "PERMISSION_DENIED",
            )
            error(
                getattr(api_client, method)(API + f"admin/users/{other_citizen.uuid}/{suffix}", {}, format="json"),
                401,
                "AUTHENTICATION_REQUIRED",
            )
            error(
                getattr(admin_client, method)(API + f"admin/users/{uuid.uuid4()}/{suffix}", {}, format="json"),
                404,
                "NOT_FOUND",
            )
        outsider = make_account("gatherhub", email="gh@example.com")
        error(admin_client.get(API + f"admin/users/{outsider.uuid}/"), 404, "NOT_FOUND")


class TestResolvers:
    def test_list_and_stats(self, admin_client, resolver, unverified_resolver, citizen, admin):
        issue = make_issue(citizen)
        issue_assign(issue=issue, resolver=resolver, actor=admin)
        issue_status_update(issue=issue, status="resolved", actor=resolver)
        data = page(admin_client.get(API + "admin/resolvers/"))
        assert data["stats"] == {"total": 2, "verified": 1, "pending": 1, "rejected": 0}
        item = next(r for r in data["results"] if r["id"] == str(resolver.uuid))
        assert item["department"] == {"id": "public-works", "name": "Public Works"}
        assert (
            item["designation"] == "Field Officer" and item["jurisdiction"] == "Ward A" and item["is_verified"] is True
        )
        assert item["stats"]["resolved"] == 1 and item["stats"]["avg_response_time"] == "0m"
        pending = page(admin_client.get(API + "admin/resolvers/pending/"))
        assert [r["id"] for r in pending["results"]] == [str(unverified_resolver.uuid)]
        assert page(admin_client.get(API + "admin/resolvers/?status=verified"))["count"] == 1
        assert page(admin_client.get(API + "admin/resolvers/?department=public-works"))["count"] == 2
        error(admin_client.get(API + "admin/resolvers/?status=maybe"), 400, "VALIDATION_ERROR")

    def test_list_query_count_is_flat(self, admin_client, make_account, citizen, admin):
        for n in range(12):
            resolver = make_resolver(make_account, email=f"r{n}@example.com")
            issue = make_issue(citizen)
            issue_assign(issue=issue, resolver=resolver, actor=admin)
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                assert len(page(admin_client.get(API + f"admin/resolvers/?page_size={size}"))["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]

    def test_verify(self, admin_client, unverified_resolver, admin):
        response = admin_client.post(
            API + f"admin/resolvers/{unverified_resolver.uuid}/verify/",
            {"approved": True, "note": "Documents verified successfully"},
            format="json",
        )
        data = ok_data(response)
        assert data["is_verified"] is True and data["verification_status"] == "verified" and data["verified_at"]
        profile = ResolverProfile.objects.get(user=unverified_resolver)
        assert profile.verified_by == admin
        assert Notification.objects.filter(user=unverified_resolver, type="system", title="Account Verified").exists()

    def test_verify_with_approved_false_rejects(self, admin_client, unverified_resolver):
        data = ok_data(
            admin_client.post(
                API + f"admin/resolvers/{unverified_resolver.uuid}/verify/",
                {"approved": False, "note": "Blurry"},
                format="json",
            )
        )
        assert data["verification_status"] == "rejected"

    def test_reject(self, admin_client, unverified_resolver, client_for):
        data = ok_data(
            admin_client.post(
                API + f"admin/resolvers/{unverified_resolver.uuid}/reject/",
                {"reason": "Invalid employee ID"},
                format="json",
            )
        )
        assert data["verification_status"] == "rejected" and data["is_verified"] is False
        error(client_for(unverified_resolver).get(API + "resolver/dashboard/"), 403, "RESOLVER_NOT_VERIFIED")
        error(
            admin_client.post(API + f"admin/resolvers/{unverified_resolver.uuid}/reject/", {}, format="json"),
            400,
            "VALIDATION_ERROR",
        )

    def test_remove(self, admin_client, resolver, citizen, admin):
        issue = make_issue(citizen)
        issue_assign(issue=issue, resolver=resolver, actor=admin)
        assert deleted(admin_client.delete(API + f"admin/resolvers/{resolver.uuid}/")) == (
            "Resolver removed successfully",
            {"detail": "Resolver removed."},
        )
        resolver.refresh_from_db()
        assert resolver.role == "citizen" and not ResolverProfile.objects.filter(user=resolver).exists()
        assert Issue.objects.get(pk=issue.pk).assigned_resolver is None

    def test_not_found_forbidden_unauthenticated(
        self, admin_client, citizen_client, api_client, citizen, unverified_resolver
    ):
        for method, suffix in (("post", "verify/"), ("post", "reject/"), ("delete", "")):
            error(
                getattr(admin_client, method)(
                    API + f"admin/resolvers/{citizen.uuid}/{suffix}", {"reason": "x"}, format="json"
                ),
                404,
                "NOT_FOUND",
            )
            error(
                getattr(citizen_client, method)(
                    API + f"admin/resolvers/{unverified_resolver.uuid}/{suffix}", {"reason": "x"}, format="json"
                ),
                403,
                "PERMISSION_DENIED",
            )
            error(
                getattr(api_client, method)(
                    API + f"admin/resolvers/{unverified_resolver.uuid}/{suffix}", {"reason": "x"}, format="json"
                ),
                401,
                "AUTHENTICATION_REQUIRED",
            )


def test_deleting_a_user_keeps_other_issues_counters_exact(admin_client, citizen, other_citizen, client_for):
    from townspark.services.comments import comment_create, comment_like_toggle
    from townspark.services.engagement import issue_upvote_toggle

    issue = make_issue(citizen)
    mine = comment_create(issue=issue, author=citizen, content="Mine")
    issue_upvote_toggle(issue_id=issue.pk, user=other_citizen)
    comment_create(issue=issue, author=other_citizen, content="Theirs")
    comment_like_toggle(comment_id=mine.pk, user=other_citizen)
    ok_data(admin_client.delete(API + f"admin/users/{other_citizen.uuid}/"))
    issue.refresh_from_db()
    mine.refresh_from_db()
    assert (issue.upvote_count, issue.comment_count, mine.like_count) == (0, 1, 0)


def test_operator_created_resolver_awaits_verification(admin_client, make_account, client_for):
    resolver = make_account("townspark", email="cli@example.com", role="resolver")  # no resolver profile
    error(client_for(resolver).get(API + "resolver/dashboard/"), 403, "RESOLVER_NOT_VERIFIED")
    pending = page(admin_client.get(API + "admin/resolvers/pending/"))["results"]
    assert [r["id"] for r in pending] == [str(resolver.uuid)]
    assert ok_data(admin_client.get(API + "admin/dashboard/"))["stats"]["pending_verification"] == 1
    ok_data(admin_client.post(API + f"admin/resolvers/{resolver.uuid}/verify/", {}, format="json"))
    ok_data(client_for(resolver).get(API + "resolver/dashboard/"))
