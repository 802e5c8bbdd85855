"""Auth endpoints: registration (citizen, resolver), login, refresh, logout, password reset and change, suspension."""

import re

import pytest
from django.core import mail

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import token_pair_for_user
from townspark.models import AccountStatus, Profile, ResolverProfile
from townspark.services.accounts import user_status_set
from townspark.tests.conftest import API, image_file, pdf_file
from townspark.tests.helpers import error, ok_data

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-new-pass-42"


def register_body(**overrides):
    body = {
        "name": "Jane Doe",
        "email": "jane.doe@example.com",
        "phone": "1234567890",
        "password": "securepassword123!",
        "confirm_password": "securepassword123!",
        "user_type": "citizen",
    }
    body.update(overrides)
    return body


class TestCitizenRegistration:
    def test_returns_user_and_tokens(self, api_client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(API + "auth/register/", register_body(), format="json")
        body = response.json()
        data = ok_data(response, 201)
        assert body["message"] == "Registration successful. Please verify your email."
        assert data["user"]["name"] == "Jane Doe" and data["user"]["role"] == "citizen"
        assert set(data["user"]) == {"id", "name", "email", "role", "full_name"}  # full_name: issue #15 superset
        assert set(data["tokens"]) == {"access", "refresh"}
        assert Profile.objects.filter(user__uuid=data["user"]["id"]).exists()
        assert len(mail.outbox) == 1  # the verification e-mail

    def test_tokens_work(self, api_client):
        tokens = ok_data(api_client.post(API + "auth/register/", register_body(), format="json"), 201)["tokens"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        assert ok_data(api_client.get(API + "users/me/"))["email"] == "jane.doe@example.com"

    def test_confirm_password_must_match(self, api_client):
        response = api_client.post(
            API + "auth/register/", register_body(confirm_password="different-123!"), format="json"
        )
        body = error(response, 400, "VALIDATION_ERROR")
        assert body["message"] == "Validation failed" and "confirm_password" in body["errors"]

    def test_duplicate_email(self, api_client, citizen):
        response = api_client.post(API + "auth/register/", register_body(email="citizen@example.com"), format="json")
        assert error(response, 400, "VALIDATION_ERROR")["errors"]["email"] == ["This email is already registered"]

    def test_weak_password_and_missing_fields(self, api_client):
        body = error(
            api_client.post(
                API + "auth/register/", register_body(password="123", confirm_password="123"), format="json"
            ),
            400,
            "VALIDATION_ERROR",
        )
        assert "password" in body["errors"]
        body = error(api_client.post(API + "auth/register/", {}, format="json"), 400, "VALIDATION_ERROR")
        assert {"name", "email", "password", "confirm_password"} <= set(body["errors"])

    def test_cannot_self_register_as_admin(self, api_client):
        response = api_client.post(API + "auth/register/", register_body(user_type="admin"), format="json")
        assert "user_type" in error(response, 400, "VALIDATION_ERROR")["errors"]


def resolver_body(**overrides):
    body = register_body(name="John Smith", email="john.smith@publicworks.gov")
    body.pop("user_type")
    body.update(
        department="public-works",
        employee_id="EMP-12345",
        designation="Field Officer",
        id_document=image_file("id.png", "PNG"),
    )
    body.update(overrides)
    return body


class TestResolverRegistration:
    def test_pending_verification(self, api_client):
        response = api_client.post(API + "auth/register/resolver/", resolver_body(), format="multipart")
        body = response.json()
        data = ok_data(response, 201)
        assert body["message"] == "Registration successful. Your account is pending verification."
        assert data["verification_status"] == "pending" and data["user"]["role"] == "resolver"
        assert "tokens" not in data
        profile = ResolverProfile.objects.get(user__uuid=data["user"]["id"])
        assert profile.employee_id == "EMP-12345" and profile.department_id == "public-works" and profile.id_document

    def test_employee_id_is_unique(self, api_client):
        ok_data(api_client.post(API + "auth/register/resolver/", resolver_body(), format="multipart"), 201)
        response = api_client.post(
            API + "auth/register/resolver/",
            resolver_body(email="other@gov.example", id_document=image_file("id.png", "PNG")),
            format="multipart",
        )
        assert "employee_id" in error(response, 400, "VALIDATION_ERROR")["errors"]

    def test_document_and_department_are_checked(self, api_client):
        fake = image_file("id.png", "PNG")
        fake.file.write(b"")  # noqa
        from django.core.files.uploadedfile import SimpleUploadedFile

        body = resolver_body(
            department="nope",
            id_document=SimpleUploadedFile("id.pdf", b"not a document", content_type="application/pdf"),
        )
        errors = error(
            api_client.post(API + "auth/register/resolver/", body, format="multipart"), 400, "VALIDATION_ERROR"
        )["errors"]
        assert {"department", "id_document"} <= set(errors)

    def test_pdf_document_is_accepted(self, api_client):
        pdf = pdf_file()
        ok_data(
            api_client.post(API + "auth/register/resolver/", resolver_body(id_document=pdf), format="multipart"), 201
        )


class TestLogin:
    def test_full_user_and_tokens(self, api_client, citizen):
        response = api_client.post(
            API + "auth/login/", {"email": "citizen@example.com", "password": DEFAULT_PASSWORD}, format="json"
        )
        body = response.json()
        data = ok_data(response)
        assert body["message"] == "Login successful"
        user = data["user"]
        assert {
            "id",
            "name",
            "username",
            "email",
            "phone",
            "avatar",
            "role",
            "address",
            "ward",
            "joined_at",
            "stats",
            "badges",
        } <= set(user)
        # upvotes_received: superset for the TownSpark frontend (issue #15)
        assert user["stats"] == {"issues_posted": 0, "uplifts_received": 0, "issues_resolved": 0, "upvotes_received": 0}
        assert user["badges"] == [] and user["resolver_profile"] is None
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", user["joined_at"])
        assert set(data["tokens"]) == {"access", "refresh"}

    def test_resolver_login_includes_resolver_profile(self, api_client, resolver):
        user = ok_data(
            api_client.post(API + "auth/login/", {"email": resolver.email, "password": DEFAULT_PASSWORD}, format="json")
        )["user"]
        assert user["resolver_profile"]["department"] == {
            "id": "public-works",
            "name": "Public Works",
            "icon": "construction",
        }
        assert user["resolver_profile"]["is_verified"] is True

    def test_wrong_password(self, api_client, citizen):
        response = api_client.post(
            API + "auth/login/", {"email": "citizen@example.com", "password": "wrong"}, format="json"
        )
        error(response, 400, "VALIDATION_ERROR")

    def test_missing_fields(self, api_client):
        assert (
            "email" in error(api_client.post(API + "auth/login/", {}, format="json"), 400, "VALIDATION_ERROR")["errors"]
        )

    def test_suspended_account(self, api_client, citizen):
        user_status_set(user=citizen, status=AccountStatus.SUSPENDED, reason="Spam")
        response = api_client.post(
            API + "auth/login/", {"email": "citizen@example.com", "password": DEFAULT_PASSWORD}, format="json"
        )
        assert "Spam" in error(response, 403, "ACCOUNT_SUSPENDED")["message"]


class TestSuspension:
    def test_every_request_of_a_suspended_account_is_refused(self, citizen, client_for):
        client = client_for(citizen)
        ok_data(client.get(API + "users/me/"))
        user_status_set(user=citizen, status=AccountStatus.SUSPENDED)
        error(client.get(API + "users/me/"), 403, "ACCOUNT_SUSPENDED")
        error(client.get(API + "categories/"), 403, "ACCOUNT_SUSPENDED")  # even public endpoints, with a token

    def test_the_check_shares_the_user_query(self, citizen, client_for, django_assert_num_queries):
        from townspark.services.accounts import profile_get

        profile_get(user=citizen)  # the account has a profile, as every account using the app soon does
        client = client_for(citizen)
        with django_assert_num_queries(2):  # the token's user joined to its profile, then the categories
            ok_data(client.get(API + "categories/"))
        user_status_set(user=citizen, status=AccountStatus.SUSPENDED)
        with django_assert_num_queries(1):  # refused on the user's own query
            error(client.get(API + "categories/"), 403, "ACCOUNT_SUSPENDED")

    def test_refresh_is_refused(self, api_client, citizen):
        refresh = token_pair_for_user(citizen).refresh
        user_status_set(user=citizen, status=AccountStatus.BANNED)
        error(
            api_client.post(API + "auth/token/refresh/", {"refresh": refresh}, format="json"), 403, "ACCOUNT_SUSPENDED"
        )


class TestTokens:
    def test_refresh_rotates(self, api_client, citizen):
        refresh = token_pair_for_user(citizen).refresh
        data = ok_data(api_client.post(API + "auth/token/refresh/", {"refresh": refresh}, format="json"))
        assert set(data) == {"access", "refresh"} and data["refresh"] != refresh
        error(api_client.post(API + "auth/token/refresh/", {"refresh": refresh}, format="json"), 401, "INVALID_TOKEN")

    def test_refresh_validation_and_garbage(self, api_client):
        error(api_client.post(API + "auth/token/refresh/", {}, format="json"), 400, "VALIDATION_ERROR")
        error(api_client.post(API + "auth/token/refresh/", {"refresh": "garbage"}, format="json"), 401, "INVALID_TOKEN")

    def test_logout_blacklists(self, citizen, client_for, api_client):
        refresh = token_pair_for_user(citizen).refresh
        client = client_for(citizen)
        assert (
            client.post(API + "auth/logout/", {"refresh": refresh}, format="json").json()["message"]
            == "Logout successful"
        )
        error(api_client.post(API + "auth/token/refresh/", {"refresh": refresh}, format="json"), 401, "INVALID_TOKEN")

    def test_logout_needs_authentication(self, api_client, citizen):
        refresh = token_pair_for_user(citizen).refresh
        error(
            api_client.post(API + "auth/logout/", {"refresh": refresh}, format="json"), 401, "AUTHENTICATION_REQUIRED"
        )

    def test_foreign_realm_token(self, make_account, client_for):
        outsider = make_account("gatherhub", email="gh@example.com")
        error(client_for(outsider).get(API + "users/me/"), 401, "INVALID_TOKEN")


class TestPasswords:
    def test_reset_and_confirm(self, api_client, citizen, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            ok_data(api_client.post(API + "auth/password/reset/", {"email": "citizen@example.com"}, format="json"))
        text = mail.outbox[-1].body
        uid = re.search(r"uid=([\w-]+)", text).group(1)
        token = re.search(r"token=([\w-]+)", text).group(1)
        bad = api_client.post(
            API + "auth/password/reset/confirm/",
            {"uid": uid, "token": "bad-token", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
            format="json",
        )
        assert "token" in error(bad, 400, "VALIDATION_ERROR")["errors"]
        mismatch = api_client.post(
            API + "auth/password/reset/confirm/",
            {"uid": uid, "token": token, "new_password": NEW_PASSWORD, "confirm_password": "x"},
            format="json",
        )
        assert "confirm_password" in error(mismatch, 400, "VALIDATION_ERROR")["errors"]
        done = api_client.post(
            API + "auth/password/reset/confirm/",
            {"uid": uid, "token": token, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
            format="json",
        )
        ok_data(done)
        ok_data(
            api_client.post(
                API + "auth/login/", {"email": "citizen@example.com", "password": NEW_PASSWORD}, format="json"
            )
        )

    def test_reset_of_unknown_address_answers_the_same(self, api_client):
        ok_data(api_client.post(API + "auth/password/reset/", {"email": "nobody@example.com"}, format="json"))
        assert mail.outbox == []
        error(
            api_client.post(API + "auth/password/reset/", {"email": "not-an-email"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )

    def test_change(self, citizen, client_for, api_client):
        client = client_for(citizen)
        wrong = client.post(
            API + "auth/password/change/",
            {"old_password": "nope", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
            format="json",
        )
        assert "old_password" in error(wrong, 400, "VALIDATION_ERROR")["errors"]
        ok_data(
            client.post(
                API + "auth/password/change/",
                {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
                format="json",
            )
        )
        ok_data(
            api_client.post(
                API + "auth/login/", {"email": "citizen@example.com", "password": NEW_PASSWORD}, format="json"
            )
        )

    def test_change_needs_authentication(self, api_client):
        error(api_client.post(API + "auth/password/change/", {}, format="json"), 401, "AUTHENTICATION_REQUIRED")


class TestEmailVerification:
    def test_key_from_the_signup_email_verifies(self, api_client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            user = ok_data(api_client.post(API + "auth/register/", register_body(), format="json"), 201)["user"]
        key = re.search(r"key=([\w:-]+)", mail.outbox[-1].body).group(1)
        error(api_client.post(API + "auth/verify-email/", {"key": "nope"}, format="json"), 404, "NOT_FOUND")
        ok_data(api_client.post(API + "auth/verify-email/", {"key": key}, format="json"))
        from django.contrib.auth import get_user_model

        assert get_user_model().objects.get(uuid=user["id"]).is_verified is True
