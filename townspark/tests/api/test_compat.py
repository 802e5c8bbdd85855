"""TownSpark's own frontend (issue #15): each alias and superset, beside the documented shape it leaves unchanged."""

import pytest
from django.contrib.auth import get_user_model

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import token_pair_for_user
from townspark.models import AccountStatus, Bookmark, Comment, Issue, IssueImage, Upvote
from townspark.services.accounts import user_status_set
from townspark.services.comments import comment_create
from townspark.services.notifications import notification_create
from townspark.tests.api.test_auth import register_body, resolver_body
from townspark.tests.conftest import API, image_file, make_issue
from townspark.tests.helpers import TIMESTAMP, error, ok_data, page

pytestmark = pytest.mark.django_db
User = get_user_model()

COMPACT_ISSUE = {
    "id", "title", "description", "category", "status", "urgency", "location", "images", "author",
    "upvotes", "uplifts", "comments", "is_upvoted", "is_bookmarked", "created_at",
}  # fmt: skip
FULL_ISSUE = COMPACT_ISSUE | {
    "reporter", "assigned_resolver", "department", "shares", "is_anonymous", "updated_at", "resolved_at",
    "timeline", "official_response", "after_images", "image_details",
}  # fmt: skip
ISSUE_EXTRA = {"upvotes_count", "has_upvoted", "createdAt"}
FULL_USER = {
    "id", "name", "username", "email", "phone", "avatar", "role", "address", "ward", "bio", "location",
    "is_active", "joined_at", "stats", "badges", "resolver_profile",
}  # fmt: skip
STATS = {"issues_posted", "uplifts_received", "issues_resolved"}
COMMENT = {"id", "issue_id", "parent_id", "author", "content", "likes", "is_liked", "created_at", "updated_at"}
NOTIFICATION = {"id", "type", "title", "message", "issue", "actor", "read", "created_at"}
ADMIN_USER_ROW = {
    "id", "name", "username", "email", "avatar", "role", "is_active", "status", "joined_at", "issues_count",
}  # fmt: skip
PLATFORM_STATS = {"issues_reported", "issues_resolved", "active_members", "avg_resolution_time"}
ENVELOPE = {"success", "message", "data", "meta"}


# --- Display supersets -----------------------------------------------------------------------------------------


class TestIssueSupersets:
    def test_feed_items(self, client_for, other_citizen, citizen, issue):
        client = client_for(other_citizen)
        client.post(API + f"issues/{issue.id}/upvote/")
        item = page(client.get(API + "issues/"))["results"][0]
        assert set(item) == COMPACT_ISSUE | ISSUE_EXTRA
        assert item["upvotes_count"] == item["upvotes"] == 1
        assert item["has_upvoted"] is item["is_upvoted"] is True
        assert item["createdAt"] == item["created_at"]

    def test_detail(self, api_client, issue):
        data = ok_data(api_client.get(API + f"issues/{issue.id}/"))
        assert set(data) == FULL_ISSUE | ISSUE_EXTRA
        assert data["upvotes_count"] == 0 and data["has_upvoted"] is False and data["createdAt"] == data["created_at"]


class TestUserSupersets:
    def test_me_full_name_and_upvotes_received(self, citizen_client, other_citizen, citizen, client_for):
        issue = make_issue(citizen)
        client_for(other_citizen).post(API + f"issues/{issue.id}/upvote/")
        data = ok_data(citizen_client.get(API + "users/me/"))
        assert set(data) == FULL_USER | {"full_name", "is_verified"}
        assert data["full_name"] == data["name"] == "Jane Citizen"
        assert set(data["stats"]) == STATS | {"upvotes_received"}
        assert data["stats"]["upvotes_received"] == data["stats"]["uplifts_received"] == 1
        assert data["is_verified"] is None  # only a resolver's is a boolean

    def test_resolver_me_has_top_level_is_verified(self, resolver_client, client_for, unverified_resolver):
        data = ok_data(resolver_client.get(API + "users/me/"))
        assert data["is_verified"] is True and data["resolver_profile"]["is_verified"] is True
        # an unverified resolver cannot log in, but a token issued before sees false
        assert ok_data(client_for(unverified_resolver).get(API + "users/me/"))["is_verified"] is False

    def test_login_user_has_full_name(self, api_client, citizen):
        body = {"email": "citizen@example.com", "password": DEFAULT_PASSWORD}
        user = ok_data(api_client.post(API + "auth/login/", body, format="json"))["user"]
        assert set(user) == FULL_USER | {"full_name"} and user["full_name"] == "Jane Citizen"

    def test_public_profile(self, api_client, citizen):
        data = ok_data(api_client.get(API + f"users/{citizen.public_id}/"))
        assert set(data) == FULL_USER | {"full_name"} and data["full_name"] == data["name"]
        assert set(data["stats"]) == STATS | {"upvotes_received"}

    def test_admin_user_rows(self, admin_client, citizen):
        rows = page(admin_client.get(API + "admin/users/?search=citizen"))["results"]
        row = next(row for row in rows if row["email"] == "citizen@example.com")
        assert set(row) == ADMIN_USER_ROW | {"full_name", "isActive", "joinedAt"}
        assert row["isActive"] is row["is_active"] is True and row["joinedAt"] == row["joined_at"]
        assert row["full_name"] == "Jane Citizen"


