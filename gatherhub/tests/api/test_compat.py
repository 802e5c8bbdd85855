"""Issue #15: the supersets and aliases GatherHub's own frontend needs, each beside the documented shape unchanged."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import DEFAULT_PASSWORD
from core.accounts.tokens import token_pair_for_user
from gatherhub.models import Vote
from gatherhub.services.votes import vote_cast, vote_create
from gatherhub.tasks import close_ended_votes
from gatherhub.tests.api.test_auth import NEW_USER, png_bytes
from gatherhub.tests.conftest import API, assert_error
from tests.test_body_size import asgi_post

pytestmark = pytest.mark.django_db

VOTING = API + "voting/"
PROFILE = API + "auth/profile/"
VOTE_LIST_KEYS = {
    "id",
    "title",
    "description",
    "status",
    "event",
    "creator",
    "total_votes",
    "ends_at",
    "multiple_choice",
    "created_at",
}
PROFILE_KEYS = {"id", "username", "email", "first_name", "last_name", "bio", "avatar", "date_joined", "last_login"}


def assert_tokens_beside_the_pair(body: dict, documented: set[str]) -> None:
    """The documented keys exactly, plus `tokens` repeating the same pair."""
    assert set(body) == documented | {"tokens"}
    assert body["tokens"] == {"access": body["access"], "refresh": body["refresh"]}


# --- tokens: {access, refresh} ------------------------------------------------------


def test_register_also_returns_tokens(api_client):
    response = api_client.post(API + "auth/register/", NEW_USER, format="json")
    assert response.status_code == 201
    assert_tokens_beside_the_pair(response.json(), {"access", "refresh", "user"})


def test_login_also_returns_tokens(api_client, alice):
    response = api_client.post(API + "auth/login/", {"username": "alice", "password": DEFAULT_PASSWORD}, format="json")
    assert response.status_code == 200
    assert_tokens_beside_the_pair(response.json(), {"access", "refresh", "user"})


def test_refresh_also_returns_tokens(api_client, alice):
    response = api_client.post(API + "auth/refresh/", {"refresh": token_pair_for_user(alice).refresh}, format="json")
    assert response.status_code == 200
    assert_tokens_beside_the_pair(response.json(), {"access", "refresh"})


def test_errors_carry_no_tokens(api_client):
    assert_error(api_client.post(API + "auth/refresh/", {"refresh": "garbage"}, format="json"), 401)


@pytest.mark.django_db(transaction=True)
async def test_refresh_with_a_double_slash_is_the_refresh(alice):
    """The client's `/api/v1//auth/refresh/`: merged to the documented path before routing, for every product."""
    from channels.db import database_sync_to_async

    refresh = (await database_sync_to_async(token_pair_for_user)(alice)).refresh
    body = f'{{"refresh": "{refresh}"}}'.encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    status, answer, _ = await asgi_post("/gatherhub/api/v1//auth/refresh/", headers, [body])
    assert status == 200
    assert_tokens_beside_the_pair(answer, {"access", "refresh"})
    # The documented path answers as before: the rotated token is spent.
    status, answer, _ = await asgi_post("/gatherhub/api/v1/auth/refresh/", headers, [body])
    assert (status, answer["error"]) == (401, "invalid_token")


# --- Vote list items carry their options ---------------------------------------------


@pytest.fixture
def event(alice, bob, carol, make_event):
    return make_event(alice, participants=[bob, carol])


def open_vote(event, creator, *, ends_at=None, options=("Pizza", "Sushi", "Soup")) -> Vote:
    return vote_create(creator=creator, event=event, title="Dinner?", options=list(options), ends_at=ends_at)


def test_vote_list_items_carry_options_with_counts(client_for, alice, bob, carol, event):
    vote = open_vote(event, alice, ends_at=timezone.now() + timedelta(days=1))
    pizza, sushi, soup = (option.pk for option in vote.options.order_by("position"))
    vote_cast(vote_id=vote.pk, user=bob, option_ids=[sushi])
    vote_cast(vote_id=vote.pk, user=carol, option_ids=[sushi])

    row = client_for(alice).get(VOTING).json()["results"][0]

    assert set(row) == VOTE_LIST_KEYS | {"options"}
    assert row["options"] == [
        {"id": pizza, "text": "Pizza", "vote_count": 0},
        {"id": sushi, "text": "Sushi", "vote_count": 2},
        {"id": soup, "text": "Soup", "vote_count": 0},
    ]
    assert row["total_votes"] == 2


