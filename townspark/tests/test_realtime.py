"""The notifications websocket: token auth, and live notification, issue_update and new_comment frames."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from core.accounts.tokens import token_pair_for_user
from townspark.models import AccountStatus
from townspark.services.accounts import user_status_set
from townspark.services.engagement import issue_bookmark_toggle
from townspark.services.issues import issue_status_update
from townspark.tests.conftest import API, make_issue, make_resolver

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

WS = "/townspark/ws/notifications/"


async def connect(user) -> WebsocketCommunicator:
    token = await database_sync_to_async(lambda: token_pair_for_user(user).access)()
    communicator = WebsocketCommunicator(application, f"{WS}?token={token}")
    connected, _ = await communicator.connect()
    assert connected
    return communicator


@pytest.fixture
def people(make_account):
    citizen = make_account("townspark", email="citizen@example.com", name="Jane Citizen", username="jane")
    follower = make_account("townspark", email="follower@example.com", name="Fay Follower")
    resolver = make_resolver(make_account)
    return citizen, follower, resolver


async def test_refused_without_a_valid_token():
    communicator = WebsocketCommunicator(application, WS)
    connected, _ = await communicator.connect()
    assert connected  # accepted, then closed with the application code
    assert (await communicator.receive_output())["code"] == 4401


async def test_suspended_account_is_closed_with_4403(people):
    citizen, _, _ = people
    await database_sync_to_async(user_status_set)(user=citizen, status=AccountStatus.SUSPENDED)
    token = await database_sync_to_async(lambda: token_pair_for_user(citizen).access)()
    communicator = WebsocketCommunicator(application, f"{WS}?token={token}")
    await communicator.connect()
    assert (await communicator.receive_output())["code"] == 4403


async def test_ping(people):
    communicator = await connect(people[0])
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_status_update_pushes_notification_and_issue_update(people):
    citizen, follower, resolver = people
    issue = await database_sync_to_async(make_issue)(citizen)
    await database_sync_to_async(issue_bookmark_toggle)(issue_id=issue.pk, user=follower)
    reporter_socket, follower_socket = await connect(citizen), await connect(follower)
    await database_sync_to_async(issue_status_update)(issue=issue, status="acknowledged", actor=resolver)

    frames = [await reporter_socket.receive_json_from(timeout=2), await reporter_socket.receive_json_from(timeout=2)]
    by_type = {frame["type"]: frame["data"] for frame in frames}
    assert set(by_type["notification"]) == {"id", "type", "title", "message", "issue_id", "created_at"}
    assert by_type["notification"]["type"] == "status_update" and by_type["notification"]["issue_id"] == issue.id
    assert by_type["issue_update"]["issue_id"] == issue.id and by_type["issue_update"]["status"] == "acknowledged"
    assert set(by_type["issue_update"]) == {"issue_id", "status", "updated_at"}

    follower_frame = await follower_socket.receive_json_from(timeout=2)
    assert follower_frame["type"] == "issue_update"
    assert await follower_socket.receive_nothing()
    await reporter_socket.disconnect()
    await follower_socket.disconnect()


async def test_new_comment_event_over_http(people, client_for):
    citizen, follower, _ = people
    issue = await database_sync_to_async(make_issue)(citizen)
    reporter_socket = await connect(citizen)
    client = await database_sync_to_async(client_for)(follower)
    response = await database_sync_to_async(client.post)(
        API + f"issues/{issue.id}/comments/", {"content": "Me too"}, format="json"
    )
    assert response.status_code == 201
    frames = [await reporter_socket.receive_json_from(timeout=2), await reporter_socket.receive_json_from(timeout=2)]
    by_type = {frame["type"]: frame["data"] for frame in frames}
    assert by_type["notification"]["type"] == "comment"
    assert by_type["new_comment"]["issue_id"] == issue.id
    assert by_type["new_comment"]["comment"]["content"] == "Me too"
    assert by_type["new_comment"]["comment"]["author"]["name"] == "Fay Follower"
    await reporter_socket.disconnect()


async def test_push_can_be_switched_off(people):
    citizen, _, resolver = people
    from townspark.services.accounts import user_settings_update

    await database_sync_to_async(user_settings_update)(user=citizen, changes={"notifications": {"push": False}})
    issue = await database_sync_to_async(make_issue)(citizen)
    socket = await connect(citizen)
    await database_sync_to_async(issue_status_update)(issue=issue, status="acknowledged", actor=resolver)
    assert (await socket.receive_json_from(timeout=2))["type"] == "issue_update"
    assert await socket.receive_nothing()
    await socket.disconnect()
