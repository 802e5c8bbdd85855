"""Resolver endpoints: dashboard, assigned, pending (jurisdiction), accept, complete; verification gate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townspark.models import Issue, IssueImage, Notification
from townspark.services.issues import issue_assign
from townspark.tests.conftest import API, image_file, make_issue, make_resolver
from townspark.tests.helpers import error, ok_data, page

pytestmark = pytest.mark.django_db

RESOLVER_GETS = ["resolver/dashboard/", "resolver/assigned/", "resolver/pending/"]


class TestGate:
    @pytest.mark.parametrize("path", RESOLVER_GETS)
    def test_unverified_resolver(self, client_for, unverified_resolver, path):
        error(client_for(unverified_resolver).get(API + path), 403, "RESOLVER_NOT_VERIFIED")

    @pytest.mark.parametrize("path", RESOLVER_GETS)
    def test_other_roles_and_anonymous(self, citizen_client, admin_client, api_client, path):
        error(citizen_client.get(API + path), 403, "PERMISSION_DENIED")
        error(admin_client.get(API + path), 403, "PERMISSION_DENIED")
        error(api_client.get(API + path), 401, "AUTHENTICATION_REQUIRED")

    def test_unverified_resolver_cannot_accept_or_complete(self, client_for, unverified_resolver, issue):
        client = client_for(unverified_resolver)
        error(client.post(API + f"resolver/issues/{issue.id}/accept/"), 403, "RESOLVER_NOT_VERIFIED")
        error(
            client.post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"}),
            403,
            "RESOLVER_NOT_VERIFIED",
        )

    def test_verification_by_admin_opens_the_gate(self, client_for, unverified_resolver, admin_client):
        client = client_for(unverified_resolver)
        error(client.get(API + "resolver/dashboard/"), 403, "RESOLVER_NOT_VERIFIED")
        ok_data(
            admin_client.post(
                API + f"admin/resolvers/{unverified_resolver.uuid}/verify/", {"approved": True}, format="json"
            )
        )
        ok_data(client.get(API + "resolver/dashboard/"))


class TestLists:
    def test_pending_is_jurisdiction_and_unassigned(self, resolver_client, resolver, citizen, admin):
        in_ward = make_issue(citizen, area="ward a")
        make_issue(citizen, area="Ward Z")
        taken = make_issue(citizen, area="Ward A")
        issue_assign(issue=taken, resolver=resolver, actor=admin)
        assert [i["id"] for i in page(resolver_client.get(API + "resolver/pending/"))["results"]] == [in_ward.id]
        assert [i["id"] for i in page(resolver_client.get(API + "resolver/assigned/"))["results"]] == [taken.id]

    def test_pending_falls_back_to_department(self, make_account, client_for, citizen):
        resolver = make_resolver(make_account, email="sanitation@example.com", department="sanitation", wards="")
        trash = make_issue(citizen, category="garbage", area="Anywhere")
        make_issue(citizen, category="road")
        assert [i["id"] for i in page(client_for(resolver).get(API + "resolver/pending/"))["results"]] == [trash.id]

    def test_assigned_filters(self, resolver_client, resolver, citizen, admin):
        low = make_issue(citizen, urgency="low")
        high = make_issue(citizen, urgency="high")
        for issue in (low, high):
            issue_assign(issue=issue, resolver=resolver, actor=admin)
        assert [i["id"] for i in page(resolver_client.get(API + "resolver/assigned/?urgency=high"))["results"]] == [
            high.id
        ]
        assert [i["id"] for i in page(resolver_client.get(API + "resolver/assigned/?sort=oldest"))["results"]] == [
            low.id,
            high.id,
        ]
        error(resolver_client.get(API + "resolver/assigned/?status=nope"), 400, "VALIDATION_ERROR")

    @pytest.mark.parametrize("path", ["resolver/assigned/", "resolver/pending/"])
    def test_query_count_is_flat(self, resolver_client, resolver, citizen, admin, path):
        for n in range(12):
            issue = make_issue(citizen, title=f"Issue {n}", images=[image_file()])
            if path == "resolver/assigned/":
                issue_assign(issue=issue, resolver=resolver, actor=admin)
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                assert len(page(resolver_client.get(API + f"{path}?page_size={size}"))["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]


class TestDashboard:
    def test_shape_and_stats(self, resolver_client, resolver, citizen, admin):
        mine = make_issue(citizen, area="Ward A")
        make_issue(citizen, area="Ward A")
        issue_assign(issue=mine, resolver=resolver, actor=admin)
        resolver_client.post(API + f"resolver/issues/{mine.id}/accept/")
        data = ok_data(resolver_client.get(API + "resolver/dashboard/"))
        assert set(data) == {"stats", "assigned_issues", "pending_issues", "recent_activity"}
        assert data["stats"]["assigned"] == 1 and data["stats"]["pending"] == 1 and data["stats"]["in_progress"] == 0
        assert data["stats"]["resolved_this_month"] == 0 and data["stats"]["avg_response_time"].endswith("m")
        assert [i["id"] for i in data["assigned_issues"]] == [mine.id]
        assert len(data["pending_issues"]) == 1


class TestAccept:
    def test_accept_claims_and_starts(self, resolver_client, resolver, citizen, issue):
        response = resolver_client.post(API + f"resolver/issues/{issue.id}/accept/")
        data = ok_data(response)
        assert response.json()["message"] == "Issue accepted successfully"
        assert data["assigned_resolver"]["id"] == str(resolver.uuid) and data["status"] == "in-progress"
        assert data["timeline"][-1]["note"] == "Accepted by Rex Resolver"
        assert Notification.objects.filter(user=citizen, type="status_update").exists()
        ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/accept/"))  # idempotent

    def test_conflict_when_taken(self, make_account, client_for, resolver_client, issue):
        ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/accept/"))
        other = make_resolver(make_account, email="other-resolver@example.com")
        error(client_for(other).post(API + f"resolver/issues/{issue.id}/accept/"), 409, "DUPLICATE_ENTRY")

    def test_resolved_issue_and_not_found(self, resolver_client, admin_client, issue):
        admin_client.patch(API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json")
        error(resolver_client.post(API + f"resolver/issues/{issue.id}/accept/"), 400, "VALIDATION_ERROR")
        error(resolver_client.post(API + "resolver/issues/TS-1/accept/"), 404, "NOT_FOUND")

    def test_forbidden_and_unauthenticated(self, citizen_client, api_client, issue):
        error(citizen_client.post(API + f"resolver/issues/{issue.id}/accept/"), 403, "PERMISSION_DENIED")
        error(api_client.post(API + f"resolver/issues/{issue.id}/accept/"), 401, "AUTHENTICATION_REQUIRED")


class TestComplete:
    def test_resolves_with_note_and_after_images(
        self, resolver_client, citizen, issue, django_capture_on_commit_callbacks
    ):
        resolver_client.post(API + f"resolver/issues/{issue.id}/accept/")
        body = {
            "resolution_note": "Pothole has been filled and road repaired.",
            "after_images": [image_file("after.jpg")],
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", body, format="multipart")
        data = ok_data(response)
        assert response.json()["message"] == "Issue marked as resolved"
        assert data["status"] == "resolved" and data["resolved_at"] is not None
        assert data["timeline"][-1]["note"] == "Pothole has been filled and road repaired."
        assert len(data["after_images"]) == 1 and data["after_images"][0].startswith("http://testserver/media/")
        assert data["images"] == []  # after-images are kept apart
        assert IssueImage.objects.get(issue=issue, is_after_image=True).thumbnail
        assert Notification.objects.filter(user=citizen, type="resolution").exists()
        again = resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"})
        error(again, 400, "VALIDATION_ERROR")

    def test_validation(self, resolver_client, issue):
        resolver_client.post(API + f"resolver/issues/{issue.id}/accept/")
        error(
            resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", {}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        bad = {"resolution_note": "done", "after_images": [image_file("a.gif", "GIF")]}
        error(
            resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", bad, format="multipart"),
            400,
            "VALIDATION_ERROR",
        )
        assert Issue.objects.get(pk=issue.pk).status == "in-progress"

    def test_only_the_assigned_resolver(
        self, resolver_client, make_account, client_for, issue, citizen_client, api_client
    ):
        error(
            resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"}),
            403,
            "PERMISSION_DENIED",
        )
        resolver_client.post(API + f"resolver/issues/{issue.id}/accept/")
        other = make_resolver(make_account, email="other-resolver@example.com")
        error(
            client_for(other).post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"}),
            403,
            "PERMISSION_DENIED",
        )
        error(
            citizen_client.post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"}),
            403,
            "PERMISSION_DENIED",
        )
        error(
            api_client.post(API + f"resolver/issues/{issue.id}/complete/", {"resolution_note": "x"}),
            401,
            "AUTHENTICATION_REQUIRED",
        )
        error(resolver_client.post(API + "resolver/issues/TS-1/complete/", {"resolution_note": "x"}), 404, "NOT_FOUND")
