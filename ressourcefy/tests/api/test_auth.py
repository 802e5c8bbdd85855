"""auth/: register, activate, resend, login with cookies, refresh, logout, password reset."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from rest_framework.test import APIClient

from conftest import DEFAULT_PASSWORD
from ressourcefy.models import OnboardingStep, OutboxEvent, Profile
from ressourcefy.services.accounts import activation_token_make, reset_token_make
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "SecurePassword123!"


def register(client, capture, **overrides):
    body = {"email": "John@Example.com", "password": PASSWORD, "username": "john_doe", "accepted_terms": True}
    with capture(execute=True):
        return client.post(API + "auth/register/", {**body, **overrides}, format="json")


def mailed_token(message) -> str:
    return re.search(r"token=(\S+)", message.body).group(1)


def login(client, email="reader@example.com", password=DEFAULT_PASSWORD):
    return client.post(API + "auth/login/", {"email": email, "password": password}, format="json")


class TestRegister:
    def test_creates_an_inactive_account_profile_event_and_mails_a_token(
        self, api_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        response = register(api_client, django_capture_on_commit_callbacks)
        assert response.status_code == 201, response.content
        data = response.json()["data"]
        user = User.objects.get(realm="ressourcefy", email="john@example.com")
        assert data == {
            "user_id": str(user.uuid),
            "message": "Registration successful. Please check your email to activate your account.",
        }
        assert not user.is_verified and user.username == "john_doe"
        assert Profile.objects.get(user=user).onboarding_step == OnboardingStep.NOT_STARTED
        assert OutboxEvent.objects.filter(event_type="user.registered", aggregate_id=str(user.uuid)).count() == 1
        assert len(mailoutbox) == 1 and mailoutbox[0].to == ["john@example.com"]
        assert "access_token" not in response.cookies

    def test_taken_email_is_422_in_any_case(self, api_client, django_capture_on_commit_callbacks, reader):
        response = register(api_client, django_capture_on_commit_callbacks, email="READER@example.com")
        error = assert_error(response, 422, "email_already_used")
        assert error["message"] == "Email reader@example.com is already in use"

    def test_taken_username_is_400_invalid_action(self, api_client, django_capture_on_commit_callbacks, reader):
        response = register(api_client, django_capture_on_commit_callbacks, username="Reader")
        assert assert_error(response, 400, "invalid_action")["message"] == "Username Reader is already taken"

    def test_terms_must_be_accepted(self, api_client, django_capture_on_commit_callbacks, mailoutbox):
        response = register(api_client, django_capture_on_commit_callbacks, accepted_terms=False)
        error = assert_error(response, 400, "invalid_action")
        assert error["message"] == "You must accept the terms and conditions"
        assert not User.objects.filter(realm="ressourcefy").exists() and not mailoutbox

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("username", "ab"),
            ("username", "x" * 31),
            ("username", "no spaces"),
            ("email", "nope"),
            ("password", "short"),
        ],
    )
    def test_field_validation(self, api_client, django_capture_on_commit_callbacks, field, value):
        response = register(api_client, django_capture_on_commit_callbacks, **{field: value})
        assert field in assert_error(response, 400, "validation_error")["details"]

    def test_a_common_password_is_refused_by_the_validators(self, api_client, django_capture_on_commit_callbacks):
        response = register(api_client, django_capture_on_commit_callbacks, password="password123")
        assert "password" in assert_error(response, 400, "validation_error")["details"]
        assert not User.objects.filter(realm="ressourcefy").exists()


class TestActivate:
    def test_the_mailed_token_activates_once_and_sets_state_cookies(
        self, api_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        register(api_client, django_capture_on_commit_callbacks)
        token = mailed_token(mailoutbox[0])
        response = api_client.post(API + "auth/activate/", {"token": token}, format="json")
        assert response.status_code == 200
        assert response.json()["data"] == {"message": "Account activated successfully. You can now log in."}
        assert response.cookies["activated"].value == "true"
        assert response.cookies["onboarding_step"].value == "not_started"
        assert not response.cookies["activated"]["httponly"]
        user = User.objects.get(email="john@example.com")
        assert user.is_verified
        assert OutboxEvent.objects.filter(event_type="user.activated").count() == 1

        again = api_client.post(API + "auth/activate/", {"token": token}, format="json")
        assert again.json()["data"] == {"message": "Account already activated"}
        assert OutboxEvent.objects.filter(event_type="user.activated").count() == 1

    @pytest.mark.parametrize("token", ["garbage", "", "a" * 2000])
    def test_bad_tokens(self, api_client, token):
        response = api_client.post(API + "auth/activate/", {"token": token}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] in ("invalid_token", "validation_error")

    def test_a_token_older_than_24_hours_is_invalid(self, api_client, make_account, monkeypatch):
        user = make_account("ressourcefy", email="late@example.com", verified=False)
        now = signing.time.time()
        monkeypatch.setattr(signing.time, "time", lambda: now - 24 * 3600 - 1)
        token = activation_token_make(user)
        monkeypatch.setattr(signing.time, "time", lambda: now)
        error = assert_error(api_client.post(API + "auth/activate/", {"token": token}, format="json"), 400)
        assert error == {"code": "invalid_token", "message": "Invalid or expired activation token"}
        user.refresh_from_db()
        assert not user.is_verified

    def test_a_token_of_23_hours_still_works(self, api_client, make_account, monkeypatch):
        user = make_account("ressourcefy", email="late@example.com", verified=False)
        now = signing.time.time()
        monkeypatch.setattr(signing.time, "time", lambda: now - 23 * 3600)
        token = activation_token_make(user)
        monkeypatch.setattr(signing.time, "time", lambda: now)
        assert api_client.post(API + "auth/activate/", {"token": token}, format="json").status_code == 200

    def test_a_token_for_another_email_of_the_account_is_invalid(self, api_client, make_account):
        user = make_account("ressourcefy", email="old@example.com", verified=False)
        token = activation_token_make(user)
        User.objects.filter(pk=user.pk).update(email="new@example.com")
        assert_error(api_client.post(API + "auth/activate/", {"token": token}, format="json"), 400, "invalid_token")

    def test_a_reset_token_does_not_activate(self, api_client, make_account):
        user = make_account("ressourcefy", email="x@example.com", verified=False)
        response = api_client.post(API + "auth/activate/", {"token": reset_token_make(user)}, format="json")
        assert_error(response, 400, "invalid_token")


class TestResendActivation:
    @pytest.mark.parametrize("email", ["pending@example.com", "nobody@example.com", "reader@example.com"])
    def test_same_answer_whatever_the_address(
        self, api_client, make_account, reader, django_capture_on_commit_callbacks, mailoutbox, email
    ):
        make_account("ressourcefy", email="pending@example.com", verified=False)
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(API + "auth/resend-activation/", {"email": email}, format="json")
        assert response.status_code == 200
        assert response.json()["data"]["message"].startswith("If the account exists")
        assert len(mailoutbox) == (1 if email == "pending@example.com" else 0)

    def test_is_throttled(self, api_client, settings):
        settings.AUTH_RATE_LIMIT = "2/minute"
        statuses = [
            api_client.post(API + "auth/resend-activation/", {"email": "a@example.com"}, format="json").status_code
            for _ in range(3)
        ]
        assert statuses == [200, 200, 429]


class TestLogin:
    def test_returns_tokens_user_and_sets_the_four_cookies(self, api_client, reader):
        response = login(api_client)
        assert response.status_code == 200, response.content
        data = response.json()["data"]
        assert set(data) == {"access_token", "refresh_token", "user"}
        assert data["user"] == {
            "id": str(reader.uuid),
            "email": "reader@example.com",
            "username": "reader",
            "activated": True,
            "onboarding_step": "completed",
        }
        cookies = response.cookies
        assert cookies["access_token"].value == data["access_token"]
        assert cookies["refresh_token"].value == data["refresh_token"]
        assert cookies["access_token"]["httponly"] and cookies["refresh_token"]["httponly"]
        assert not cookies["activated"]["httponly"] and not cookies["onboarding_step"]["httponly"]
        assert cookies["activated"].value == "true" and cookies["onboarding_step"].value == "completed"
        assert cookies["access_token"]["max-age"] == 7 * 24 * 3600
        for name in ("refresh_token", "activated", "onboarding_step"):
            assert cookies[name]["max-age"] == 30 * 24 * 3600
        for name in ("access_token", "refresh_token", "activated", "onboarding_step"):
            assert cookies[name]["samesite"] == "Lax" and cookies[name]["path"] == "/"
            assert not cookies[name]["secure"]
        assert "csrftoken" in cookies and not cookies["csrftoken"]["httponly"]

    def test_cookies_are_secure_over_https(self, reader):
        response = login(APIClient(), email="reader@example.com")
        assert not response.cookies["access_token"]["secure"]
        secure = APIClient().post(
            API + "auth/login/",
            {"email": "reader@example.com", "password": DEFAULT_PASSWORD},
            format="json",
            secure=True,
        )
        for name in ("access_token", "refresh_token", "activated", "onboarding_step"):
            assert secure.cookies[name]["secure"]

    def test_email_is_case_insensitive(self, api_client, reader):
        assert login(api_client, email="Reader@Example.com").status_code == 200

    @pytest.mark.parametrize(("email", "password"), [("reader@example.com", "wrong"), ("nobody@example.com", "x")])
    def test_wrong_credentials_are_401(self, api_client, reader, email, password):
        error = assert_error(login(api_client, email=email, password=password), 401)
        assert error == {"code": "invalid_credentials", "message": "Invalid email or password"}

    def test_not_activated_is_403(self, api_client, make_account):
        make_account("ressourcefy", email="new@example.com", verified=False)
        error = assert_error(login(api_client, email="new@example.com"), 403)
        assert error == {
            "code": "account_not_activated",
            "message": "Please activate your account via email before logging in",
        }

    def test_an_account_of_another_product_cannot_log_in(self, api_client, make_account):
        make_account("townspark", email="town@example.com")
        assert_error(login(api_client, email="town@example.com"), 401, "invalid_credentials")

    def test_missing_fields_are_validation_errors(self, api_client):
        error = assert_error(api_client.post(API + "auth/login/", {}, format="json"), 400, "validation_error")
        assert set(error["details"]) == {"email", "password"}

    def test_a_stale_access_cookie_does_not_block_login(self, api_client, reader):
        api_client.cookies["access_token"] = "expired.or.garbage"
        assert login(api_client).status_code == 200


class TestRefresh:
    def test_from_the_body_rotates_and_blacklists(self, api_client, reader):
        refresh = login(api_client).json()["data"]["refresh_token"]
        client = APIClient()
        response = client.post(API + "auth/refresh/", {"refresh_token": refresh}, format="json")
        assert response.status_code == 200
        data = response.json()["data"]
        assert set(data) == {"access_token", "refresh_token"} and data["refresh_token"] != refresh
        assert response.cookies["access_token"].value == data["access_token"]
        reused = client.post(API + "auth/refresh/", {"refresh_token": refresh}, format="json")
        assert_error(reused, 401, "invalid_token")

    def test_from_the_cookie(self, api_client, reader):
        login(api_client)  # the client keeps the cookies
        response = api_client.post(API + "auth/refresh/", {}, format="json")
        assert response.status_code == 200
        assert api_client.cookies["refresh_token"].value == response.json()["data"]["refresh_token"]

    def test_without_any_token_is_401(self, api_client):
        assert_error(api_client.post(API + "auth/refresh/", {}, format="json"), 401, "invalid_token")

    def test_an_access_token_is_no_refresh_token(self, api_client, reader):
        access = login(api_client).json()["data"]["access_token"]
        response = APIClient().post(API + "auth/refresh/", {"refresh_token": access}, format="json")
        assert_error(response, 401, "invalid_token")


class TestLogout:
    def test_clears_the_four_cookies_and_blacklists_the_refresh_cookie(self, api_client, reader):
        refresh = login(api_client).json()["data"]["refresh_token"]
        response = api_client.post(API + "auth/logout/")
        assert response.status_code == 200
        assert response.json()["data"] == {"message": "Logged out successfully"}
        for name in ("access_token", "refresh_token", "activated", "onboarding_step"):
            assert response.cookies[name].value == "" and response.cookies[name]["max-age"] == 0
        again = APIClient().post(API + "auth/refresh/", {"refresh_token": refresh}, format="json")
        assert_error(again, 401, "invalid_token")

    def test_blacklists_a_refresh_token_from_the_body(self, api_client, reader):
        refresh = login(api_client).json()["data"]["refresh_token"]
        assert APIClient().post(API + "auth/logout/", {"refresh_token": refresh}, format="json").status_code == 200
        assert_error(APIClient().post(API + "auth/refresh/", {"refresh_token": refresh}, format="json"), 401)

    def test_works_without_any_token_or_with_a_spent_one(self, api_client):
        assert api_client.post(API + "auth/logout/").status_code == 200
        response = api_client.post(API + "auth/logout/", {"refresh_token": "garbage"}, format="json")
        assert response.status_code == 200


class TestPasswordReset:
    def request_reset(self, api_client, capture, email):
        with capture(execute=True):
            return api_client.post(API + "auth/password-reset/", {"email": email}, format="json")

    def test_same_answer_and_a_mail_only_for_an_account(
        self, api_client, reader, django_capture_on_commit_callbacks, mailoutbox
    ):
        known = self.request_reset(api_client, django_capture_on_commit_callbacks, "reader@example.com")
        unknown = self.request_reset(api_client, django_capture_on_commit_callbacks, "nobody@example.com")
        assert known.status_code == unknown.status_code == 200
        assert known.json() == unknown.json()
        assert known.json()["data"]["message"] == "If the email exists, a password reset link has been sent."
        assert len(mailoutbox) == 1 and mailoutbox[0].to == ["reader@example.com"]

    def test_confirm_sets_the_password_once(self, api_client, reader, django_capture_on_commit_callbacks, mailoutbox):
        self.request_reset(api_client, django_capture_on_commit_callbacks, "reader@example.com")
        token = mailed_token(mailoutbox[0])
        body = {"token": token, "new_password": "NewSecurePassword456!"}
        response = api_client.post(API + "auth/password-reset/confirm/", body, format="json")
        assert response.status_code == 200
        assert response.json()["data"]["message"].startswith("Password reset successfully")
        assert login(api_client, password="NewSecurePassword456!").status_code == 200
        body["new_password"] = "AnotherPassword789!"
        error = assert_error(api_client.post(API + "auth/password-reset/confirm/", body, format="json"), 400)
        assert error == {"code": "invalid_reset_token", "message": "Invalid or expired password reset token"}

    def test_an_hour_old_token_is_expired(self, api_client, reader, monkeypatch):
        now = signing.time.time()
        monkeypatch.setattr(signing.time, "time", lambda: now - 3601)
        token = reset_token_make(reader)
        monkeypatch.setattr(signing.time, "time", lambda: now)
        body = {"token": token, "new_password": "NewSecurePassword456!"}
        assert_error(
            api_client.post(API + "auth/password-reset/confirm/", body, format="json"), 400, "invalid_reset_token"
        )

    def test_weak_new_password_is_refused_and_the_token_stays_usable(self, api_client, reader):
        token = reset_token_make(reader)
        weak = api_client.post(
            API + "auth/password-reset/confirm/", {"token": token, "new_password": "password"}, format="json"
        )
        assert "new_password" in assert_error(weak, 400, "validation_error")["details"]
        body = {"token": token, "new_password": "NewSecurePassword456!"}
        assert api_client.post(API + "auth/password-reset/confirm/", body, format="json").status_code == 200

    def test_an_activation_token_does_not_reset(self, api_client, reader):
        body = {"token": activation_token_make(reader), "new_password": "NewSecurePassword456!"}
        assert_error(
            api_client.post(API + "auth/password-reset/confirm/", body, format="json"), 400, "invalid_reset_token"
        )


def test_demo_accounts_are_activated_and_onboarded(api_client):
    from core.demo import DEMO_PASSWORD, SeedContext
    from ressourcefy import demo
    from ressourcefy.models.roles import ROLES

    context = SeedContext(realm="ressourcefy")
    demo.seed(context)
    demo.seed(context)  # idempotent
    assert {login.role for login in context.logins} == set(ROLES)  # one account per role
    response = login(api_client, email="reader@ressourcefy.demo", password=DEMO_PASSWORD)
    assert response.json()["data"]["user"]["activated"] is True
    assert response.json()["data"]["user"]["onboarding_step"] == "completed"
