"""Realm isolation, JWT lifetimes, rotation and blacklisting, and the dj-rest-auth account flows."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import token_pair_for_user
from core.products.registry import enabled_products

TS = "/townspark/api/v1/_test/"
GH = "/gatherhub/api/v1/_test/"
RF = "/ressourcefy/api/_test/"

pytestmark = pytest.mark.django_db


def login(api_client, base, email, password=DEFAULT_PASSWORD):
    return api_client.post(base + "auth/login/", {"email": email, "password": password}, format="json")


class TestRealms:
    def test_one_email_in_two_realms_via_create_account(self, capsys):
        call_command("create_account", "townspark", "--email", "same@example.com", "--password", "Pass-one-111")
        townspark_id = capsys.readouterr().out.strip()
        call_command("create_account", "gatherhub", "--email", "same@example.com", "--password", "Pass-two-222")
        gatherhub_id = capsys.readouterr().out.strip()
        assert townspark_id != gatherhub_id
        users = get_user_model().objects.filter(email="same@example.com")
        assert {u.realm for u in users} == {"townspark", "gatherhub"}

    def test_each_realm_checks_its_own_password(self, api_client, make_account):
        make_account("townspark", email="same@example.com", password="Pass-one-111")
        make_account("gatherhub", email="same@example.com", password="Pass-two-222")
        assert login(api_client, TS, "same@example.com", "Pass-one-111").status_code == 200
        assert login(api_client, GH, "same@example.com", "Pass-one-111").status_code == 400
        assert login(api_client, GH, "same@example.com", "Pass-two-222").status_code == 200

    def test_login_is_refused_in_a_realm_without_the_account(self, api_client, make_account):
        make_account("townspark", email="only@example.com")
        assert login(api_client, GH, "only@example.com").status_code == 400

    def test_token_of_one_realm_is_a_401_in_another(self, make_account, client_for):
        user = make_account("townspark")
        client = client_for(user)
        assert client.get(TS + "whoami/").json()["data"]["realm"] == "townspark"
        response = client.get(GH + "whoami/")
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_token"

    def test_refresh_token_of_one_realm_is_refused_by_another(self, api_client, make_account):
        user = make_account("townspark")
        refresh = token_pair_for_user(user).refresh
        response = api_client.post(GH + "auth/refresh/", {"refresh": refresh}, format="json")
        assert response.status_code == 401

    def test_platform_operator_cannot_hold_api_tokens_or_log_in_to_products(self, api_client):
        get_user_model().objects.create_superuser("ops@example.com", DEFAULT_PASSWORD)
        assert login(api_client, TS, "ops@example.com").status_code == 400

    def test_admin_login_uses_the_platform_realm(self, client, make_account):
        make_account("townspark", email="ops@example.com")
        get_user_model().objects.create_superuser("ops@example.com", "Operator-pass-1")
        response = client.post("/admin/login/", {"username": "ops@example.com", "password": "Operator-pass-1"})
        assert response.status_code == 302
        assert client.get("/admin/core/user/?realm=townspark").status_code == 200


class TestTokens:
    def test_tokens_carry_realm_and_product_lifetimes(self, make_account):
        expected = {
            "townspark": (3600, 7),
            "alistpros": (86400, 7),
            "gatherhub": (3600, 7),
            "parking": (1800, 7),
            "ressourcefy": (900, 7),
        }
        for product, (access_seconds, refresh_days) in expected.items():
            pair = token_pair_for_user(make_account(product))
            access, refresh = AccessToken(pair.access), RefreshToken(pair.refresh)
            assert access["realm"] == refresh["realm"] == product
            assert access["exp"] - access["iat"] == access_seconds
            assert refresh["exp"] - refresh["iat"] == refresh_days * 86400

    @override_settings(JWT_LIFETIMES={"parking.access": "5m", "parking.refresh": "2d"})
    def test_lifetimes_are_overridable_by_environment(self, make_account):
        pair = token_pair_for_user(make_account("parking"))
        access, refresh = AccessToken(pair.access), RefreshToken(pair.refresh)
        assert access["exp"] - access["iat"] == 300
        assert refresh["exp"] - refresh["iat"] == 2 * 86400

    def test_refresh_rotates_and_blacklists(self, api_client, make_account):
        pair = token_pair_for_user(make_account("townspark"))
        first = api_client.post(TS + "auth/refresh/", {"refresh": pair.refresh}, format="json")
        assert first.status_code == 200
        data = first.json()["data"]
        assert data["refresh"] != pair.refresh and data["access"]
        again = api_client.post(TS + "auth/refresh/", {"refresh": pair.refresh}, format="json")
        assert again.status_code == 401
        assert again.json()["error_code"] == "INVALID_TOKEN"
        assert api_client.post(TS + "auth/refresh/", {"refresh": data["refresh"]}, format="json").status_code == 200

    def test_logout_blacklists_the_refresh_token(self, make_account, client_for, api_client):
        user = make_account("townspark")
        pair = token_pair_for_user(user)
        response = client_for(user).post(TS + "auth/logout/", {"refresh": pair.refresh}, format="json")
        assert response.status_code == 200
        assert api_client.post(TS + "auth/refresh/", {"refresh": pair.refresh}, format="json").status_code == 401

    def test_logout_cannot_revoke_another_users_token(self, make_account, client_for, api_client):
        victim_refresh = token_pair_for_user(make_account("townspark")).refresh
        response = client_for(make_account("townspark")).post(
            TS + "auth/logout/", {"refresh": victim_refresh}, format="json"
        )
        assert response.status_code == 401
        assert api_client.post(TS + "auth/refresh/", {"refresh": victim_refresh}, format="json").status_code == 200

    def test_expired_access_token_is_token_expired(self, make_account, api_client):
        user = make_account("townspark")
        refresh = RefreshToken.for_user(user)
        access = refresh.access_token
        access["realm"] = "townspark"
        access.set_exp(lifetime=-timedelta(seconds=5))
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        response = api_client.get(TS + "whoami/")
        assert response.status_code == 401
        assert response.json()["error_code"] == "TOKEN_EXPIRED"

    def test_a_token_accepted_before_is_refused_once_it_expires(self, make_account, api_client, monkeypatch):
        from core.accounts import authentication

        user = make_account("townspark")
        access = token_pair_for_user(user).access
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        assert api_client.get(TS + "whoami/").status_code == 200  # checked, and kept for the next requests
        later = AccessToken(access)["exp"] + 1
        monkeypatch.setattr(authentication, "time", SimpleNamespace(time=lambda: later))
        response = api_client.get(TS + "whoami/")
        assert response.status_code == 401
        assert response.json()["error_code"] == "TOKEN_EXPIRED"

    def test_a_token_accepted_before_is_refused_once_its_account_is_deactivated(self, make_account, api_client):
        user = make_account("townspark")
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for_user(user).access}")
        assert api_client.get(TS + "whoami/").status_code == 200
        type(user).objects.filter(pk=user.pk).update(is_active=False)
        assert api_client.get(TS + "whoami/").status_code == 401

    def test_garbage_token_is_invalid_token(self, api_client):
        api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.jwt")
        response = api_client.get(TS + "whoami/")
        assert response.status_code == 401
        assert response.json()["error_code"] == "INVALID_TOKEN"

    def test_deactivated_user_token_is_refused(self, make_account, client_for):
        user = make_account("townspark")
        client = client_for(user)
        user.is_active = False
        user.save()
        assert client.get(TS + "whoami/").status_code == 401


class TestAuthRateLimit:
    def test_login_attempts_are_limited_per_address_and_product(self, api_client, make_account, settings, monkeypatch):
        from django.core.cache import cache

        from core.testing.throttles import stop_throttle_clock

        stop_throttle_clock(monkeypatch, 1_800_000_020.5)  # mid-minute: no window boundary between the attempts
        cache.clear()
        settings.AUTH_RATE_LIMIT = "3/minute"
        make_account("townspark", email="t@example.com")
        for _ in range(3):
            assert login(api_client, TS, "t@example.com", "wrong").status_code == 400
        response = login(api_client, TS, "t@example.com")
        assert response.status_code == 429
        assert response.json()["error_code"] == "RATE_LIMIT_EXCEEDED"
        assert int(response["Retry-After"]) > 0
        # Another product keeps its own count.
        make_account("ressourcefy", email="t@example.com")
        assert login(api_client, RF, "t@example.com").status_code == 200


class TestCookieTransport:
    def test_ressourcefy_login_sets_httponly_cookies_that_authenticate(self, api_client, make_account):
        make_account("ressourcefy", email="reader@example.com")
        response = login(api_client, RF, "reader@example.com")
        assert response.status_code == 200
        cookie = response.cookies["access_token"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert response.cookies["refresh_token"]["httponly"]
        # The test client keeps the cookies: no Authorization header needed.
        assert api_client.get(RF + "whoami/").json()["data"]["realm"] == "ressourcefy"

    def test_products_without_cookie_transport_set_no_cookies(self, api_client, make_account):
        make_account("townspark", email="c@example.com")
        assert "access_token" not in login(api_client, TS, "c@example.com").cookies

    def test_logout_clears_cookies(self, api_client, make_account):
        make_account("ressourcefy", email="reader@example.com")
        login(api_client, RF, "reader@example.com")
        response = api_client.post(RF + "auth/logout/", {}, format="json")
        assert response.status_code == 200
        assert response.cookies["access_token"].value == ""

    def test_unverified_account_cannot_log_in_where_verification_is_required(self, api_client, make_account):
        make_account("ressourcefy", email="new@example.com", verified=False)
        assert login(api_client, RF, "new@example.com").status_code == 400


class TestFlows:
    def register(self, api_client, base, email, **extra):
        payload = {"email": email, "password1": "Str0ng-pass-x", "password2": "Str0ng-pass-x", **extra}
        return api_client.post(base + "auth/register/", payload, format="json")

    @pytest.mark.django_db(transaction=True)
    def test_registration_creates_account_in_realm_and_mails_verification(self, api_client):
        response = self.register(api_client, TS, "New@Example.com")
        assert response.status_code == 201
        data = response.json()["data"]
        assert data["user"]["email"] == "new@example.com" and data["user"]["role"] == "citizen"
        assert AccessToken(data["access"])["realm"] == "townspark"
        assert get_user_model().objects.get(email="new@example.com").realm == "townspark"
        assert len(mail.outbox) == 1 and "new@example.com" in mail.outbox[0].to
        key = re.search(r"key=([\w:-]+)", mail.outbox[0].body).group(1)
        assert api_client.post(GH + "auth/verify-email/", {"key": key}, format="json").status_code == 404
        assert api_client.post(TS + "auth/verify-email/", {"key": key}, format="json").status_code == 200
        assert get_user_model().objects.get(email="new@example.com").is_verified

    def test_duplicate_registration_in_one_realm_is_refused(self, api_client, make_account):
        make_account("townspark", email="dup@example.com")
        response = self.register(api_client, TS, "dup@example.com")
        assert response.status_code == 400
        assert "email" in response.json()["errors"]
        assert self.register(api_client, GH, "dup@example.com").status_code == 201

    def test_username_is_unique_per_realm_only(self, api_client, make_account):
        make_account("gatherhub", email="a@example.com", username="sam")
        assert self.register(api_client, GH, "b@example.com", username="sam").status_code == 400
        assert self.register(api_client, TS, "b@example.com", username="sam").status_code == 201

    @pytest.mark.django_db(transaction=True)
    def test_password_reset_only_touches_the_realm_it_came_to(self, api_client, make_account):
        townspark_user = make_account("townspark", email="reset@example.com")
        gatherhub_user = make_account("gatherhub", email="reset@example.com")
        response = api_client.post(GH + "auth/password/reset/", {"email": "reset@example.com"}, format="json")
        assert response.status_code == 200
        assert len(mail.outbox) == 1
        body = mail.outbox[0].body
        uid, token = re.search(r"uid=([\w-]+)", body).group(1), re.search(r"token=([\w-]+)", body).group(1)
        payload = {"uid": uid, "token": token, "new_password1": "Brand-new-pass-9", "new_password2": "Brand-new-pass-9"}
        # The link does not work in another realm, even for the same e-mail.
        assert api_client.post(TS + "auth/password/reset/confirm/", payload, format="json").status_code == 400
        assert api_client.post(GH + "auth/password/reset/confirm/", payload, format="json").status_code == 200
        townspark_user.refresh_from_db()
        gatherhub_user.refresh_from_db()
        assert gatherhub_user.check_password("Brand-new-pass-9")
        assert townspark_user.check_password(DEFAULT_PASSWORD)

    @pytest.mark.django_db(transaction=True)
    def test_password_reset_for_unknown_email_answers_the_same_and_sends_nothing(self, api_client):
        response = api_client.post(TS + "auth/password/reset/", {"email": "nobody@example.com"}, format="json")
        assert response.status_code == 200
        assert mail.outbox == []

    def test_password_reset_confirm_with_garbage_uid(self, api_client):
        payload = {"uid": "!!!", "token": "x", "new_password1": "Brand-new-pass-9", "new_password2": "Brand-new-pass-9"}
        response = api_client.post(TS + "auth/password/reset/confirm/", payload, format="json")
        assert response.status_code == 400

    def test_password_change(self, make_account, client_for):
        user = make_account("townspark")
        payload = {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "Changed-pass-77",
            "new_password2": "Changed-pass-77",
        }
        assert client_for(user).post(TS + "auth/password/change/", payload, format="json").status_code == 200
        user.refresh_from_db()
        assert user.check_password("Changed-pass-77")

    def test_password_change_requires_the_old_password(self, make_account, client_for):
        user = make_account("townspark")
        payload = {"old_password": "wrong", "new_password1": "Changed-pass-77", "new_password2": "Changed-pass-77"}
        assert client_for(user).post(TS + "auth/password/change/", payload, format="json").status_code == 400

    def test_me(self, make_account, client_for):
        user = make_account("townspark", name="Jane")
        data = client_for(user).get(TS + "auth/me/").json()["data"]
        assert data["id"] == str(user.public_id) and data["name"] == "Jane"


def test_create_account_rejects_unknown_role_and_product(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a TownSpark role"):
        call_command("create_account", "townspark", "--email", "a@b.c", "--password", "x-Passw0rd", "--role", "boss")
    with pytest.raises(CommandError):
        call_command("create_account", "nowhere", "--email", "a@b.c", "--password", "x-Passw0rd")


def test_create_account_makes_an_active_verified_admin(db, capsys):
    call_command(
        "create_account",
        "ressourcefy",
        "--email",
        "boss@example.com",
        "--password",
        "x-Passw0rd",
        "--role",
        "SUPERADMIN",
        "--username",
        "boss",
    )
    user = get_user_model().objects.get(pk=capsys.readouterr().out.strip())
    assert (user.realm, user.role, user.username, user.is_active, user.is_verified) == (
        "ressourcefy",
        "SUPERADMIN",
        "boss",
        True,
        True,
    )
    assert user.emailaddress_set.get().verified


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    first = get_user_model().objects.count()
    call_command("seed_demo")
    assert get_user_model().objects.count() == first
    output = capsys.readouterr().out
    for product in enabled_products().values():
        assert product.name in output
