"""A-List accounts: sign-up with a single-use verification link, tokens, the profile and password change."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from rest_framework_simplejwt.tokens import AccessToken

from alistpros.services.users import email_verification_tokens
from alistpros.tests.conftest import API, assert_error
from conftest import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()
USER_FIELDS = {"id", "email", "name", "phone_number", "role", "is_verified", "date_joined"}
NEW_PASSWORD = "An0ther-long-secret!"


def body(**overrides) -> dict:
    data = {
        "email": "new@example.com",
        "name": "New Person",
        "phone_number": "+1234567890",
        "role": "client",
        "password": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
    }
    return {**data, **overrides}


def register(api_client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return api_client.post(API + "users/register/", body(**overrides), format="json")


class TestRegister:
    @pytest.mark.parametrize("role", ["client", "contractor", "crew", "specialist"])
    def test_returns_user_tokens_and_message(self, api_client, django_capture_on_commit_callbacks, role):
        response = register(api_client, django_capture_on_commit_callbacks, role=role)
        assert response.status_code == 201, response.content
        data = response.json()
        assert set(data) == {"user", "tokens", "message"}
        assert data["message"] == "User registered successfully. Please check your email to verify your account."
        user = User.objects.get(realm="alistpros", email="new@example.com")
        assert data["user"] == {
            "id": user.pk,
            "email": "new@example.com",
            "name": "New Person",
            "phone_number": "+1234567890",
            "role": role,
            "is_verified": False,
            "date_joined": data["user"]["date_joined"],
        }
        assert AccessToken(data["tokens"]["access"])["user_id"] == user.pk
        assert len(mail.outbox) == 1 and "verify-email/" in mail.outbox[0].body

    def test_an_email_registered_in_alist_is_409(self, api_client, django_capture_on_commit_callbacks, client_user):
        response = register(api_client, django_capture_on_commit_callbacks, email=client_user.email.upper())
        assert_error(response, 409)
        assert len(mail.outbox) == 0

    def test_the_same_email_in_another_product_is_free(
        self, api_client, django_capture_on_commit_callbacks, make_account
    ):
        make_account("gatherhub", email="new@example.com")
        assert register(api_client, django_capture_on_commit_callbacks).status_code == 201

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"role": "admin"}, "role"),
            ({"role": "king"}, "role"),
            ({"password2": "something-else-entirely"}, "password2"),
            ({"password": "123", "password2": "123"}, "password"),
            ({"email": "not-an-email"}, "email"),
            ({"name": ""}, "name"),
            ({"phone_number": "call me"}, "phone_number"),
        ],
    )
    def test_validation(self, api_client, django_capture_on_commit_callbacks, overrides, field):
        body_ = assert_error(register(api_client, django_capture_on_commit_callbacks, **overrides), 400)
        assert field in body_["details"]
        assert not User.objects.filter(email="new@example.com").exists() and len(mail.outbox) == 0


class TestVerifyEmail:
    def link(self, api_client, django_capture_on_commit_callbacks) -> str:
        register(api_client, django_capture_on_commit_callbacks)
        return re.search(r"https?://[^/]+(/alistpros/api/users/verify-email/\S+/)", mail.outbox[0].body).group(1)

    def test_the_mailed_link_verifies_once(self, api_client, django_capture_on_commit_callbacks):
        link = self.link(api_client, django_capture_on_commit_callbacks)
        response = api_client.get(link)
        assert response.status_code == 200 and response.json() == {"message": "Email verified successfully"}
        assert User.objects.get(email="new@example.com").is_verified is True
        assert_error(api_client.get(link), 400)  # single use

    def test_altered_or_foreign_links_are_400(self, api_client, django_capture_on_commit_callbacks, client_user):
        link = self.link(api_client, django_capture_on_commit_callbacks)
        user = User.objects.get(email="new@example.com")
        token = link.rstrip("/").split("/")[-2]
        for bad in (
            f"{API}users/verify-email/{token}x/{user.pk}/",
            f"{API}users/verify-email/{token}/{client_user.pk}/",
            f"{API}users/verify-email/{token}/999999/",
            f"{API}users/verify-email/{token}/abc/",
        ):
            assert_error(api_client.get(bad), 400)
        assert User.objects.get(pk=user.pk).is_verified is False

    def test_links_expire(self, api_client, django_capture_on_commit_callbacks, settings):
        link = self.link(api_client, django_capture_on_commit_callbacks)
        settings.PASSWORD_RESET_TIMEOUT = -1
        assert_error(api_client.get(link), 400)

    def test_a_token_is_bound_to_its_account(self, client_user, other_client):
        token = email_verification_tokens.make_token(client_user)
        assert email_verification_tokens.check_token(client_user, token)
        assert not email_verification_tokens.check_token(other_client, token)


class TestTokens:
    def test_login_returns_tokens_and_user(self, api_client, client_user):
        response = api_client.post(API + "users/token/", {"email": client_user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 200
        data = response.json()
        assert set(data) == {"access", "refresh", "user"} and set(data["user"]) == USER_FIELDS
        assert data["user"]["id"] == client_user.pk

    @pytest.mark.parametrize("password", ["wrong-password", ""])
    def test_wrong_credentials_are_400(self, api_client, client_user, password):
        assert_error(api_client.post(API + "users/token/", {"email": client_user.email, "password": password}), 400)

    def test_refresh_rotates(self, api_client, client_user):
        refresh = api_client.post(API + "users/token/", {"email": client_user.email, "password": DEFAULT_PASSWORD})
        raw = refresh.json()["refresh"]
        response = api_client.post(API + "users/token/refresh/", {"refresh": raw}, format="json")
        assert response.status_code == 200 and "access" in response.json()
        assert_error(api_client.post(API + "users/token/refresh/", {"refresh": raw}, format="json"), 401)

    def test_a_token_of_another_product_is_401(self, make_account, client_for):
        assert_error(client_for(make_account("parking")).get(API + "users/me/"), 401)


class TestMe:
    def test_get_and_patch(self, client_for, client_user):
        client = client_for(client_user)
        assert set(client.get(API + "users/me/").json()) == USER_FIELDS
        change = {"name": "Carla Smith", "phone_number": "+1987654321"}
        response = client.patch(API + "users/me/", change, format="json")
        assert response.status_code == 200
        assert response.json()["name"] == "Carla Smith" and response.json()["phone_number"] == "+1987654321"
        client_user.refresh_from_db()
        assert (client_user.name, client_user.phone) == ("Carla Smith", "+1987654321")

    def test_email_and_role_are_not_changed_by_patch(self, client_for, client_user):
        client_for(client_user).patch(API + "users/me/", {"email": "x@example.com", "role": "admin"}, format="json")
        client_user.refresh_from_db()
        assert (client_user.email, client_user.role) == ("carla@example.com", "client")

    def test_validation_and_authentication(self, client_for, client_user, api_client):
        assert "phone_number" in assert_error(
            client_for(client_user).patch(API + "users/me/", {"phone_number": "nope"}, format="json"), 400
        )["details"]
        assert_error(client_for(client_user).put(API + "users/me/", {}, format="json"), 405)
        assert_error(api_client.get(API + "users/me/"), 401)


class TestChangePassword:
    def test_changes_the_password(self, client_for, client_user, api_client):
        response = client_for(client_user).post(
            API + "users/change-password/",
            {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            format="json",
        )
        assert response.status_code == 200 and response.json() == {"message": "Password changed successfully"}
        client_user.refresh_from_db()
        assert client_user.check_password(NEW_PASSWORD)

    @pytest.mark.parametrize(
        "payload, field",
        [
            ({"old_password": "wrong", "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, "old_password"),
            ({"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "new_password2": "x"}, "new_password2"),
            ({"old_password": DEFAULT_PASSWORD, "new_password": "short", "new_password2": "short"}, "new_password"),
            ({"old_password": DEFAULT_PASSWORD}, "new_password"),
        ],
    )
    def test_validation(self, client_for, client_user, payload, field):
        body_ = assert_error(client_for(client_user).post(API + "users/change-password/", payload, format="json"), 400)
        assert field in body_["details"]
        client_user.refresh_from_db()
        assert client_user.check_password(DEFAULT_PASSWORD)

    def test_unauthenticated(self, api_client):
        assert_error(api_client.post(API + "users/change-password/", {}, format="json"), 401)
