"""The chat websocket end to end: who may connect, messages over HTTP and over the socket, typing indicators."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from core.accounts.tokens import token_pair_for_user
from parking.models import Message
from parking.services.messaging import conversation_start
from parking.tests.api.test_messaging import make_listing
from parking.tests.conftest import API

pytestmark = pytest.mark.django_db(transaction=True)


def ws_path(conversation_id: int) -> str:
    return f"/parking/ws/chat/{conversation_id}/"


@pytest.fixture
def chat(seeker, host):
    return conversation_start(seeker=seeker, listing=make_listing(host))[0]


async def token_for(user) -> str:
    return await database_sync_to_async(lambda: token_pair_for_user(user).access)()


async def open_socket(user, conversation) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"{ws_path(conversation.pk)}?token={await token_for(user)}")
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_nothing()  # accepted and left open
    return communicator


async def assert_close_code(path: str, code: int) -> None:
    communicator = WebsocketCommunicator(application, path)
    connected, _ = await communicator.connect()
    assert connected
    output = await communicator.receive_output(timeout=2)
    assert output["type"] == "websocket.close" and output["code"] == code


async def test_a_participant_connects(seeker, host, chat):
    for user in (seeker, host):
        socket = await open_socket(user, chat)
        await socket.disconnect()


async def test_a_non_participant_is_closed_with_4403(chat, parking_account):
    outsider = await database_sync_to_async(parking_account)("SEEKER", "olga")
    await assert_close_code(f"{ws_path(chat.pk)}?token={await token_for(outsider)}", 4403)


async def test_a_missing_conversation_is_closed_with_4403(seeker):
    await assert_close_code(f"{ws_path(999999)}?token={await token_for(seeker)}", 4403)


async def test_no_bad_or_foreign_token_is_closed_with_4401(chat, make_account):
    foreign = await database_sync_to_async(make_account)("gatherhub", email="gh@example.com", username="gh")
    for query in ("", "?token=not-a-token", f"?token={await token_for(foreign)}"):
        await assert_close_code(f"{ws_path(chat.pk)}{query}", 4401)


async def test_a_message_sent_over_http_reaches_both_sockets(client_for, seeker, host, chat):
    seeker_socket, host_socket = await open_socket(seeker, chat), await open_socket(host, chat)
    client = await database_sync_to_async(client_for)(seeker)

    response = await database_sync_to_async(client.post)(
        f"{API}messages/send/", {"conversation": chat.pk, "content": "Is it free on Saturday?"}, format="json"
    )

    assert response.status_code == 201, response.content
    for socket in (host_socket, seeker_socket):
        frame = await socket.receive_json_from(timeout=2)
        assert frame == {"type": "chat_message", "message": response.json()["data"], "sender": seeker.pk}
    for socket in (seeker_socket, host_socket):
        await socket.disconnect()


async def test_a_message_sent_over_the_socket_is_stored_and_reaches_the_other(seeker, host, chat, parking_account):
    other_listing_chat = await database_sync_to_async(
        lambda: conversation_start(seeker=seeker, listing=make_listing(host, title="Other"))[0]
    )()
    seeker_socket, host_socket = await open_socket(seeker, chat), await open_socket(host, chat)
    elsewhere = await open_socket(host, other_listing_chat)

    await seeker_socket.send_json_to({"type": "chat_message", "message": "  On my way  "})

    frame = await host_socket.receive_json_from(timeout=2)
    message = await database_sync_to_async(Message.objects.get)()
    assert (message.conversation_id, message.sender_id, message.content) == (chat.pk, seeker.pk, "On my way")
    assert frame["type"] == "chat_message" and frame["sender"] == seeker.pk
    assert frame["message"]["id"] == message.pk and frame["message"]["content"] == "On my way"
    assert frame["message"]["sender"] == {"id": seeker.pk, "name": seeker.name}
    assert (await seeker_socket.receive_json_from(timeout=2)) == frame  # the group, the sender included
    assert await elsewhere.receive_nothing()  # another conversation hears nothing
    for socket in (seeker_socket, host_socket, elsewhere):
        await socket.disconnect()


async def test_an_invalid_socket_message_is_refused_with_an_error_frame(seeker, host, chat):
    seeker_socket, host_socket = await open_socket(seeker, chat), await open_socket(host, chat)
    for frame in (
        {"type": "chat_message", "message": "   "},
        {"type": "chat_message", "message": "x" * 5001},
        {"type": "chat_message"},
    ):
        await seeker_socket.send_json_to(frame)
        reply = await seeker_socket.receive_json_from(timeout=2)
        assert reply["type"] == "error" and "content" in reply["errors"]
    await seeker_socket.send_to(text_data="{not json")
    assert (await seeker_socket.receive_json_from(timeout=2))["type"] == "error"  # the socket stays open
    assert await host_socket.receive_nothing()
    assert not await database_sync_to_async(Message.objects.exists)()
    for socket in (seeker_socket, host_socket):
        await socket.disconnect()


async def test_typing_reaches_only_the_other_participant_and_is_not_stored(seeker, host, chat):
    seeker_socket, host_socket = await open_socket(seeker, chat), await open_socket(host, chat)

    await seeker_socket.send_json_to({"type": "typing_indicator", "is_typing": True})

    assert (await host_socket.receive_json_from(timeout=2)) == {
        "type": "typing_indicator",
        "sender": seeker.pk,
        "is_typing": True,
    }
    assert await seeker_socket.receive_nothing()
    await host_socket.send_json_to({"type": "typing_indicator", "is_typing": "yes"})
    assert (await host_socket.receive_json_from(timeout=2))["type"] == "error"
    assert await seeker_socket.receive_nothing()
    assert not await database_sync_to_async(Message.objects.exists)()
    for socket in (seeker_socket, host_socket):
        await socket.disconnect()
