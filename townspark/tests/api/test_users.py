"""users/me (GET, PATCH), settings with deep merge, public profiles."""

import uuid

import pytest

from townspark.tests.conftest import API, image_file
from townspark.tests.helpers import error, ok_data

pytestmark = pytest.mark.django_db


class TestMe:
    def test_get(self, citizen_client):
        data = ok_data(citizen_client.get(API + "users/me/"))
        assert data["email"] == "citizen@example.com" and data["username"] == "jane" and data["is_active"] is True
        # upvotes_received: superset for the TownSpark frontend (issue #15)
        assert data["stats"] == {"issues_posted": 0, "uplifts_received": 0, "issues_resolved": 0, "upvotes_received": 0}

    def test_patch(self, citizen_client):
        response = citizen_client.patch(
            API + "users/me/",
            {
                "name": "Jane Doe Updated",
                "phone": "+1 234 567 8901",
                "bio": "Updated bio",
                "address": "456 New Street",
                "ward": "Ward B",
            },
            format="json",
        )
        data = ok_data(response)
        assert response.json()["message"] == "Profile updated successfully"
        assert (data["name"], data["bio"], data["address"], data["ward"]) == (
            "Jane Doe Updated",
            "Updated bio",
            "456 New Street",
            "Ward B",
        )

    def test_patch_avatar_multipart(self, citizen_client):
        data = ok_data(
            citizen_client.patch(API + "users/me/", {"avatar": image_file("me.png", "PNG")}, format="multipart")
        )
        assert data["avatar"].startswith("http://testserver/media/")

    def test_patch_validation(self, citizen_client, other_citizen):
        error(citizen_client.patch(API + "users/me/", {"username": "otto"}, format="json"), 400, "VALIDATION_ERROR")
        error(
            citizen_client.patch(API + "users/me/", {"username": "bad name!"}, format="json"), 400, "VALIDATION_ERROR"
        )
        bad_avatar = image_file("x.gif", "GIF")
        error(
            citizen_client.patch(API + "users/me/", {"avatar": bad_avatar}, format="multipart"), 400, "VALIDATION_ERROR"
        )

    def test_unauthenticated(self, api_client):
        error(api_client.get(API + "users/me/"), 401, "AUTHENTICATION_REQUIRED")
        error(api_client.patch(API + "users/me/", {}, format="json"), 401, "AUTHENTICATION_REQUIRED")


class TestSettings:
    def test_defaults(self, citizen_client):
        assert ok_data(citizen_client.get(API + "users/me/settings/")) == {
            "notifications": {"email": True, "push": True, "status_updates": True, "comments": True, "mentions": True},
            "privacy": {"profile_visible": True, "show_email": False},
            "preferences": {"dark_mode": False, "language": "en"},
        }

    def test_patch_deep_merges(self, citizen_client):
        ok_data(citizen_client.patch(API + "users/me/settings/", {"notifications": {"email": False}}, format="json"))
        data = ok_data(
            citizen_client.patch(API + "users/me/settings/", {"preferences": {"dark_mode": True}}, format="json")
        )
        assert data["notifications"] == {
            "email": False,
            "push": True,
            "status_updates": True,
            "comments": True,
            "mentions": True,
        }
        assert data["preferences"] == {"dark_mode": True, "language": "en"}
        assert ok_data(citizen_client.get(API + "users/me/settings/")) == data

    def test_validation(self, citizen_client):
        error(
            citizen_client.patch(API + "users/me/settings/", {"notifications": {"email": "maybe"}}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(citizen_client.patch(API + "users/me/settings/", {"unknown": {}}, format="json"), 400, "VALIDATION_ERROR")
        error(
            citizen_client.patch(API + "users/me/settings/", {"privacy": {"nope": True}}, format="json"),
            400,
            "VALIDATION_ERROR",
        )

    def test_unauthenticated(self, api_client):
        error(api_client.get(API + "users/me/settings/"), 401, "AUTHENTICATION_REQUIRED")


class TestPublicProfile:
    def test_public_fields(self, api_client, citizen, other_citizen, client_for):
        data = ok_data(client_for(other_citizen).get(API + f"users/{citizen.uuid}/"))
        assert data["name"] == "Jane Citizen" and data["email"] is None and data["phone"] is None
        assert "stats" in data and "badges" in data

    def test_show_email_and_hidden_profile(self, api_client, citizen, citizen_client):
        citizen_client.patch(API + "users/me/", {"bio": "Hello"}, format="json")
        citizen_client.patch(API + "users/me/settings/", {"privacy": {"show_email": True}}, format="json")
        assert ok_data(api_client.get(API + f"users/{citizen.uuid}/"))["email"] == "citizen@example.com"
        citizen_client.patch(API + "users/me/settings/", {"privacy": {"profile_visible": False}}, format="json")
        data = ok_data(api_client.get(API + f"users/{citizen.uuid}/"))
        assert data["bio"] == "" and data["email"] is None

    def test_admin_sees_everything(self, admin_client, citizen):
        assert ok_data(admin_client.get(API + f"users/{citizen.uuid}/"))["email"] == "citizen@example.com"

    def test_not_found(self, api_client, make_account):
        error(api_client.get(API + f"users/{uuid.uuid4()}/"), 404, "NOT_FOUND")
        outsider = make_account("gatherhub", email="gh@example.com")
        error(api_client.get(API + f"users/{outsider.uuid}/"), 404, "NOT_FOUND")
        error(api_client.get(API + "users/not-a-uuid/"), 404, "NOT_FOUND")