class TestOtherSupersets:
    def test_comment_created_at(self, citizen_client, issue):
        data = ok_data(citizen_client.post(API + f"issues/{issue.id}/comments/", {"content": "Hi"}, format="json"), 201)
        assert set(data) == COMMENT | {"replies", "createdAt"} and data["createdAt"] == data["created_at"]

    def test_notification_created_at(self, citizen_client, citizen):
        notification_create(user=citizen, type="system", title="Welcome", message="Hello")
        item = page(citizen_client.get(API + "notifications/"))["results"][0]
        assert set(item) == NOTIFICATION | {"createdAt"} and item["createdAt"] == item["created_at"]

    def test_platform_stats_totals(self, api_client, citizen, other_citizen, issue):
        user_status_set(user=other_citizen, status=AccountStatus.SUSPENDED)
        data = ok_data(api_client.get(API + "platform/stats/"))
        assert set(data) == PLATFORM_STATS | {"total_issues", "resolved_issues", "total_users"}
        assert data["total_issues"] == data["issues_reported"] == 1
        assert data["resolved_issues"] == data["issues_resolved"] == 0
        assert data["total_users"] == User.objects.filter(realm="townspark").count() == data["active_members"] + 1

    def test_refresh_pair_also_at_the_top(self, api_client, citizen):
        response = api_client.post(API + "auth/token/refresh/", {"refresh": token_pair_for_user(citizen).refresh})
        body = response.json()
        assert set(body) == ENVELOPE | {"access", "refresh"}
        assert set(body["data"]) == {"access", "refresh"} and body["message"] == "Token refreshed"
        assert body["access"] == body["data"]["access"] and body["refresh"] == body["data"]["refresh"]
        assert body["success"] is True and TIMESTAMP.match(body["meta"]["timestamp"])


# --- Auth aliases ----------------------------------------------------------------------------------------------


class TestDjoserRegistration:
    BODY = {"email": "new@example.com", "password": "securepassword123!", "full_name": "New Person"}

    def test_registers_a_citizen_like_register(self, api_client):
        data = ok_data(api_client.post(API + "auth/users/", {**self.BODY, "phone_number": "555"}, format="json"), 201)
        assert set(data) == {"user", "tokens"} and set(data["tokens"]) == {"access", "refresh"}
        assert data["user"]["name"] == data["user"]["full_name"] == "New Person" and data["user"]["role"] == "citizen"
        user = User.objects.get(realm="townspark", email="new@example.com")
        assert user.phone == "555" and user.check_password("securepassword123!")

    def test_confirmation_still_checked_when_given(self, api_client):
        body = {**self.BODY, "confirm_password": "different123!"}
        error(api_client.post(API + "auth/users/", body, format="json"), 400, "VALIDATION_ERROR")
        error(
            api_client.post(API + "auth/users/", {**self.BODY, "full_name": ""}, format="json"), 400, "VALIDATION_ERROR"
        )
        body = {"email": "x@example.com", "password": "securepassword123!"}
        assert (
            "full_name"
            in error(api_client.post(API + "auth/users/", body, format="json"), 400, "VALIDATION_ERROR")["errors"]
        )
        assert not User.objects.filter(realm="townspark", email__in=["new@example.com", "x@example.com"]).exists()

    def test_documented_register_unchanged(self, api_client):
        data = ok_data(api_client.post(API + "auth/register/", register_body(), format="json"), 201)
        assert set(data["user"]) == {"id", "name", "email", "role", "full_name"}
        body = register_body(email="b@example.com")
        body.pop("confirm_password")
        error(api_client.post(API + "auth/register/", body, format="json"), 400, "VALIDATION_ERROR")


