"""Register, login, refresh with rotation, logout and the profile with its avatar upload."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import RealmRefreshToken, token_pair_for_user
from core.testing.uploads import png_of_size
from gatherhub.tests.conftest import API, TIMESTAMP, assert_error

pytestmark = pytest.mark.django_db

REGISTER = API + "auth/register/"
LOGIN = API + "auth/login/"
REFRESH = API + "auth/refresh/"
LOGOUT = API + "auth/logout/"
PROFILE = API + "auth/profile/"

NEW_USER = {
    "username": "dana",
    "email": "dana@example.com",
    "password": "Plenty-of-entropy-42",
    "first_name": "Dana",
    "last_name": "Scully",
}


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


class TestRegister:
    def test_creates_the_account_and_returns_tokens_and_user(self, api_client):
        response = api_client.post(REGISTER, NEW_USER, format="json")
        assert response.status_code == 201
        body = response.json()
        assert set(body) == {"access", "refresh", "user", "tokens"}  # `tokens`: superset of issue #15
        user = body["user"]
        assert set(user) == {"id", "username", "email", "first_name", "last_name", "date_joined"}
        assert (user["username"], user["email"], user["first_name"], user["last_name"]) == (
            "dana",
            "dana@example.com",
            "Dana",
            "Scully",
        )
        assert TIMESTAMP.match(user["date_joined"])
        account = get_user_model().objects.get(pk=user["id"])
        assert account.realm == "gatherhub" and account.role == "user"
        me = api_client.get(PROFILE, HTTP_AUTHORIZATION=f"Bearer {body['access']}")
        assert me.status_code == 200 and me.json()["username"] == "dana"

    @pytest.mark.parametrize("taken", ["username", "email"])
    def test_taken_username_or_email_is_409(self, api_client, alice, taken):
        payload = dict(NEW_USER, **{taken: "alice" if taken == "username" else "ALICE@example.com"})
        body = assert_error(api_client.post(REGISTER, payload, format="json"), 409, "account_exists")
        assert taken in body["details"]

    def test_same_email_in_another_product_is_fine(self, api_client, make_account):
        make_account("townspark", email=NEW_USER["email"])
        assert api_client.post(REGISTER, NEW_USER, format="json").status_code == 201

    def test_validation_errors_name_the_fields(self, api_client):
        payload = {"username": "a@b", "email": "not-an-email", "password": "123"}
        body = assert_error(api_client.post(REGISTER, payload, format="json"), 400, "validation_error")
        assert {"username", "email", "password"} <= set(body["details"])

    def test_weak_password_is_refused(self, api_client):
        body = assert_error(api_client.post(REGISTER, dict(NEW_USER, password="password123"), format="json"), 400)
        assert "password" in body["details"]


class TestLogin:
    def test_by_username(self, api_client, alice):
        response = api_client.post(LOGIN, {"username": "alice", "password": DEFAULT_PASSWORD}, format="json")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"access", "refresh", "user", "tokens"}  # `tokens`: superset of issue #15
        assert set(body["user"]) == {"id", "username", "email", "first_name", "last_name"}
        assert body["user"]["first_name"] == "Alice" and body["user"]["last_name"] == "Tester"
        alice.refresh_from_db()
        assert alice.last_login is not None

    def test_by_email_in_the_username_field(self, api_client, alice):
        response = api_client.post(
            LOGIN, {"username": "alice@example.com", "password": DEFAULT_PASSWORD}, format="json"
        )
        assert response.status_code == 200

    def test_wrong_password_is_400(self, api_client, alice):
        response = api_client.post(LOGIN, {"username": "alice", "password": "nope"}, format="json")
        assert_error(response, 400, "invalid_credentials")

    def test_missing_fields_are_400(self, api_client):
        body = assert_error(api_client.post(LOGIN, {}, format="json"), 400, "validation_error")
        assert "password" in body["details"]

    def test_disabled_account_is_401(self, api_client, alice):
        alice.is_active = False
        alice.save()
        response = api_client.post(LOGIN, {"username": "alice", "password": DEFAULT_PASSWORD}, format="json")
        assert_error(response, 401, "account_disabled")

    def test_account_of_another_product_cannot_log_in(self, api_client, make_account):
        make_account("townspark", email="t@example.com", username="townie")
        response = api_client.post(LOGIN, {"username": "townie", "password": DEFAULT_PASSWORD}, format="json")
        assert_error(response, 400, "invalid_credentials")


class TestRefreshAndLogout:
    def test_refresh_rotates(self, api_client, alice):
        pair = token_pair_for_user(alice)
        response = api_client.post(REFRESH, {"refresh": pair.refresh}, format="json")
        assert response.status_code == 200
        body = response.json()
        # `tokens`: superset of issue #15
        assert set(body) == {"access", "refresh", "tokens"} and body["refresh"] != pair.refresh
        assert_error(api_client.post(REFRESH, {"refresh": pair.refresh}, format="json"), 401, "invalid_token")

    def test_expired_refresh_is_401(self, api_client, alice):
        token = RealmRefreshToken.for_user(alice)
        token.set_exp(from_time=token.current_time - timedelta(days=8), lifetime=timedelta(days=7))
        assert_error(api_client.post(REFRESH, {"refresh": str(token)}, format="json"), 401, "token_expired")

    def test_garbage_refresh_is_401(self, api_client):
        assert_error(api_client.post(REFRESH, {"refresh": "garbage"}, format="json"), 401, "invalid_token")

    def test_missing_refresh_is_400(self, api_client):
        assert_error(api_client.post(REFRESH, {}, format="json"), 400, "validation_error")

    def test_logout_blacklists_the_refresh_token(self, api_client, client_for, alice):
        pair = token_pair_for_user(alice)
        response = client_for(alice).post(LOGOUT, {"refresh": pair.refresh}, format="json")
        assert response.status_code == 200
        assert response.json() == {"message": "Successfully logged out"}
        assert_error(api_client.post(REFRESH, {"refresh": pair.refresh}, format="json"), 401)

    def test_logout_needs_authentication(self, api_client, alice):
        pair = token_pair_for_user(alice)
        assert_error(api_client.post(LOGOUT, {"refresh": pair.refresh}, format="json"), 401, "authentication_required")

    def test_logout_without_refresh_is_400(self, client_for, alice):
        assert_error(client_for(alice).post(LOGOUT, {}, format="json"), 400, "validation_error")


class TestProfile:
    def test_get(self, client_for, alice):
        body = client_for(alice).get(PROFILE).json()
        assert set(body) == {
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "bio",
            "avatar",
            "date_joined",
            "last_login",
        }
        assert body["id"] == alice.pk and body["bio"] == "" and body["avatar"] is None

    def test_put_json(self, client_for, alice):
        client = client_for(alice)
        response = client.put(PROFILE, {"first_name": "Al", "bio": "Board games."}, format="json")
        assert response.status_code == 200
        body = response.json()
        assert (body["first_name"], body["last_name"], body["bio"]) == ("Al", "Tester", "Board games.")
        alice.refresh_from_db()
        assert alice.name == "Al Tester"

    def test_put_multipart_avatar(self, client_for, alice, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        upload = io.BytesIO(png_bytes())
        upload.name = "me.png"
        response = client_for(alice).put(PROFILE, {"avatar": upload, "last_name": "Smith"}, format="multipart")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["avatar"].endswith(".png") and body["last_name"] == "Smith"

    def test_avatar_must_be_an_image(self, client_for, alice):
        upload = io.BytesIO(b"not an image at all")
        upload.name = "me.png"
        body = assert_error(client_for(alice).put(PROFILE, {"avatar": upload}, format="multipart"), 400)
        assert "avatar" in body["details"]

    def test_avatar_name_comes_from_its_content(self, client_for, alice, settings, tmp_path):
        """A GIF sent as `evil.html` is stored as `avatars/.../<random>.gif`: we choose names, not the client."""
        settings.MEDIA_ROOT = tmp_path
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "red").save(buffer, format="GIF")
        upload = io.BytesIO(buffer.getvalue())
        upload.name = "evil.html"
        response = client_for(alice).put(PROFILE, {"avatar": upload}, format="multipart")
        assert response.status_code == 200, response.content
        alice.refresh_from_db()
        assert alice.avatar.name.startswith("avatars/") and alice.avatar.name.endswith(".gif")
        assert "evil" not in alice.avatar.name and response.json()["avatar"].endswith(".gif")

    @pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
    def test_avatar_with_too_many_pixels_is_400_before_decoding(self, client_for, alice, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        upload = io.BytesIO(png_of_size(13000, 13000))
        upload.name = "me.png"
        body = assert_error(client_for(alice).put(PROFILE, {"avatar": upload}, format="multipart"), 400)
        assert "too many pixels" in body["details"]["avatar"][0]
        alice.refresh_from_db()
        assert not alice.avatar and not any(tmp_path.rglob("*.*"))

    def test_too_long_bio_is_400(self, client_for, alice):
        assert_error(client_for(alice).put(PROFILE, {"bio": "x" * 2001}, format="json"), 400, "validation_error")

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.get(PROFILE), 401, "authentication_required")
        assert_error(api_client.put(PROFILE, {}, format="json"), 401, "authentication_required")

    def test_token_of_another_product_is_401(self, make_account, client_for):
        assert_error(client_for(make_account("townspark")).get(PROFILE), 401, "invalid_token")

    def test_patch_is_not_offered(self, client_for, alice):
        assert_error(client_for(alice).patch(PROFILE, {}, format="json"), 405, "method_not_allowed")
