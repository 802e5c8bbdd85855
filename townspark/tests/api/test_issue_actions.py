"""Issue actions: upvote/bookmark/share toggles, status updates, assignment, official response, my lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townspark.models import Issue, IssueTimeline, Notification
from townspark.tests.conftest import API, image_file, make_issue
from townspark.tests.helpers import error, ok_data, page

pytestmark = pytest.mark.django_db


class TestToggles:
    def test_upvote(self, client_for, other_citizen, citizen, issue, django_capture_on_commit_callbacks):
        client = client_for(other_citizen)
        with django_capture_on_commit_callbacks(execute=True):  # the notification comes from the task queued then
            assert ok_data(client.post(API + f"issues/{issue.id}/upvote/")) == {"upvoted": True, "upvotes": 1}
        detail = ok_data(client.get(API + f"issues/{issue.id}/"))
        assert detail["is_upvoted"] is True and detail["upvotes"] == detail["uplifts"] == 1
        assert Notification.objects.filter(user=citizen, type="upvote").count() == 1
        assert ok_data(client.post(API + f"issues/{issue.id}/upvote/")) == {"upvoted": False, "upvotes": 0}

    def test_bookmark(self, citizen_client, issue):
        assert ok_data(citizen_client.post(API + f"issues/{issue.id}/bookmark/")) == {"bookmarked": True}
        assert ok_data(citizen_client.get(API + f"issues/{issue.id}/"))["is_bookmarked"] is True
        assert ok_data(citizen_client.post(API + f"issues/{issue.id}/bookmark/")) == {"bookmarked": False}

    def test_share(self, api_client, citizen_client, issue):
        assert ok_data(api_client.post(API + f"issues/{issue.id}/share/", {"platform": "twitter"}, format="json")) == {
            "shared": True,
            "shares": 1,
        }
        assert ok_data(citizen_client.post(API + f"issues/{issue.id}/share/"))["shares"] == 2
        assert ok_data(api_client.get(API + f"issues/{issue.id}/"))["shares"] == 2
        error(api_client.post(API + "issues/TS-1/share/"), 404, "NOT_FOUND")
        error(
            api_client.post(API + f"issues/{issue.id}/share/", {"platform": "x" * 40}, format="json"),
            400,
            "VALIDATION_ERROR",
        )

    def test_unauthenticated_and_not_found(self, api_client, citizen_client, issue):
        for action in ("upvote", "bookmark"):
            error(api_client.post(API + f"issues/{issue.id}/{action}/"), 401, "AUTHENTICATION_REQUIRED")
            error(citizen_client.post(API + f"issues/TS-1/{action}/"), 404, "NOT_FOUND")


class TestStatus:
    def test_resolver_updates_and_timeline(self, resolver_client, resolver, citizen, issue):
        response = resolver_client.patch(
            API + f"issues/{issue.id}/status/",
            {"status": "acknowledged", "note": "Issue has been reviewed and assigned"},
            format="json",
        )
        data = ok_data(response)
        assert response.json()["message"] == "Status updated successfully"
        assert data["status"] == "acknowledged"
        assert data["timeline"][-1]["note"] == "Issue has been reviewed and assigned"
        assert data["timeline"][-1]["updated_by"] == {"id": str(resolver.uuid), "name": "Rex Resolver"}
        notification = Notification.objects.get(user=citizen, type="status_update")
        assert "acknowledged by Public Works" in notification.message
        data = ok_data(resolver_client.patch(API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json"))
        assert data["resolved_at"] is not None and len(data["timeline"]) == 3
        assert Notification.objects.filter(user=citizen, type="resolution").exists()

    def test_admin_can(self, admin_client, issue):
        ok_data(admin_client.patch(API + f"issues/{issue.id}/status/", {"status": "in-progress"}, format="json"))

    def test_forbidden(self, citizen_client, client_for, unverified_resolver, make_account, issue):
        error(
            citizen_client.patch(API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        error(
            client_for(unverified_resolver).patch(
                API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json"
            ),
            403,
            "RESOLVER_NOT_VERIFIED",
        )
        from townspark.tests.conftest import make_resolver

        other = make_resolver(make_account, email="other-resolver@example.com")
        Issue.objects.filter(pk=issue.pk).update(assigned_resolver=other)
        resolver = make_resolver(make_account, email="third@example.com")
        error(
            client_for(resolver).patch(API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )

    def test_validation_unauthenticated_not_found(self, resolver_client, api_client, issue):
        error(
            resolver_client.patch(API + f"issues/{issue.id}/status/", {"status": "done"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(
            api_client.patch(API + f"issues/{issue.id}/status/", {"status": "resolved"}, format="json"),
            401,
            "AUTHENTICATION_REQUIRED",
        )
        error(
            resolver_client.patch(API + "issues/TS-1/status/", {"status": "resolved"}, format="json"), 404, "NOT_FOUND"
        )


class TestAssign:
    def test_admin_assigns(self, admin_client, resolver, issue):
        response = admin_client.post(
            API + f"issues/{issue.id}/assign/", {"resolver_id": str(resolver.uuid)}, format="json"
        )
        data = ok_data(response)
        assert data["assigned_resolver"] == {"id": str(resolver.uuid), "name": "Rex Resolver", "avatar": None}
        assert Notification.objects.filter(user=resolver, type="assignment").exists()
        assert IssueTimeline.objects.filter(issue=issue, note="Assigned to Rex Resolver").exists()

    def test_validation(self, admin_client, unverified_resolver, citizen, issue):
        for resolver_id in (str(unverified_resolver.uuid), str(citizen.uuid), "not-a-uuid"):
            error(
                admin_client.post(API + f"issues/{issue.id}/assign/", {"resolver_id": resolver_id}, format="json"),
                400,
                "VALIDATION_ERROR",
            )

    def test_forbidden_unauthenticated_not_found(
        self, citizen_client, resolver_client, api_client, admin_client, resolver, issue
    ):
        body = {"resolver_id": str(resolver.uuid)}
        error(citizen_client.post(API + f"issues/{issue.id}/assign/", body, format="json"), 403, "PERMISSION_DENIED")
        error(resolver_client.post(API + f"issues/{issue.id}/assign/", body, format="json"), 403, "PERMISSION_DENIED")
        error(api_client.post(API + f"issues/{issue.id}/assign/", body, format="json"), 401, "AUTHENTICATION_REQUIRED")
        error(admin_client.post(API + "issues/TS-1/assign/", body, format="json"), 404, "NOT_FOUND")


class TestOfficialResponse:
    def test_resolver_adds_then_updates(self, resolver_client, resolver, issue):
        data = ok_data(
            resolver_client.post(
                API + f"issues/{issue.id}/official-response/", {"message": "A crew has been dispatched."}, format="json"
            ),
            201,
        )
        assert data["department"] == "Public Works" and data["message"] == "A crew has been dispatched."
        assert data["responder"] == {"id": str(resolver.uuid), "name": "Rex Resolver"}
        ok_data(
            resolver_client.post(
                API + f"issues/{issue.id}/official-response/", {"message": "Fixed tomorrow."}, format="json"
            ),
            200,
        )
        detail = ok_data(resolver_client.get(API + f"issues/{issue.id}/"))
        assert detail["official_response"]["message"] == "Fixed tomorrow."

    def test_errors(self, citizen_client, resolver_client, api_client, client_for, unverified_resolver, issue):
        body = {"message": "Hello"}
        error(
            citizen_client.post(API + f"issues/{issue.id}/official-response/", body, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        error(
            client_for(unverified_resolver).post(API + f"issues/{issue.id}/official-response/", body, format="json"),
            403,
            "RESOLVER_NOT_VERIFIED",
        )
        error(
            resolver_client.post(API + f"issues/{issue.id}/official-response/", {"message": ""}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(
            api_client.post(API + f"issues/{issue.id}/official-response/", body, format="json"),
            401,
            "AUTHENTICATION_REQUIRED",
        )
        error(resolver_client.post(API + "issues/TS-1/official-response/", body, format="json"), 404, "NOT_FOUND")


class TestMyLists:
    def test_my_issues_with_status_filter(self, citizen_client, citizen, other_citizen, resolver):
        mine = make_issue(citizen)
        done = make_issue(citizen)
        make_issue(other_citizen)
        from townspark.services.issues import issue_status_update

        issue_status_update(issue=done, status="resolved", actor=resolver)
        assert page(citizen_client.get(API + "users/me/issues/"))["count"] == 2
        assert [i["id"] for i in page(citizen_client.get(API + "users/me/issues/?status=reported"))["results"]] == [
            mine.id
        ]
        error(citizen_client.get(API + "users/me/issues/?status=nope"), 400, "VALIDATION_ERROR")

    def test_bookmarks_and_upvoted(self, citizen_client, citizen, other_citizen):
        first, second = make_issue(other_citizen), make_issue(other_citizen)
        citizen_client.post(API + f"issues/{first.id}/bookmark/")
        citizen_client.post(API + f"issues/{second.id}/upvote/")
        bookmarks = page(citizen_client.get(API + "users/me/bookmarks/"))["results"]
        assert [i["id"] for i in bookmarks] == [first.id] and bookmarks[0]["is_bookmarked"] is True
        upvoted = page(citizen_client.get(API + "users/me/upvoted/"))["results"]
        assert [i["id"] for i in upvoted] == [second.id] and upvoted[0]["is_upvoted"] is True

    @pytest.mark.parametrize("path", ["users/me/issues/", "users/me/bookmarks/", "users/me/upvoted/"])
    def test_unauthenticated(self, api_client, path):
        error(api_client.get(API + path), 401, "AUTHENTICATION_REQUIRED")

    @pytest.mark.parametrize("path", ["users/me/issues/", "users/me/bookmarks/", "users/me/upvoted/"])
    def test_query_count_is_flat(self, citizen_client, citizen, path):
        for n in range(12):
            issue = make_issue(citizen, title=f"Issue {n}", images=[image_file()])
            citizen_client.post(API + f"issues/{issue.id}/bookmark/")
            citizen_client.post(API + f"issues/{issue.id}/upvote/")
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                assert len(page(citizen_client.get(API + f"{path}?page_size={size}"))["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]