class TestResolverRegistrationAliases:
    def test_full_name_and_phone_number(self, api_client):
        body = resolver_body(full_name="Rita Resolver", phone_number="999")
        body.pop("name")
        body.pop("phone")
        data = ok_data(api_client.post(API + "auth/register/resolver/", body, format="multipart"), 201)
        assert set(data) == {"user", "verification_status"} and data["user"]["name"] == "Rita Resolver"
        assert User.objects.get(realm="townspark", email=body["email"]).phone == "999"

    def test_documented_names_win_and_stay_required(self, api_client):
        body = resolver_body(full_name="Ignored")
        data = ok_data(api_client.post(API + "auth/register/resolver/", body, format="multipart"), 201)
        assert data["user"]["name"] == "John Smith"
        body = resolver_body(email="other@publicworks.gov", employee_id="EMP-2")
        body.pop("name")
        error(api_client.post(API + "auth/register/resolver/", body, format="multipart"), 400, "VALIDATION_ERROR")


class TestSetPassword:
    def test_documented_body(self, citizen, client_for):
        body = {
            "old_password": DEFAULT_PASSWORD,
            "new_password": "brand-new-pass42",
            "confirm_password": "brand-new-pass42",
        }
        response = client_for(citizen).post(API + "auth/users/set_password/", body, format="json")
        assert response.json()["message"] == "Password changed successfully."
        citizen.refresh_from_db()
        assert citizen.check_password("brand-new-pass42")

    def test_djoser_body_and_errors(self, citizen, client_for, api_client):
        client = client_for(citizen)
        body = {"current_password": "wrong", "new_password": "brand-new-pass42"}
        error(client.post(API + "auth/users/set_password/", body, format="json"), 400, "VALIDATION_ERROR")
        error(api_client.post(API + "auth/users/set_password/", body, format="json"), 401, "AUTHENTICATION_REQUIRED")
        body["current_password"] = DEFAULT_PASSWORD
        ok_data(client.post(API + "auth/users/set_password/", body, format="json"))
        citizen.refresh_from_db()
        assert citizen.check_password("brand-new-pass42")

    def test_documented_change_still_needs_confirmation(self, citizen, client_for):
        body = {"old_password": DEFAULT_PASSWORD, "new_password": "brand-new-pass42"}
        error(client_for(citizen).post(API + "auth/password/change/", body, format="json"), 400, "VALIDATION_ERROR")


# --- Comments and issues ---------------------------------------------------------------------------------------


class TestCommentAlias:
    def test_string_content(self, citizen_client, issue):
        data = ok_data(citizen_client.post(API + "comments/", {"issue": issue.id, "content": "Hi"}, format="json"), 201)
        assert set(data) == COMMENT | {"replies", "createdAt"}
        assert data["issue_id"] == issue.id and data["content"] == "Hi" and data["parent_id"] is None

    def test_object_content_with_reply_to(self, citizen_client, citizen, issue):
        parent = comment_create(issue=issue, author=citizen, content="First")
        body = {"issue": issue.id, "content": {"content": "Reply", "replyTo": str(parent.pk)}}
        data = ok_data(citizen_client.post(API + "comments/", body, format="json"), 201)
        assert data["parent_id"] == str(parent.pk) and data["content"] == "Reply"

    def test_bad_bodies(self, citizen_client, api_client, citizen, issue):
        other = comment_create(issue=make_issue(citizen), author=citizen, content="Elsewhere")
        for body in (
            {"issue": issue.id, "content": 5},
            {"issue": issue.id, "content": {"replyTo": None}},
            {"issue": issue.id, "content": {"content": "x", "replyTo": "nope"}},
            {"issue": issue.id, "content": {"content": "x", "replyTo": str(other.pk)}},
            {"issue": issue.id, "content": ""},
            {"content": "x"},
        ):
            error(citizen_client.post(API + "comments/", body, format="json"), 400, "VALIDATION_ERROR")
        error(
            citizen_client.post(API + "comments/", {"issue": "TS-1", "content": "x"}, format="json"), 404, "NOT_FOUND"
        )
        error(
            api_client.post(API + "comments/", {"issue": issue.id, "content": "x"}, format="json"),
            401,
            "AUTHENTICATION_REQUIRED",
        )
        assert Comment.objects.filter(issue=issue).count() == 0


