"""Live updates on /gatherhub/ws/events/: participants see each other's changes; others see nothing.

With REDIS_URL set these run through the real Redis channel layer, otherwise the in-memory one.
"""

import os
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.utils import timezone
from rest_framework.test import APIClient

from config.asgi import application
from core.accounts.tokens import token_pair_for_user
from core.realtime.consumers import CLOSE_UNAUTHORIZED
from gatherhub.models import Vote
from gatherhub.tasks import close_ended_votes
from gatherhub.tests.conftest import API, TIMESTAMP

pytestmark = pytest.mark.django_db(transaction=True)

SOCKET = "/gatherhub/ws/events/"
WAIT = 5
QUIET = 0.3


@database_sync_to_async
def http(user, method: str, path: str, data=None):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for_user(user).access}")
    response = getattr(client, method)(API + path, data, format="json")
    assert response.status_code < 300, response.content
    return response.json() if response.content else None


async def connect(user) -> WebsocketCommunicator:
    token = await database_sync_to_async(lambda: token_pair_for_user(user).access)()
    socket = WebsocketCommunicator(application, f"{SOCKET}?token={token}")
    connected, _ = await socket.connect()
    assert connected
    return socket


async def receive(socket, expected_type: str) -> dict:
    message = await socket.receive_json_from(timeout=WAIT)
    assert message["type"] == expected_type, message
    assert set(message) == {"type", "data", "timestamp"} and TIMESTAMP.match(message["timestamp"])
    return message["data"]


async def receive_all(sockets, expected_type: str) -> list[dict]:
    return [await receive(socket, expected_type) for socket in sockets]


async def event_payload():
    return {
        "title": "Game night",
        "date": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "max_participants": 5,
    }


async def test_participants_see_each_others_changes_and_outsiders_see_nothing(alice, bob, carol):
    alice_socket, bob_socket, carol_socket = await connect(alice), await connect(bob), await connect(carol)

    event = await http(alice, "post", "events/", await event_payload())
    assert (await receive(alice_socket, "event_created"))["id"] == event["id"]

    await http(bob, "post", f"events/{event['id']}/join/")
    for data in await receive_all([alice_socket, bob_socket], "event_joined"):
        assert data["user"]["username"] == "bob" and data["event"]["current_participants"] == 2

    task = await http(alice, "post", "tasks/", {"title": "Snacks", "event": event["id"]})
    assert [d["id"] for d in await receive_all([alice_socket, bob_socket], "task_created")] == [task["id"]] * 2

    await http(alice, "post", f"tasks/{task['id']}/assign/", {"assignee": bob.pk})
    for data in await receive_all([alice_socket, bob_socket], "task_assigned"):
        assert data["assignee"]["username"] == "bob"

    await http(bob, "put", f"tasks/{task['id']}/", {"status": "in_progress"})
    for data in await receive_all([alice_socket, bob_socket], "task_updated"):
        assert data["status"] == "in_progress"

    await http(bob, "post", f"tasks/{task['id']}/complete/")
    for data in await receive_all([alice_socket, bob_socket], "task_completed"):
        assert data["status"] == "completed" and TIMESTAMP.match(data["completed_at"])

    ends_at = (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    vote = await http(
        bob,
        "post",
        "voting/",
        {"title": "Game?", "event": event["id"], "ends_at": ends_at, "options": [{"text": "Chess"}, {"text": "Go"}]},
    )
    assert [d["id"] for d in await receive_all([alice_socket, bob_socket], "vote_created")] == [vote["id"]] * 2

    await http(alice, "post", f"voting/{vote['id']}/vote/", {"options": [vote["options"][0]["id"]]})
    for data in await receive_all([alice_socket, bob_socket], "vote_cast"):
        assert data["vote_id"] == vote["id"] and data["user"]["username"] == "alice"
    for data in await receive_all([alice_socket, bob_socket], "vote_results"):
        assert data["total_votes"] == 1 and data["winner"]["text"] == "Chess"

    await database_sync_to_async(Vote.objects.filter(pk=vote["id"]).update)(ends_at=timezone.now())
    await database_sync_to_async(close_ended_votes)()
    for data in await receive_all([alice_socket, bob_socket], "vote_ended"):
        assert data["status"] == "ended" and data["winner"]["option_id"] == vote["options"][0]["id"]

    assert await carol_socket.receive_nothing(timeout=QUIET)

    for socket in (alice_socket, bob_socket, carol_socket):
        await socket.disconnect()


async def test_leaving_stops_the_messages_of_that_event(alice, bob, make_event):
    event = await database_sync_to_async(make_event)(alice, participants=[bob])
    alice_socket, bob_socket = await connect(alice), await connect(bob)

    await http(bob, "post", f"events/{event.pk}/leave/")
    for data in await receive_all([alice_socket, bob_socket], "event_left"):
        assert data["user"]["username"] == "bob" and data["event"]["current_participants"] == 1

    payload = await event_payload()
    await http(alice, "put", f"events/{event.pk}/", dict(payload, title="Renamed"))
    assert (await receive(alice_socket, "event_updated"))["title"] == "Renamed"
    assert await bob_socket.receive_nothing(timeout=QUIET)

    await http(alice, "delete", f"events/{event.pk}/")
    assert (await receive(alice_socket, "event_deleted"))["id"] == event.pk
    await alice_socket.send_json_to({"type": "subscriptions"})
    assert (await receive(alice_socket, "subscriptions")) == {"event_ids": []}

    for socket in (alice_socket, bob_socket):
        await socket.disconnect()


async def test_client_frames(alice, make_event):
    event = await database_sync_to_async(make_event)(alice)
    socket = await connect(alice)
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket, "pong") == {}
    await socket.send_json_to({"type": "subscriptions"})
    assert await receive(socket, "subscriptions") == {"event_ids": [event.pk]}
    await socket.send_to(text_data="not json")
    assert "message" in await receive(socket, "error")
    await socket.send_to(text_data="[" * 100_000 + "]" * 100_000)  # past the decoder's recursion limit
    assert "message" in await receive(socket, "error")
    await socket.send_json_to({"type": "ping"})
    assert await receive(socket, "pong") == {}
    await socket.send_to(bytes_data=b"\x00")
    await receive(socket, "error")
    await socket.disconnect()


async def test_without_a_valid_token_the_socket_is_closed_with_4401(make_account):
    for query in ("", "?token=garbage"):
        socket = WebsocketCommunicator(application, SOCKET + query)
        connected, _ = await socket.connect()
        assert connected
        assert (await socket.receive_output())["code"] == CLOSE_UNAUTHORIZED
    outsider = await database_sync_to_async(make_account)("townspark")
    token = await database_sync_to_async(lambda: token_pair_for_user(outsider).access)()
    socket = WebsocketCommunicator(application, f"{SOCKET}?token={token}")
    await socket.connect()
    assert (await socket.receive_output())["code"] == CLOSE_UNAUTHORIZED


@pytest.mark.redis
async def test_the_redis_channel_layer_is_the_one_in_use():
    from channels_redis.core import RedisChannelLayer

    assert os.environ.get("REDIS_URL")
    assert isinstance(get_channel_layer(), RedisChannelLayer)
