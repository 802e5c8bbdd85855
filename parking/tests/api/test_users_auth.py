"""auth/: registration with user types, login, logout, token refresh and rotation, password reset, auth/user/."""

import io
import re

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import DEFAULT_PASSWORD
from parking.models import ParkingProfile
from parking.tests.conftest import API, assert_error

AUTH = API + "auth/"
NEW_PASSWORD = "An0ther-long-secret!"

pytestmark = pytest.mark.django_db


def png(name="me.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def signup(api_client, **fields):
    body = {"email": "new@example.com", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **fields}
    return api_client.post(AUTH + "registration/", body, format="json")


def login(api_client, email, password=DEFAULT_PASSWORD):
    return api_client.post(AUTH + "login/", {"email": email, "password": password}, format="json")


# --- registration -------------------------------------------------------------------------


def test_registration_defaults_to_seeker_with_tokens_and_profile(api_client):
    response = signup(api_client, first_name="Nora", last_name="New", phone_number="+15551234567")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "success" and body["message"]
    user = body["data"]["user"]
    assert user["user_type"] == "SEEKER" and user["can_book"] and not user["can_host"]
    assert user["is_verified"] is False
    assert (user["first_name"], user["last_name"], user["phone_number"]) == ("Nora", "New", "+15551234567")
    assert body["data"]["access"] and body["data"]["refresh"]
    account = get_user_model().objects.get(realm="parking", email="new@example.com")
    assert account.role == "SEEKER" and account.name == "Nora New"
    assert ParkingProfile.objects.filter(user=account, first_name="Nora").exists()


@pytest.mark.parametrize(("user_type", "can_host", "can_book"), [("HOST", True, False), ("BOTH", True, True)])
def test_registration_takes_user_type(api_client, user_type, can_host, can_book):
    response = signup(api_client, user_type=user_type)
    assert response.status_code == 201, response.content
    user = response.json()["data"]["user"]
    assert (user["user_type"], user["can_host"], user["can_book"]) == (user_type, can_host, can_book)


def test_registration_refuses_admin_user_type(api_client):
    body = assert_error(signup(api_client, user_type="ADMIN"), 400, "VALIDATION_ERROR")
    assert "user_type" in body["errors"]
    assert not get_user_model().objects.filter(email="new@example.com").exists()


def test_registration_validation_errors(api_client, seeker):
    body = assert_error(signup(api_client, password2="different-Pass-99"), 400, "VALIDATION_ERROR")
    assert body["errors"]
    body = assert_error(signup(api_client, email=seeker.email), 400, "VALIDATION_ERROR")
    assert "email" in body["errors"]


def test_registration_same_email_in_another_product_is_fine(api_client, make_account):
    make_account("alistpros", email="new@example.com", role="client")
    assert signup(api_client).status_code == 201


# --- login, logout, refresh -------------------------------------------------------------------


def test_login_returns_tokens_with_spec_lifetimes_and_updates_last_login(api_client, host):
    assert host.last_login is None
    response = login(api_client, host.email)
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["user"]["id"] == host.pk and data["user"]["user_type"] == "HOST"
    access = jwt.decode(data["access"], options={"verify_signature": False})
    refresh = jwt.decode(data["refresh"], options={"verify_signature": False})
    assert access["exp"] - access["iat"] == 30 * 60
    assert refresh["exp"] - refresh["iat"] == 7 * 24 * 3600
    host.refresh_from_db()
    assert host.last_login is not None


def test_login_wrong_password_and_unknown_realm_account(api_client, host, make_account):
    assert_error(login(api_client, host.email, "wrong-password"), 400, "VALIDATION_ERROR")
    other = make_account("alistpros", email="elsewhere@example.com", role="client")
    assert_error(login(api_client, other.email), 400, "VALIDATION_ERROR")


def test_refresh_rotates_and_blacklists_the_old_token(api_client, seeker):
    refresh = login(api_client, seeker.email).json()["data"]["refresh"]
    response = api_client.post(AUTH + "token/refresh/", {"refresh": refresh}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["refresh"] != refresh
    assert_error(api_client.post(AUTH + "token/refresh/", {"refresh": refresh}, format="json"), 401)


def test_refresh_validation_and_garbage(api_client):
    assert_error(api_client.post(AUTH + "token/refresh/", {}, format="json"), 400, "VALIDATION_ERROR")
    assert_error(api_client.post(AUTH + "token/refresh/", {"refresh": "nope"}, format="json"), 401)


def test_logout_revokes_the_refresh_token(api_client, client_for, seeker):
    refresh = login(api_client, seeker.email).json()["data"]["refresh"]
    response = client_for(seeker).post(AUTH + "logout/", {"refresh": refresh}, format="json")
    assert response.status_code == 200, response.content
    assert_error(api_client.post(AUTH + "token/refresh/", {"refresh": refresh}, format="json"), 401)


def test_logout_needs_authentication_and_own_token(api_client, client_for, seeker, host):
    refresh = login(api_client, seeker.email).json()["data"]["refresh"]
    assert_error(api_client.post(AUTH + "logout/", {"refresh": refresh}, format="json"), 401, "AUTHENTICATION_REQUIRED")
    assert_error(client_for(host).post(AUTH + "logout/", {"refresh": refresh}, format="json"), 401)
    assert_error(client_for(seeker).post(AUTH + "logout/", {}, format="json"), 400, "VALIDATION_ERROR")


# --- password reset ---------------------------------------------------------------------------


def test_password_reset_mails_a_link_and_confirm_sets_the_password(
    api_client, seeker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(AUTH + "password/reset/", {"email": seeker.email}, format="json")
    assert response.status_code == 200, response.content
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [seeker.email]
    uid, token = re.search(r"uid=([^&\s]+)&token=([^\s]+)", mail.outbox[0].body).groups()
    body = {"uid": uid, "token": token, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = api_client.post(AUTH + "password/reset/confirm/", body, format="json")
    assert response.status_code == 200, response.content
    assert login(api_client, seeker.email, NEW_PASSWORD).status_code == 200
    # The link works once: the token covers the password hash.
    assert_error(api_client.post(AUTH + "password/reset/confirm/", body, format="json"), 400, "VALIDATION_ERROR")


def test_password_reset_same_answer_for_unknown_address(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(AUTH + "password/reset/", {"email": "nobody@example.com"}, format="json")
    assert response.status_code == 200
    assert mail.outbox == []
    assert_error(api_client.post(AUTH + "password/reset/", {"email": "not-an-address"}, format="json"), 400)


def test_password_reset_confirm_bad_token(api_client, seeker):
    body = {"uid": "MQ", "token": "bad-token", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert_error(api_client.post(AUTH + "password/reset/confirm/", body, format="json"), 400, "VALIDATION_ERROR")


# --- auth/user/ -----------------------------------------------------------------------------------


def test_me_needs_authentication(api_client):
    assert_error(api_client.get(AUTH + "user/"), 401, "AUTHENTICATION_REQUIRED")
    assert_error(api_client.put(AUTH + "user/", {"first_name": "X"}, format="json"), 401)


def test_me_get_shows_the_full_account(client_for, both):
    data = client_for(both).get(AUTH + "user/").json()["data"]
    assert data["email"] == both.email
    assert (data["first_name"], data["last_name"]) == ("Both", "Tester")
    assert data["user_type"] == "BOTH" and data["can_host"] and data["can_book"]


def test_me_put_and_patch_change_the_fields_sent(client_for, seeker):
    client = client_for(seeker)
    response = client.put(AUTH + "user/", {"first_name": "Sam", "phone_number": "+15550001111"}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert (data["first_name"], data["last_name"], data["phone_number"]) == ("Sam", "Tester", "+15550001111")
    response = client.patch(AUTH + "user/", {"user_type": "BOTH", "last_name": "Driver"}, format="json")
    assert response.status_code == 200, response.content
    seeker.refresh_from_db()
    assert (seeker.role, seeker.name, seeker.phone) == ("BOTH", "Sam Driver", "+15550001111")


def test_me_put_profile_picture_multipart_is_stored_under_our_name(client_for, seeker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(seeker).put(AUTH + "user/", {"profile_picture": png("../../evil.php")}, format="multipart")
    assert response.status_code == 200, response.content
    seeker.refresh_from_db()
    assert seeker.avatar.name.endswith(".png") and "evil" not in seeker.avatar.name
    assert response.json()["data"]["profile_picture"].endswith(".png")


def test_me_put_validation_errors(client_for, seeker, admin):
    fake = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    body = assert_error(client_for(seeker).put(AUTH + "user/", {"profile_picture": fake}, format="multipart"), 400)
    assert "profile_picture" in body["errors"]
    assert_error(client_for(seeker).put(AUTH + "user/", {"user_type": "ADMIN"}, format="json"), 400, "VALIDATION_ERROR")
    assert_error(client_for(seeker).put(AUTH + "user/", {"phone_number": "call me"}, format="json"), 400)
    # An administrator cannot step down (or be moved) through the API: operators manage that role.
    assert_error(client_for(admin).put(AUTH + "user/", {"user_type": "HOST"}, format="json"), 400, "VALIDATION_ERROR")
    seeker.refresh_from_db()
    admin.refresh_from_db()
    assert (seeker.role, seeker.avatar.name or "", admin.role) == ("SEEKER", "", "ADMIN")