class TestIssueReportAliases:
    BODY = {"title": "Broken light", "description": "Dark street", "category": "road"}

    def test_location_urgency_level_is_public(self, citizen_client):
        body = {**self.BODY, "location": "5 Elm Street", "urgency_level": "critical", "is_public": "true"}
        data = ok_data(citizen_client.post(API + "issues/", body, format="multipart"), 201)
        assert set(data) == FULL_ISSUE | ISSUE_EXTRA
        assert data["location"]["address"] == "5 Elm Street" and data["urgency"] == "critical"

    def test_json_and_documented_names_win(self, citizen_client):
        body = {**self.BODY, "address": "1 Main", "location": "ignored", "urgency": "low", "urgency_level": "high"}
        data = ok_data(citizen_client.post(API + "issues/", body, format="json"), 201)
        assert data["location"]["address"] == "1 Main" and data["urgency"] == "low"

    def test_non_file_image_parts_are_ignored(self, citizen_client):
        body = {**self.BODY, "address": "1 Main", "images[0]": image_file(), "images[1]": "[object Object]"}
        data = ok_data(citizen_client.post(API + "issues/", body, format="multipart"), 201)
        assert len(data["images"]) == 1
        assert IssueImage.objects.filter(issue_id=data["id"]).count() == 1

    def test_still_validated(self, citizen_client):
        error(citizen_client.post(API + "issues/", self.BODY, format="multipart"), 400, "VALIDATION_ERROR")
        body = {**self.BODY, "location": "x", "urgency_level": "apocalyptic"}
        error(citizen_client.post(API + "issues/", body, format="multipart"), 400, "VALIDATION_ERROR")
        body = {**self.BODY, "address": "x", "images": "not a file"}  # the documented field stays strict
        error(citizen_client.post(API + "issues/", body, format="multipart"), 400, "VALIDATION_ERROR")
        assert not Issue.objects.exists()


class TestRemoveAliases:
    def test_delete_upvote_is_idempotent(self, client_for, other_citizen, issue):
        client = client_for(other_citizen)
        assert ok_data(client.post(API + f"issues/{issue.id}/upvote/")) == {"upvoted": True, "upvotes": 1}
        for _ in range(2):
            assert ok_data(client.delete(API + f"issues/{issue.id}/upvote/")) == {"upvoted": False, "upvotes": 0}
        assert not Upvote.objects.exists() and Issue.objects.get().upvote_count == 0
        # the documented toggle is unchanged
        assert ok_data(client.post(API + f"issues/{issue.id}/upvote/")) == {"upvoted": True, "upvotes": 1}
        assert ok_data(client.post(API + f"issues/{issue.id}/upvote/")) == {"upvoted": False, "upvotes": 0}

    def test_delete_bookmark_is_idempotent(self, citizen_client, issue):
        assert ok_data(citizen_client.post(API + f"issues/{issue.id}/bookmark/")) == {"bookmarked": True}
        for _ in range(2):
            assert ok_data(citizen_client.delete(API + f"issues/{issue.id}/bookmark/")) == {"bookmarked": False}
        assert not Bookmark.objects.exists()
        assert ok_data(citizen_client.post(API + f"issues/{issue.id}/bookmark/")) == {"bookmarked": True}

    def test_errors(self, api_client, citizen_client, issue):
        for action in ("upvote", "bookmark"):
            error(api_client.delete(API + f"issues/{issue.id}/{action}/"), 401, "AUTHENTICATION_REQUIRED")
            error(citizen_client.delete(API + f"issues/TS-1/{action}/"), 404, "NOT_FOUND")


class TestNotificationAliases:
    def test_post_read_and_unread_count(self, citizen_client, citizen):
        first = notification_create(user=citizen, type="system", title="A", message="a")
        notification_create(user=citizen, type="system", title="B", message="b")
        assert ok_data(citizen_client.get(API + "notifications/unread-count/")) == {"unread_count": 2}
        data = ok_data(citizen_client.post(API + f"notifications/{first.pk}/read/"))
        assert set(data) == NOTIFICATION | {"createdAt"} and data["read"] is True
        assert ok_data(citizen_client.get(API + "notifications/unread-count/")) == {"unread_count": 1}
        assert page(citizen_client.get(API + "notifications/"))["unread_count"] == 1

    def test_documented_patch_and_errors(self, citizen_client, api_client, citizen, other_citizen):
        mine = notification_create(user=citizen, type="system", title="A", message="a")
        theirs = notification_create(user=other_citizen, type="system", title="B", message="b")
        assert ok_data(citizen_client.patch(API + f"notifications/{mine.pk}/read/"))["read"] is True
        error(citizen_client.post(API + f"notifications/{theirs.pk}/read/"), 404, "NOT_FOUND")
        error(api_client.get(API + "notifications/unread-count/"), 401, "AUTHENTICATION_REQUIRED")


