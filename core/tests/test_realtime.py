"""WebSockets end to end: product routing, realm token auth, the base consumer and publishing on commit."""

import logging
import os
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import HttpCommunicator, WebsocketCommunicator
from django.db import transaction
from django.test import override_settings
from django.urls import path

from config.asgi import application
from core.accounts.tokens import RealmRefreshToken, token_pair_for_user
from core.realtime.consumers import (
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHORIZED,
    RealmJsonConsumer,
    realm_group,
    user_group,
)
from core.realtime.publish import publish_to_group, publish_to_user
from core.realtime.routing import ProductWebsocketRouter

pytestmark = pytest.mark.django_db(transaction=True)


class WhoAmIConsumer(RealmJsonConsumer):
    """Answers any frame with what the router and middleware put on the scope."""

    async def receive_json(self, content, **kwargs):
        kwargs = self.scope["url_route"]["kwargs"]
        await self.send_json({"realm": self.realm, "user": str(self.user.pk), "kwargs": kwargs})


class RoomConsumer(RealmJsonConsumer):
    """Also joins the group of the room named in its path."""

    async def extra_groups(self) -> list[str]:
        return [realm_group(self.realm, "room", self.scope["url_route"]["kwargs"]["room_id"])]


# The real router and middleware, with consumers that no product declares yet.
ws_application = ProductWebsocketRouter(
    {
        "townspark": [
            path("ws/whoami/", WhoAmIConsumer.as_asgi()),
            path("ws/rooms/<int:room_id>/", RoomConsumer.as_asgi()),
        ],
        "gatherhub": [],
    }
)


def access_token(user) -> str:
    return token_pair_for_user(user).access


def expired_access_token(user) -> str:
    token = RealmRefreshToken.for_user(user).access_token
    token.set_exp(from_time=token.current_time - timedelta(hours=2), lifetime=timedelta(hours=1))
    return str(token)


def publish_in_transaction(publish, *args, rollback: bool = False) -> None:
    """Publish inside a transaction, as a service does; rolled back on request."""

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            publish(*args)
            if rollback:
                raise Rollback
    except Rollback:
        pass


