"""Repeated slashes in a path are merged before routing (as nginx's merge_slashes), over ASGI, WSGI and WebSockets."""

import json
from wsgiref.util import setup_testing_defaults

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.urls import path

from config.asgi import application
from config.wsgi import application as wsgi_application
from core.realtime.routing import ProductWebsocketRouter
from core.slashes import merge_slashes, scope_with_merged_slashes
from core.tests.test_asgi import respond
from core.tests.test_realtime import WhoAmIConsumer, access_token


@pytest.mark.parametrize(
    ("raw", "merged"),
    [
        ("/api/v1//auth/refresh/", "/api/v1/auth/refresh/"),
        ("///a////b/", "/a/b/"),
        ("/already/clean/", "/already/clean/"),
        ("/", "/"),
        ("", ""),
    ],
)
def test_runs_of_slashes_become_one(raw, merged):
    assert merge_slashes(raw) == merged


def test_a_clean_scope_is_passed_through_untouched():
    scope = {"type": "http", "path": "/health/live/"}
    assert scope_with_merged_slashes(scope) is scope
    assert scope_with_merged_slashes({"type": "http", "path": "//health//live/"})["path"] == "/health/live/"


@pytest.mark.django_db(transaction=True)
async def test_asgi_http_routes_the_merged_path():
    response = await respond(application, "/health//live/")
    assert response["status"] == 200
    assert json.loads(response["body"])["status"] == "alive"


@pytest.mark.django_db
def test_wsgi_routes_the_merged_path():
    environ = {"PATH_INFO": "//health///live/", "HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = status

    body = b"".join(wsgi_application(environ, start_response))

    assert started["status"].startswith("200")
    assert json.loads(body)["status"] == "alive"


@pytest.mark.django_db(transaction=True)
async def test_websocket_routes_the_merged_path(make_account):
    citizen = await database_sync_to_async(make_account)("townspark")
    token = await database_sync_to_async(access_token)(citizen)
    router = ProductWebsocketRouter({"townspark": [path("ws/whoami/", WhoAmIConsumer.as_asgi())]})

    communicator = WebsocketCommunicator(router, f"/townspark//ws//whoami/?token={token}")
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({})
    assert (await communicator.receive_json_from())["realm"] == "townspark"
    await communicator.disconnect()
