"""Issue #15 over WebSockets: membership frames carry `current_participants`; ws/tasks and ws/voting are aliases."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from core.accounts.tokens import token_pair_for_user
from core.realtime.consumers import CLOSE_UNAUTHORIZED
from gatherhub.tests.test_realtime import QUIET, connect, http, receive, receive_all

pytestmark = pytest.mark.django_db(transaction=True)

MEMBERSHIP_KEYS = {"event", "user", "event_id"}  # as documented (event_id is on every frame)


async def test_join_and_leave_frames_also_carry_current_participants(alice, bob, make_event):
    event = await database_sync_to_async(make_event)(alice)
    alice_socket = await connect(alice)

    await http(bob, "post", f"events/{event.pk}/join/")
    joined = await receive(alice_socket, "event_joined")
    assert set(joined) == MEMBERSHIP_KEYS | {"current_participants"}
    assert set(joined["event"]) == {"id", "title", "current_participants"}
    assert joined["current_participants"] == joined["event"]["current_participants"] == 2

    await http(bob, "post", f"events/{event.pk}/leave/")
    left = await receive(alice_socket, "event_left")
    assert set(left) == MEMBERSHIP_KEYS | {"current_participants"}
    assert left["current_participants"] == left["event"]["current_participants"] == 1
    await alice_socket.disconnect()


@pytest.mark.parametrize("alias", ["/gatherhub/ws/tasks/", "/gatherhub/ws/voting/"])
async def test_alias_sockets_serve_the_events_stream(alice, bob, make_event, alias):
    event = await database_sync_to_async(make_event)(alice, participants=[bob])
    token = await database_sync_to_async(lambda: token_pair_for_user(alice).access)()
    alias_socket = WebsocketCommunicator(application, f"{alias}?token={token}")
    connected, _ = await alias_socket.connect()
    assert connected
    events_socket = await connect(alice)

    task = await http(bob, "post", "tasks/", {"title": "Chairs", "event": event.pk})
    assert [data["id"] for data in await receive_all([alias_socket, events_socket], "task_created")] == [task["id"]] * 2
    await alias_socket.send_json_to({"type": "subscriptions"})
    assert await receive(alias_socket, "subscriptions") == {"event_ids": [event.pk]}
    assert await events_socket.receive_nothing(timeout=QUIET)

    for socket in (alias_socket, events_socket):
        await socket.disconnect()


@pytest.mark.parametrize("alias", ["/gatherhub/ws/tasks/", "/gatherhub/ws/voting/"])
async def test_alias_sockets_still_need_a_token(alias):
    for query in ("", "?token=garbage"):
        socket = WebsocketCommunicator(application, alias + query)
        connected, _ = await socket.connect()
        assert connected
        assert (await socket.receive_output())["code"] == CLOSE_UNAUTHORIZED