async def open_socket(path: str, *, headers=None, app=ws_application) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(app, path, headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def assert_closed_with(communicator: WebsocketCommunicator, code: int) -> None:
    """The socket was accepted, then closed with `code` (what a browser can observe)."""
    connected, _ = await communicator.connect()
    assert connected
    message = await communicator.receive_output()
    assert message["type"] == "websocket.close"
    assert message["code"] == code
    await communicator.wait()


@pytest.fixture
def citizen(make_account):
    return make_account("townspark")


# --- Authentication -----------------------------------------------------------


async def test_token_of_the_realm_connects_with_user_and_product_on_scope(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    communicator = await open_socket(f"/townspark/ws/whoami/?token={token}")

    await communicator.send_json_to({"hello": "there"})

    assert await communicator.receive_json_from() == {"realm": "townspark", "user": str(citizen.pk), "kwargs": {}}
    await communicator.disconnect()


async def test_missing_token_is_closed_with_4401():
    await assert_closed_with(WebsocketCommunicator(ws_application, "/townspark/ws/whoami/"), CLOSE_UNAUTHORIZED)


async def test_garbage_token_is_closed_with_4401():
    communicator = WebsocketCommunicator(ws_application, "/townspark/ws/whoami/?token=not.a.jwt")
    await assert_closed_with(communicator, CLOSE_UNAUTHORIZED)


async def test_token_of_another_realm_is_closed_with_4401(make_account):
    organiser = await database_sync_to_async(make_account)("gatherhub", email="same@example.com")
    token = await database_sync_to_async(access_token)(organiser)

    communicator = WebsocketCommunicator(ws_application, f"/townspark/ws/whoami/?token={token}")

    await assert_closed_with(communicator, CLOSE_UNAUTHORIZED)


async def test_expired_token_is_closed_with_4401_and_says_so(citizen):
    token = await database_sync_to_async(expired_access_token)(citizen)
    communicator = WebsocketCommunicator(ws_application, f"/townspark/ws/whoami/?token={token}")

    connected, _ = await communicator.connect()
    message = await communicator.receive_output()

    assert connected
    assert message == {"type": "websocket.close", "code": CLOSE_UNAUTHORIZED, "reason": "Token has expired."}


async def test_token_of_an_inactive_account_is_closed_with_4401(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    citizen.is_active = False
    await citizen.asave(update_fields=["is_active"])

    communicator = WebsocketCommunicator(ws_application, f"/townspark/ws/whoami/?token={token}")

    await assert_closed_with(communicator, CLOSE_UNAUTHORIZED)


# --- Routing ------------------------------------------------------------------


async def test_unknown_path_is_closed_with_4404_before_the_token_is_checked():
    for unknown in ("/townspark/ws/nothing-here/", "/gatherhub/ws/whoami/", "/nowhere/ws/", "/ws/whoami/"):
        await assert_closed_with(WebsocketCommunicator(ws_application, unknown), CLOSE_NOT_FOUND)


async def test_path_parameters_reach_the_consumer(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    communicator = await open_socket(f"/townspark/ws/rooms/7/?token={token}")

    await database_sync_to_async(publish_in_transaction)(
        publish_to_group, realm_group("townspark", "room", 7), {"type": "room.opened"}
    )

    assert await communicator.receive_json_from() == {"type": "room.opened"}
    await communicator.disconnect()


async def test_product_host_serves_the_documented_unprefixed_path(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    host = [(b"host", b"api.townspark.example:443")]
    with override_settings(PRODUCT_HOSTS={"api.townspark.example": "townspark"}):
        communicator = await open_socket(f"/ws/whoami/?token={token}", headers=host)
        await communicator.send_json_to({})
        assert (await communicator.receive_json_from())["realm"] == "townspark"
        await communicator.disconnect()

        # As over HTTP, a product's host serves only its unprefixed paths.
        prefixed = WebsocketCommunicator(ws_application, f"/townspark/ws/whoami/?token={token}", headers=host)
        await assert_closed_with(prefixed, CLOSE_NOT_FOUND)


async def test_deployed_application_routes_websockets_and_http():
    # Products declare no sockets yet; what matters is that the mounted router answers cleanly.
    await assert_closed_with(WebsocketCommunicator(application, "/townspark/ws/no-such-socket/"), CLOSE_NOT_FOUND)

    http = HttpCommunicator(application, "GET", "/health/live/", headers=[(b"host", b"localhost")])
    response = await http.get_response()

    assert response["status"] == 200


# --- Publishing ---------------------------------------------------------------


async def test_publish_to_user_arrives_after_commit(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    communicator = await open_socket(f"/townspark/ws/whoami/?token={token}")
    payload = {"type": "notification", "data": {"id": citizen.public_id, "title": "Status Update"}}

    await database_sync_to_async(publish_in_transaction)(publish_to_user, citizen, payload)

    # The UUID went through the publisher's JSON conversion.
    assert await communicator.receive_json_from() == {
        "type": "notification",
        "data": {"id": str(citizen.public_id), "title": "Status Update"},
    }
    await communicator.disconnect()


async def test_nothing_is_published_when_the_transaction_rolls_back(citizen):
    token = await database_sync_to_async(access_token)(citizen)
    communicator = await open_socket(f"/townspark/ws/whoami/?token={token}")

    await database_sync_to_async(publish_in_transaction)(publish_to_user, citizen, {"type": "x"}, rollback=True)

    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_publish_reaches_only_the_user_in_their_own_realm(make_account):
    citizen = await database_sync_to_async(make_account)("townspark", email="twin@example.com")
    twin = await database_sync_to_async(make_account)("gatherhub", email="twin@example.com")
    token = await database_sync_to_async(access_token)(citizen)
    communicator = await open_socket(f"/townspark/ws/whoami/?token={token}")

    await database_sync_to_async(publish_in_transaction)(publish_to_user, twin, {"type": "for-the-twin"})

    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


def test_publish_survives_an_unreachable_channel_layer(caplog):
    dead_redis = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
    with override_settings(CHANNEL_LAYERS=dead_redis), caplog.at_level(logging.ERROR, logger="core.realtime.publish"):
        publish_in_transaction(publish_to_group, "townspark.anyone", {"type": "lost"})

    assert "Could not publish a realtime event to townspark.anyone" in caplog.text


# --- Group names --------------------------------------------------------------


def test_group_names_are_scoped_by_realm_and_valid_for_channel_layers():
    assert user_group("townspark", 42) == "townspark.user.42"
    assert realm_group("parking", "conversation", "a-1_b") == "parking.conversation.a-1_b"
    with pytest.raises(ValueError, match="Invalid channel-layer group name"):
        realm_group("parking", "conversation", "has space")
    with pytest.raises(ValueError, match="Invalid channel-layer group name"):
        realm_group("parking", "x" * 100)


# --- Redis --------------------------------------------------------------------


@pytest.mark.redis
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis: set REDIS_URL")
async def test_events_travel_through_redis(citizen):
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)
    token = await database_sync_to_async(access_token)(citizen)
    first = await open_socket(f"/townspark/ws/whoami/?token={token}")
    second = await open_socket(f"/townspark/ws/whoami/?token={token}")

    await database_sync_to_async(publish_in_transaction)(publish_to_user, citizen, {"type": "via-redis"})

    assert await first.receive_json_from() == {"type": "via-redis"}
    assert await second.receive_json_from() == {"type": "via-redis"}
    await first.disconnect()
    await second.disconnect()
