"""admin/users/ and admin/role-requests/: the role table, list filters and query counts, detail, update,
soft delete, set_role, activity, impersonation and password reset."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import token_pair_for_user
from ressourcefy.models import Profile, RoleRequest
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
USERS = API + "admin/users/"
ROLE_REQUESTS = API + "admin/role-requests/"
ROLES = ("USER", "CONTRIBUTOR", "MODERATOR", "ADMIN", "SUPERADMIN")
ADMINS = {"ADMIN", "SUPERADMIN"}
SUPER = {"SUPERADMIN"}


@pytest.fixture
def staff(reader, contributor, moderator, admin, superadmin):
    return {
        "USER": reader,
        "CONTRIBUTOR": contributor,
        "MODERATOR": moderator,
        "ADMIN": admin,
        "SUPERADMIN": superadmin,
    }


@pytest.fixture
def target(rfy_account):
    return rfy_account("USER", "tina")


def user_url(user, action: str = "") -> str:
    return f"{USERS}{user.uuid}/" + (f"{action}/" if action else "")


def login(user, password=DEFAULT_PASSWORD):
    return APIClient().post(API + "auth/login/", {"email": user.email, "password": password}, format="json")


# --- the role table -------------------------------------------------------------------------

ENDPOINTS = {
    "list": ("get", lambda t, rr: USERS, None, ADMINS, 200),
    "detail": ("get", lambda t, rr: user_url(t), None, ADMINS, 200),
    "update": ("patch", lambda t, rr: user_url(t), {"bio": "Edited"}, ADMINS, 200),
    "delete": ("delete", lambda t, rr: user_url(t), None, ADMINS, 204),
    "set_role": ("post", lambda t, rr: user_url(t, "set_role"), {"role": "CONTRIBUTOR"}, SUPER, 200),
    "activity": ("get", lambda t, rr: user_url(t, "activity"), None, ADMINS, 200),
    "impersonate": ("post", lambda t, rr: user_url(t, "impersonate"), None, SUPER, 200),
    "reset_password": ("post", lambda t, rr: user_url(t, "reset_password"), None, ADMINS, 200),
    "role_requests": ("get", lambda t, rr: ROLE_REQUESTS, None, ADMINS, 200),
    "approve": ("post", lambda t, rr: f"{ROLE_REQUESTS}{rr.pk}/approve/", None, ADMINS, 200),
    "reject": ("post", lambda t, rr: f"{ROLE_REQUESTS}{rr.pk}/reject/", None, ADMINS, 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_role_table(endpoint, role, staff, target, client_for, django_capture_on_commit_callbacks):
    method, url, body, allowed, success = ENDPOINTS[endpoint]
    role_request = RoleRequest.objects.create(user=target, requested_role="CONTRIBUTOR")
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(staff[role]), method)(url(target, role_request), body, format="json")
    if role in allowed:
        assert response.status_code == success, response.content
    else:
        assert_error(response, 403)


def test_anonymous_is_401(target):
    assert_error(APIClient().get(USERS), 401)


# --- list -----------------------------------------------------------------------------------


@pytest.fixture
def crowd(rfy_account):
    users = [rfy_account("USER", f"user{n:02d}") for n in range(8)]
    users += [rfy_account("CONTRIBUTOR", f"writer{n}") for n in range(3)]
    users.append(rfy_account("MODERATOR", "mod_zed", onboarding_step="profile"))
    return users


def results(response) -> list:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok" and set(body["data"]) == {"count", "next", "previous", "results"}
    return body["data"]["results"]


def test_list_item_shape(client_for, admin, target):
    Profile.objects.filter(user=target).update(bio="Hello", avatar_url="https://cdn.example.com/a.png")
    item = next(row for row in results(client_for(admin).get(USERS)) if row["id"] == str(target.uuid))
    assert item == {
        "id": str(target.uuid),
        "email": "tina@example.com",
        "username": "tina",
        "bio": "Hello",
        "avatar_url": "https://cdn.example.com/a.png",
        "has_profile": True,
        "role": "USER",
        "is_active": True,
        "is_staff": False,
        "is_superuser": False,
        "is_activated": True,
        "onboarding_step": "completed",
        "deleted_at": None,
        "created_at": item["created_at"],
        "updated_at": item["updated_at"],
    }


def test_account_without_profile_has_null_profile_fields(client_for, admin, make_account):
    bare = make_account("ressourcefy", email="bare@example.com", username="bare")
    item = next(row for row in results(client_for(admin).get(USERS)) if row["id"] == str(bare.uuid))
    assert (item["username"], item["bio"], item["avatar_url"], item["has_profile"]) == (None, None, None, False)
    assert item["onboarding_step"] == "not_started"


def test_other_realms_are_not_listed(client_for, admin, make_account):
    make_account("townspark", email="elsewhere@example.com")
    emails = {row["email"] for row in results(client_for(admin).get(USERS, {"page_size": 100}))}
    assert "elsewhere@example.com" not in emails and "adam@example.com" in emails


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "CONTRIBUTOR"}, {"writer0", "writer1", "writer2"}),
        ({"search": "WRITER1"}, {"writer1"}),
        ({"onboarding_step": "profile"}, {"mod_zed"}),
        ({"role": "USER", "is_active": "false"}, {"user00"}),
        ({"role": "USER", "is_activated": "false"}, {"user01"}),
    ],
)
def test_filters(client_for, admin, crowd, params, expected):
    type(crowd[0]).objects.filter(pk=crowd[0].pk).update(is_active=False)
    type(crowd[1]).objects.filter(pk=crowd[1].pk).update(is_verified=False)
    names = {row["username"] for row in results(client_for(admin).get(USERS, {**params, "page_size": 100}))}
    assert names == expected


def test_ordering_and_pages(client_for, admin, crowd):
    client = client_for(admin)
    ordered = [row["email"] for row in results(client.get(USERS, {"ordering": "email", "page_size": 100}))]
    assert ordered == sorted(ordered)
    descending = [row["email"] for row in results(client.get(USERS, {"ordering": "-email", "page_size": 100}))]
    assert descending == ordered[::-1]
    first = client.get(USERS, {"ordering": "email", "page_size": 5}).json()["data"]
    second = client.get(USERS, {"ordering": "email", "page_size": 5, "page": 2}).json()["data"]
    assert first["count"] == len(ordered) and first["previous"] is None and "page=2" in first["next"]
    assert [row["email"] for row in first["results"] + second["results"]] == ordered[:10]


@pytest.mark.parametrize("params", [{"role": "KING"}, {"ordering": "password"}, {"is_active": "maybe"}])
def test_bad_filters_are_400(client_for, admin, params):
    assert_error(client_for(admin).get(USERS, params), 400, "validation_error")


def test_list_queries_are_flat_in_page_size(client_for, admin, crowd):
    client = client_for(admin)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            assert len(results(client.get(USERS, {"page_size": size}))) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- detail, update, soft delete -------------------------------------------------------------


def test_detail_counts(client_for, admin, target, contributor, tags):
    resource_create(author=target, title="Mine", description="d", visibility="public", price_cents=None, tag_ids=[])
    RoleRequest.objects.create(user=target, requested_role="CONTRIBUTOR")
    data = client_for(admin).get(user_url(target)).json()["data"]
    assert data["email"] == "tina@example.com"
    assert data["stats"] == {
        "resources": 1,
        "comments": 0,
        "purchases": 0,
        "active_subscriptions": 0,
        "pending_role_requests": 1,
    }


def test_unknown_user_is_404(client_for, admin):
    assert_error(client_for(admin).get(f"{USERS}3fa85f64-5717-4562-b3fc-2c963f66afa6/"), 404)


def test_update_shape_and_deactivation_blocks_login(client_for, admin, target):
    response = client_for(admin).patch(user_url(target), {"is_active": False}, format="json")
    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": str(target.uuid),
        "email": "tina@example.com",
        "role": "USER",
        "is_active": False,
        "created_at": response.json()["data"]["created_at"],
    }
    assert_error(login(target), 401, "invalid_credentials")


def test_update_refuses_role(client_for, admin, target):
    assert_error(client_for(admin).patch(user_url(target), {"role": "ADMIN"}, format="json"), 400, "invalid_action")
    target.refresh_from_db()
    assert target.role == "USER"


def test_update_taken_username(client_for, admin, target):
    assert_error(client_for(admin).patch(user_url(target), {"username": "ADAM"}, format="json"), 400, "invalid_action")


def test_admin_cannot_change_a_superadmin(client_for, admin, superadmin):
    response = client_for(admin).patch(user_url(superadmin), {"is_active": False}, format="json")
    assert_error(response, 400, "invalid_action")
    assert_error(client_for(admin).delete(user_url(superadmin)), 400, "invalid_action")


def test_nobody_deactivates_themselves(client_for, superadmin):
    response = client_for(superadmin).patch(user_url(superadmin), {"is_active": False}, format="json")
    assert_error(response, 400, "invalid_action")


def test_soft_delete(client_for, admin, target, django_capture_on_commit_callbacks):
    resource = resource_create(
        author=target, title="Stays", description="d", visibility="public", price_cents=None, tag_ids=[]
    )
    refresh = login(target).cookies["refresh_token"].value
    assert client_for(admin).delete(user_url(target)).status_code == 204
    assert_error(login(target), 401, "invalid_credentials")
    assert_error(APIClient().post(API + "auth/refresh/", {"refresh_token": refresh}, format="json"), 401)
    resource.refresh_from_db()
    assert resource.author_id == target.pk
    client = client_for(admin)
    assert str(target.uuid) not in {row["id"] for row in results(client.get(USERS, {"page_size": 100}))}
    deleted = results(client.get(USERS, {"deleted": "true"}))
    assert [row["id"] for row in deleted] == [str(target.uuid)] and deleted[0]["deleted_at"]
    assert client.get(user_url(target)).json()["data"]["is_active"] is False
    # Every action on it is 404 now, a second delete too.
    assert_error(client.delete(user_url(target)), 404)
    assert_error(client.post(user_url(target, "reset_password")), 404)


def test_cannot_delete_yourself(client_for, admin):
    assert_error(client_for(admin).delete(user_url(admin)), 400, "invalid_action")


# --- set_role -------------------------------------------------------------------------------


def test_set_role(client_for, superadmin, target):
    response = client_for(superadmin).post(user_url(target, "set_role"), {"role": "ADMIN"}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "data": {"user_id": str(target.uuid), "email": target.email, "role": "ADMIN", "previous_role": "USER"},
    }
    target.refresh_from_db()
    assert target.role == "ADMIN"


@pytest.mark.parametrize("role", ["KING", "admin", ""])
def test_set_role_invalid(client_for, superadmin, target, role):
    error = assert_error(client_for(superadmin).post(user_url(target, "set_role"), {"role": role}, format="json"), 400)
    assert error["code"] in ({"invalid_role"} if role else {"invalid_role", "validation_error"})


def test_last_superadmin_cannot_be_demoted(client_for, superadmin):
    error = assert_error(
        client_for(superadmin).post(user_url(superadmin, "set_role"), {"role": "ADMIN"}, format="json"),
        400,
        "last_superadmin",
    )
    assert error["message"] == "Cannot demote the last superadmin. Create another superadmin first."


def test_a_superadmin_may_step_down_when_another_remains(client_for, superadmin, rfy_account):
    rfy_account("SUPERADMIN", "sam")
    response = client_for(superadmin).post(user_url(superadmin, "set_role"), {"role": "ADMIN"}, format="json")
    assert response.status_code == 200


# --- activity -------------------------------------------------------------------------------


def test_activity_from_the_audit_trail(client_for, superadmin, target):
    client = client_for(superadmin)
    client.post(user_url(target, "set_role"), {"role": "CONTRIBUTOR"}, format="json")
    data = client.get(user_url(target, "activity")).json()["data"]
    assert data["user_id"] == str(target.uuid) and data["count"] == len(data["activities"])
    actions = [row["action"] for row in data["activities"]]
    assert "user.set_role" in actions
    row = data["activities"][actions.index("user.set_role")]
    assert row["entity_name"] == "User" and row["object_id"] == str(target.uuid)
    assert row["actor_email"] == superadmin.email
    assert "USER to CONTRIBUTOR" in row["description"]
    # The superadmin's own activity names what it did.
    mine = client.get(user_url(superadmin, "activity")).json()["data"]["activities"]
    assert any(item["action"] == "user.set_role" and item["object_id"] == str(target.uuid) for item in mine)


def test_activity_limit(client_for, superadmin, target):
    client = client_for(superadmin)
    for role in ("CONTRIBUTOR", "MODERATOR", "USER"):
        client.post(user_url(target, "set_role"), {"role": role}, format="json")
    assert client.get(user_url(target, "activity"), {"limit": 2}).json()["data"]["count"] == 2
    for bad in ("0", "101", "x"):
        assert_error(client.get(user_url(target, "activity"), {"limit": bad}), 400, "validation_error")


# --- impersonation --------------------------------------------------------------------------


def test_impersonate(client_for, superadmin, target):
    response = client_for(superadmin).post(user_url(target, "impersonate"))
    data = response.json()["data"]
    assert data["user"] == {
        "id": str(target.uuid),
        "email": target.email,
        "username": "tina",
        "activated": True,
        "onboarding_step": "completed",
        "role": "USER",
    }
    token = AccessToken(data["access_token"])
    assert token["impersonator"] == str(superadmin.uuid) and token["impersonator_email"] == superadmin.email
    me = APIClient()
    me.credentials(HTTP_AUTHORIZATION=f"Bearer {data['access_token']}")
    assert me.get(API + "user/me/").json()["data"]["email"] == target.email


def test_impersonating_a_superadmin_is_refused(client_for, superadmin, rfy_account):
    other = rfy_account("SUPERADMIN", "sam")
    error = assert_error(client_for(superadmin).post(user_url(other, "impersonate")), 400, "invalid_action")
    assert error["message"] == "Cannot impersonate another SUPERADMIN"
    assert_error(client_for(superadmin).post(user_url(superadmin, "impersonate")), 400, "invalid_action")


def test_actions_with_an_impersonation_token_are_recorded_under_both(client_for, superadmin, target, admin):
    Profile.objects.filter(user=target).update(bio="Before")
    tokens = client_for(superadmin).post(user_url(target, "impersonate")).json()["data"]
    as_target = APIClient()
    as_target.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    assert (
        as_target.patch(API + "user/profile/", {"bio": "Changed while impersonated"}, format="json").status_code == 200
    )

    def profile_rows(user):
        rows = client_for(admin).get(user_url(user, "activity")).json()["data"]["activities"]
        return [row for row in rows if row["entity_name"] == "Profile"]

    for user in (target, superadmin):
        rows = profile_rows(user)
        assert len(rows) == 1, user
        assert rows[0]["actor_email"] == target.email and rows[0]["impersonator_email"] == superadmin.email

    # A refresh keeps the impersonator.
    refreshed = APIClient().post(API + "auth/refresh/", {"refresh_token": tokens["refresh_token"]}, format="json")
    assert AccessToken(refreshed.json()["data"]["access_token"])["impersonator"] == str(superadmin.uuid)


# --- password reset -------------------------------------------------------------------------


def test_reset_password(client_for, admin, target, django_capture_on_commit_callbacks):
    refresh = token_pair_for_user(target).refresh
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(user_url(target, "reset_password"))
    assert response.json() == {"status": "ok", "data": {"message": f"Password reset email sent to {target.email}"}}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [target.email]
    password = mail.outbox[0].body.split("Your new password: ")[1].split("\n")[0]
    assert_error(login(target), 401, "invalid_credentials")
    assert login(target, password).status_code == 200
    assert_error(APIClient().post(API + "auth/refresh/", {"refresh_token": refresh}, format="json"), 401)


def test_no_mail_when_the_reset_is_refused(client_for, admin, superadmin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(user_url(superadmin, "reset_password"))
    error = assert_error(response, 400, "invalid_action")
    assert error["message"] == "Only SUPERADMIN can reset another SUPERADMIN's password"
    assert mail.outbox == []
    assert login(superadmin).status_code == 200


def test_superadmin_resets_a_superadmin(client_for, superadmin, rfy_account, django_capture_on_commit_callbacks):
    other = rfy_account("SUPERADMIN", "sam")
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(superadmin).post(user_url(other, "reset_password")).status_code == 200
    assert len(mail.outbox) == 1


# --- role requests --------------------------------------------------------------------------


def test_role_requests_list_and_approve(client_for, admin, target):
    pending = RoleRequest.objects.create(user=target, requested_role="MODERATOR", reason="I moderate")
    client = client_for(admin)
    rows = results(client.get(ROLE_REQUESTS, {"status": "pending"}))
    assert [row["id"] for row in rows] == [str(pending.pk)]
    assert rows[0]["current_role"] == "USER" and rows[0]["requested_role"] == "MODERATOR"
    data = client.post(f"{ROLE_REQUESTS}{pending.pk}/approve/").json()["data"]
    assert data["status"] == "approved" and data["decided_by"] == admin.email
    target.refresh_from_db()
    assert target.role == "MODERATOR"
    assert_error(client.post(f"{ROLE_REQUESTS}{pending.pk}/reject/"), 400, "invalid_action")
    assert results(client.get(ROLE_REQUESTS, {"status": "pending"})) == []


def test_reject_keeps_the_role(client_for, admin, target):
    pending = RoleRequest.objects.create(user=target, requested_role="CONTRIBUTOR")
    assert client_for(admin).post(f"{ROLE_REQUESTS}{pending.pk}/reject/").json()["data"]["status"] == "rejected"
    target.refresh_from_db()
    assert target.role == "USER"


def test_approve_refused_when_already_higher(client_for, admin, target):
    pending = RoleRequest.objects.create(user=target, requested_role="CONTRIBUTOR")
    type(target).objects.filter(pk=target.pk).update(role="MODERATOR")
    assert_error(client_for(admin).post(f"{ROLE_REQUESTS}{pending.pk}/approve/"), 400, "invalid_action")
    target.refresh_from_db()
    assert target.role == "MODERATOR"


def test_unknown_role_request_404(client_for, admin):
    assert_error(client_for(admin).post(f"{ROLE_REQUESTS}3fa85f64-5717-4562-b3fc-2c963f66afa6/approve/"), 404)