# --- Resolver and admin ----------------------------------------------------------------------------------------


class TestResolverAliases:
    def test_assigned_alias_lists_as_documented(self, resolver_client, resolver, citizen, admin):
        from townspark.services.issues import issue_assign

        issue_assign(issue=make_issue(citizen), resolver=resolver, actor=admin)
        documented = page(resolver_client.get(API + "resolver/assigned/"))
        alias = page(resolver_client.get(API + "resolver/issues/assigned/"))
        assert alias == documented and alias["count"] == 1
        assert set(alias["results"][0]) == COMPACT_ISSUE | ISSUE_EXTRA

    def test_claim_is_accept(self, resolver_client, resolver, issue, citizen_client):
        data = ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/claim/"))
        assert set(data) == FULL_ISSUE | ISSUE_EXTRA and data["status"] == "in-progress"
        assert data["assigned_resolver"]["id"] == str(resolver.public_id)
        error(citizen_client.post(API + f"resolver/issues/{issue.id}/claim/"), 403, "PERMISSION_DENIED")

    def test_status_update(self, resolver_client, issue):
        body = {"status": "in-progress", "resolution_notes": "Crew on the way"}
        data = ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/status/", body, format="json"))
        assert set(data) == FULL_ISSUE | ISSUE_EXTRA and data["status"] == "in-progress"
        assert data["timeline"][-1]["note"] == "Crew on the way"

    def test_resolved_with_images_completes(self, resolver_client, resolver, issue):
        resolver_client.post(API + f"resolver/issues/{issue.id}/claim/")
        body = {
            "status": "resolved",
            "resolution_notes": "Fixed",
            "resolution_images[0]": image_file("after.png", "PNG"),
        }
        data = ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/status/", body, format="multipart"))
        assert data["status"] == "resolved" and len(data["after_images"]) == 1 and data["resolved_at"]

    def test_status_errors(self, resolver_client, client_for, make_account, issue, citizen_client):
        from townspark.tests.conftest import make_resolver

        url = API + f"resolver/issues/{issue.id}/status/"
        error(resolver_client.post(url, {"status": "resolved"}, format="json"), 400, "VALIDATION_ERROR")
        error(resolver_client.post(url, {"status": "bogus"}, format="json"), 400, "VALIDATION_ERROR")
        # resolving needs the issue assigned to the resolver, as complete/ does
        error(
            resolver_client.post(url, {"status": "resolved", "resolution_notes": "x"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        other = client_for(make_resolver(make_account, email="r2@example.com"))
        resolver_client.post(API + f"resolver/issues/{issue.id}/claim/")
        error(other.post(url, {"status": "in-progress"}, format="json"), 403, "PERMISSION_DENIED")
        error(citizen_client.post(url, {"status": "in-progress"}, format="json"), 403, "PERMISSION_DENIED")
        assert Issue.objects.get().status == "in-progress"


class TestAdminBanAliases:
    def test_ban_and_unban(self, admin_client, citizen):
        for _ in range(2):  # explicit, not a toggle
            data = ok_data(admin_client.post(API + f"admin/users/{citizen.public_id}/ban/", {"reason": "Spam"}))
            assert data["status"] == AccountStatus.SUSPENDED and data["is_active"] is False
        for _ in range(2):
            data = ok_data(admin_client.post(API + f"admin/users/{citizen.public_id}/unban/"))
            assert data["status"] == AccountStatus.ACTIVE and data["is_active"] is True
        documented = ok_data(admin_client.get(API + f"admin/users/{citizen.public_id}/"))
        assert set(data) == set(documented)

    def test_admins_only(self, citizen_client, admin_client, other_citizen):
        error(citizen_client.post(API + f"admin/users/{other_citizen.public_id}/ban/"), 403, "PERMISSION_DENIED")
        error(admin_client.post(API + "admin/users/00000000-0000-0000-0000-000000000000/ban/"), 404, "NOT_FOUND")
