"""user/: me (cookie re-sync), profile PATCH and role requests; cookie-only, Bearer-only and CSRF variants."""

import pytest
from rest_framework.test import APIClient

from conftest import DEFAULT_PASSWORD
from ressourcefy.models import OnboardingStep, Profile, RoleRequest
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
ME, PROFILE, REQUEST_ROLE = API + "user/me/", API + "user/profile/", API + "user/request-role/"


@pytest.fixture
def complete_reader(reader):
    Profile.objects.filter(user=reader).update(bio="Reads a lot")
    return reader


def cookie_client(user, *, enforce_csrf: bool = True) -> APIClient:
    """A browser-like client: logged in through auth/login/, so it holds the cookies and no header."""
    client = APIClient(enforce_csrf_checks=enforce_csrf)
    response = client.post(API + "auth/login/", {"email": user.email, "password": DEFAULT_PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return client


class TestMe:
    def test_shape_and_cookie_sync(self, client_for, complete_reader):
        response = client_for(complete_reader).get(ME)
        assert response.status_code == 200
        assert response.json()["data"] == {
            "id": str(complete_reader.uuid),
            "email": "reader@example.com",
            "username": "reader",
            "bio": "Reads a lot",
            "avatar_url": None,  # no avatar is null, as the feed's author_avatar
            "activated": True,
            "onboarding_step": "completed",
            "createdAt": complete_reader.date_joined.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        assert response.cookies["activated"].value == "true"
        assert response.cookies["onboarding_step"].value == "completed"

    def test_profile_fields_are_null_without_a_profile(self, make_account, client_for):
        user = make_account("ressourcefy", email="bare@example.com", username="bare")
        data = client_for(user).get(ME).json()["data"]
        assert (data["username"], data["bio"], data["avatar_url"], data["onboarding_step"]) == (
            None,
            None,
            None,
            "not_started",
        )

    def test_works_before_onboarding_is_complete(self, rfy_account, client_for):
        user = rfy_account("USER", "early", onboarding_step=OnboardingStep.PROFILE)
        assert client_for(user).get(ME).json()["data"]["onboarding_step"] == "profile"

    def test_cookie_only(self, complete_reader):
        client = cookie_client(complete_reader)
        assert client.get(ME).json()["data"]["id"] == str(complete_reader.uuid)

    def test_a_query_budget(self, client_for, complete_reader, django_assert_num_queries):
        client = client_for(complete_reader)
        with django_assert_num_queries(1):  # the user with its profile, one join
            assert client.get(ME).status_code == 200

    def test_unauthenticated_bad_token_and_not_activated(self, api_client, make_account, client_for):
        assert_error(api_client.get(ME), 401)
        api_client.credentials(HTTP_AUTHORIZATION="Bearer nonsense")
        assert_error(api_client.get(ME), 401, "invalid_token")
        inactive = make_account("ressourcefy", email="inactive@example.com", verified=False)
        assert_error(client_for(inactive).get(ME), 403, "account_not_activated")

    def test_a_token_of_another_product_is_refused(self, make_account, client_for):
        other = make_account("townspark", email="town@example.com")
        assert_error(client_for(other).get(ME), 401, "invalid_token")


class TestCsrf:
    def test_cookie_auth_unsafe_request_without_the_header_is_403(self, complete_reader):
        client = cookie_client(complete_reader)
        response = client.patch(PROFILE, {"bio": "changed"}, format="json")
        assert assert_error(response, 403, "csrf_failed")["message"].startswith("CSRF Failed")
        assert Profile.objects.get(user=complete_reader).bio == "Reads a lot"

    def test_cookie_auth_with_the_csrftoken_header_passes(self, complete_reader):
        client = cookie_client(complete_reader)
        token = client.cookies["csrftoken"].value
        response = client.patch(PROFILE, {"bio": "changed"}, format="json", HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 200, response.content
        assert Profile.objects.get(user=complete_reader).bio == "changed"

    def test_a_wrong_header_is_refused(self, complete_reader):
        client = cookie_client(complete_reader)
        response = client.patch(PROFILE, {"bio": "changed"}, format="json", HTTP_X_CSRFTOKEN="x" * 32)
        assert_error(response, 403, "csrf_failed")

    def test_safe_methods_need_no_header(self, complete_reader):
        assert cookie_client(complete_reader).get(ME).status_code == 200

    def test_bearer_requests_are_not_affected(self, complete_reader):
        client = APIClient(enforce_csrf_checks=True)
        access = client.post(
            API + "auth/login/", {"email": "reader@example.com", "password": DEFAULT_PASSWORD}, format="json"
        ).json()["data"]["access_token"]
        bearer_only = APIClient(enforce_csrf_checks=True)
        bearer_only.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        assert bearer_only.patch(PROFILE, {"bio": "changed"}, format="json").status_code == 200

    def test_me_sets_the_csrftoken_cookie(self, client_for, complete_reader):
        assert "csrftoken" in client_for(complete_reader).get(ME).cookies


class TestProfileUpdate:
    def test_updates_fields(self, client_for, complete_reader):
        body = {"username": "new_username", "bio": "Updated bio text", "avatar_url": "https://example.com/a.jpg"}
        response = client_for(complete_reader).patch(PROFILE, body, format="json")
        assert response.status_code == 200
        assert response.json()["data"] == {**body, "message": "Profile updated successfully"}
        complete_reader.refresh_from_db()
        assert complete_reader.username == "new_username"

    def test_a_partial_update_keeps_the_rest(self, client_for, complete_reader):
        response = client_for(complete_reader).patch(PROFILE, {"avatar_url": "https://e.com/x.png"}, format="json")
        assert response.json()["data"]["bio"] == "Reads a lot"
        assert response.json()["data"]["username"] == "reader"

    def test_a_taken_username(self, client_for, complete_reader, contributor):
        response = client_for(complete_reader).patch(PROFILE, {"username": "Carla"}, format="json")
        error = assert_error(response, 400, "invalid_action")
        assert error["message"] == "Username 'Carla' is already taken"

    def test_a_regular_user_must_keep_a_complete_profile(self, client_for, complete_reader):
        response = client_for(complete_reader).patch(PROFILE, {"bio": ""}, format="json")
        error = assert_error(response, 400, "invalid_action")
        assert error["message"] == "Profile must be complete for regular users: username, bio or avatar_url required"
        assert Profile.objects.get(user=complete_reader).bio == "Reads a lot"

    def test_an_admin_needs_only_a_username(self, client_for, admin):
        assert client_for(admin).patch(PROFILE, {"bio": ""}, format="json").status_code == 200

    def test_an_admin_without_a_profile(self, client_for, admin):
        Profile.objects.filter(user=admin).delete()
        # Without a profile the account has not onboarded, so the onboarding gate answers first.
        assert_error(client_for(admin).patch(PROFILE, {"bio": "x"}, format="json"), 403, "onboarding_incomplete")

    @pytest.mark.parametrize(
        "body", [{"username": ""}, {"username": "x" * 31}, {"bio": "x" * 501}, {"avatar_url": "nope"}]
    )
    def test_validation(self, client_for, complete_reader, body):
        assert_error(client_for(complete_reader).patch(PROFILE, body, format="json"), 400, "validation_error")

    def test_onboarding_incomplete_unauthenticated_not_activated(
        self, api_client, rfy_account, make_account, client_for
    ):
        early = rfy_account("USER", "early", onboarding_step=OnboardingStep.INTERESTS)
        assert_error(client_for(early).patch(PROFILE, {"bio": "x"}, format="json"), 403, "onboarding_incomplete")
        assert_error(api_client.patch(PROFILE, {"bio": "x"}, format="json"), 401)
        inactive = make_account("ressourcefy", email="inactive@example.com", verified=False)
        assert_error(client_for(inactive).patch(PROFILE, {"bio": "x"}, format="json"), 403, "account_not_activated")


class TestRequestRole:
    def test_creates_a_pending_request(self, client_for, complete_reader):
        body = {"requested_role": "MODERATOR", "reason": "I moderate communities."}
        response = client_for(complete_reader).post(REQUEST_ROLE, body, format="json")
        assert response.status_code == 201, response.content
        role_request = RoleRequest.objects.get(user=complete_reader)
        assert response.json()["data"] == {
            "request_id": str(role_request.id),
            "requested_role": "MODERATOR",
            "status": "pending",
            "message": (
                "Role change request submitted successfully. Your request for MODERATOR is pending admin review."
            ),
        }
        assert role_request.reason == "I moderate communities."

    def test_one_pending_request_at_a_time(self, client_for, complete_reader):
        client = client_for(complete_reader)
        assert client.post(REQUEST_ROLE, {"requested_role": "CONTRIBUTOR"}, format="json").status_code == 201
        for role in ("CONTRIBUTOR", "MODERATOR"):
            error = assert_error(client.post(REQUEST_ROLE, {"requested_role": role}, format="json"), 400)
            assert error == {
                "code": "invalid_action",
                "message": "User already has a pending request for role CONTRIBUTOR",
            }
        assert RoleRequest.objects.filter(user=complete_reader).count() == 1

    @pytest.mark.parametrize("role", ["ADMIN", "SUPERADMIN", "USER", "nonsense"])
    def test_only_contributor_or_moderator(self, client_for, complete_reader, role):
        error = assert_error(
            client_for(complete_reader).post(REQUEST_ROLE, {"requested_role": role}, format="json"), 400
        )
        assert error["message"] == f"Only MODERATOR or CONTRIBUTOR roles can be requested. Got: {role}"

    def test_a_role_already_held(self, client_for, moderator):
        Profile.objects.filter(user=moderator).update(bio="Mod")
        for role in ("MODERATOR", "CONTRIBUTOR"):
            response = client_for(moderator).post(REQUEST_ROLE, {"requested_role": role}, format="json")
            assert assert_error(response, 400, "invalid_action")["message"] == "User already has role MODERATOR"

    def test_a_contributor_may_ask_for_moderator(self, client_for, contributor):
        Profile.objects.filter(user=contributor).update(avatar_url="https://e.com/c.png")
        response = client_for(contributor).post(REQUEST_ROLE, {"requested_role": "MODERATOR"}, format="json")
        assert response.status_code == 201

    def test_an_incomplete_profile(self, client_for, reader):
        response = client_for(reader).post(REQUEST_ROLE, {"requested_role": "CONTRIBUTOR"}, format="json")
        assert assert_error(response, 400, "invalid_action")["message"].startswith("Profile must be complete before")

    @pytest.mark.parametrize("fixture", ["admin", "superadmin"])
    def test_admins_cannot_use_it(self, request, client_for, fixture):
        user = request.getfixturevalue(fixture)
        response = client_for(user).post(REQUEST_ROLE, {"requested_role": "MODERATOR"}, format="json")
        assert_error(response, 403, "permission_denied")

    def test_validation_and_gates(self, api_client, client_for, complete_reader, rfy_account):
        client = client_for(complete_reader)
        assert_error(client.post(REQUEST_ROLE, {}, format="json"), 400, "validation_error")
        body = {"requested_role": "MODERATOR", "reason": "x" * 1001}
        assert_error(client.post(REQUEST_ROLE, body, format="json"), 400, "validation_error")
        assert_error(api_client.post(REQUEST_ROLE, {"requested_role": "MODERATOR"}, format="json"), 401)
        early = rfy_account("USER", "early", onboarding_step=OnboardingStep.PROFILE)
        response = client_for(early).post(REQUEST_ROLE, {"requested_role": "MODERATOR"}, format="json")
        assert_error(response, 403, "onboarding_incomplete")

    def test_cookie_only_with_csrf(self, complete_reader):
        client = cookie_client(complete_reader)
        body = {"requested_role": "CONTRIBUTOR"}
        assert_error(client.post(REQUEST_ROLE, body, format="json"), 403, "csrf_failed")
        token = client.cookies["csrftoken"].value
        assert client.post(REQUEST_ROLE, body, format="json", HTTP_X_CSRFTOKEN=token).status_code == 201