def test_vote_list_options_keep_the_page_at_its_query_count(client_for, alice, event, django_assert_max_num_queries):
    for _ in range(6):
        open_vote(event, alice, ends_at=timezone.now() + timedelta(days=1))
    client = client_for(alice)
    with django_assert_max_num_queries(3):
        rows = client.get(VOTING + "?page_size=6").json()["results"]
    assert [len(row["options"]) for row in rows] == [3] * 6


# --- Open-ended votes ---------------------------------------------------------------


@pytest.mark.parametrize("payload", [{}, {"ends_at": None}], ids=["missing", "null"])
def test_vote_without_ends_at_is_open_ended(client_for, alice, bob, event, payload):
    body = {"title": "Venue?", "event": event.pk, "options": [{"text": "Park"}, {"text": "Hall"}], **payload}
    response = client_for(alice).post(VOTING, body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["ends_at"], created["status"]) == (None, "active")

    Vote.objects.filter(pk=created["id"]).update(created_at=timezone.now() - timedelta(days=3650))
    close_ended_votes()  # the beat task never ends it
    vote = Vote.objects.get(pk=created["id"])
    assert vote.closed_at is None and vote.status == "active"

    cast = client_for(bob).post(VOTING + f"{vote.pk}/vote/", {"options": [created["options"][0]["id"]]}, format="json")
    assert cast.status_code == 200, cast.content
    results = client_for(bob).get(VOTING + f"{vote.pk}/results/").json()
    assert (results["ends_at"], results["status"], results["total_votes"]) == (None, "active", 1)
    listed = client_for(bob).get(VOTING + "?status=active").json()["results"]
    assert [row["id"] for row in listed] == [vote.pk]
    assert client_for(bob).get(VOTING + "?status=ended").json()["count"] == 0


def test_vote_with_ends_at_is_as_documented(client_for, alice, event):
    client = client_for(alice)
    base = {"title": "Venue?", "event": event.pk, "options": [{"text": "Park"}, {"text": "Hall"}]}
    past = (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert_error(client.post(VOTING, {**base, "ends_at": past}, format="json"), 400, "validation_error")
    assert_error(client.post(VOTING, {**base, "ends_at": "soon"}, format="json"), 400, "validation_error")
    future = (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    created = client.post(VOTING, {**base, "ends_at": future}, format="json").json()
    assert created["ends_at"] == future


# --- Avatar null in a JSON profile update ---------------------------------------------


@pytest.fixture
def alice_with_avatar(client_for, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = io.BytesIO(png_bytes())
    upload.name = "me.png"
    response = client_for(alice).put(PROFILE, {"avatar": upload}, format="multipart")
    assert response.status_code == 200 and response.json()["avatar"]
    alice.refresh_from_db()
    return alice


def test_json_avatar_null_removes_the_avatar(
    client_for, alice_with_avatar, settings, django_capture_on_commit_callbacks
):
    stored = alice_with_avatar.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice_with_avatar).put(PROFILE, {"avatar": None, "bio": "Hi"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == PROFILE_KEYS
    assert (body["avatar"], body["bio"]) == (None, "Hi")
    alice_with_avatar.refresh_from_db()
    assert not alice_with_avatar.avatar
    assert not (settings.MEDIA_ROOT / stored).exists()


@pytest.mark.parametrize("value", ["https://example.com/me.png", "", 7, {"uri": "file:///me.png"}])
def test_json_avatar_of_another_value_is_ignored(client_for, alice_with_avatar, value):
    response = client_for(alice_with_avatar).put(PROFILE, {"avatar": value, "first_name": "Al"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == PROFILE_KEYS
    assert body["first_name"] == "Al" and body["avatar"].endswith(".png")


def test_multipart_avatar_that_is_not_a_file_is_still_refused(client_for, alice):
    assert_error(client_for(alice).put(PROFILE, {"avatar": "text"}, format="multipart"), 400, "validation_error")


# --- Schema ---------------------------------------------------------------------------


def test_the_schema_declares_the_supersets(client):
    schema = client.get(API + "schema/?format=json").json()
    components = schema["components"]["schemas"]
    for name in ("RegisterResponse", "LoginResponse", "TokenPair"):
        assert "tokens" in components[name]["properties"], name
    assert set(components["FrontendTokens"]["properties"]) == {"access", "refresh"}
    assert "options" in components["Vote"]["properties"]
    assert set(components["OptionSummary"]["properties"]) == {"id", "text", "vote_count"}
    assert components["VoteCreateRequest"]["properties"]["ends_at"]["nullable"] is True
    assert "ends_at" not in components["VoteCreateRequest"].get("required", [])
    assert components["VoteResults"]["properties"]["ends_at"]["nullable"] is True
