"""The HTTP ASGI handler: the middleware chain in sync mode, each request on one of a fixed set of threads."""

import asyncio
import inspect
import json
import threading

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import HttpCommunicator
from django.core.signals import request_finished, request_started
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.asgi import application
from core import asgi as core_asgi
from core.asgi import SyncChainASGIHandler

events: list[tuple[str, str]] = []
both_running = threading.Barrier(2, timeout=5)


def record(name: str) -> None:
    events.append((name, threading.current_thread().name))


def thread_view(request):
    record(f"view {request.GET.get('id', '')}")
    return JsonResponse({"thread": threading.current_thread().name})


def slow_view(request):
    record(f"start {request.GET['id']}")
    threading.Event().wait(0.2)
    record(f"end {request.GET['id']}")
    return JsonResponse({})


def bridge_view(request):
    """Sync code awaiting async code that calls sync code again (what channel-layer publishing does)."""

    async def back_to_sync():
        return await sync_to_async(threading.current_thread)(), id(asyncio.get_running_loop())

    inner, loop = async_to_sync(back_to_sync)()
    return JsonResponse({"thread": threading.current_thread().name, "inner": inner.name, "loop": loop})


def barrier_view(request):
    both_running.wait()  # returns only when two requests run at once
    return JsonResponse({"thread": threading.current_thread().name})


def streaming_view(request):
    async def chunks():
        for n in range(2):
            record(f"chunk {n}")
            yield f"{n}".encode()

    return StreamingHttpResponse(chunks())


@csrf_exempt
def echo_view(request):
    kind = type(request._stream).__name__  # before reading: reading the body replaces the stream
    return JsonResponse({"kind": kind, "body": request.body.decode()})


matches: list = []


def item_view(request, pk):
    matches.append(request.resolver_match)
    return JsonResponse({"pk": pk, "kwargs": request.resolver_match.kwargs})


urlpatterns = [
    path("item/<int:pk>/", item_view),
    path("echo/", echo_view),
    path("thread/", thread_view),
    path("stream/", streaming_view),
    path("slow/", slow_view),
    path("bridge/", bridge_view),
    path("barrier/", barrier_view),
]


@pytest.fixture
def local_urls(settings):
    settings.ROOT_URLCONF = __name__
    events.clear()
    both_running.reset()


def signal_recorder(name):
    def receiver(**kwargs):
        record(name)

    return receiver


def communicator(app, url: str) -> HttpCommunicator:
    return HttpCommunicator(app, "GET", url, headers=[(b"host", b"testserver")])


async def respond(app, url: str) -> dict:
    """The response, once the application has finished with the request (closed it)."""
    request = communicator(app, url)
    response = await request.get_response(timeout=5)
    await request.wait(timeout=5)
    return response


async def get(app, url: str) -> dict:
    response = await respond(app, url)
    assert response["status"] == 200, response
    return json.loads(response["body"])


# A whole request cycle: Django's request_started/finished signals check the executor thread's database
# connection, which an earlier test's request may have left open there (SQLite's in-memory test database
# is never closed), so the test is allowed the database like any test that serves a request.
@pytest.mark.django_db
async def test_the_application_serves_http_through_the_middleware():
    response = await respond(application, "/health/live/")
    assert response["status"] == 200
    assert json.loads(response["body"])["status"] == "alive"
    headers = {name.lower(): value for name, value in response["headers"]}
    assert headers[b"x-frame-options"] == b"DENY"  # the whole chain ran, down to the last middleware


def test_the_middleware_chain_is_loaded_in_sync_mode():
    handler = SyncChainASGIHandler(threads=1)
    assert not inspect.iscoroutinefunction(handler._middleware_chain)


def test_at_least_one_thread():
    with pytest.raises(ValueError):
        SyncChainASGIHandler(threads=0)


async def test_a_request_runs_on_one_pool_thread_from_signals_to_close(local_urls):
    handler = SyncChainASGIHandler(threads=2)
    started, finished = signal_recorder("started"), signal_recorder("finished")
    request_started.connect(started)
    request_finished.connect(finished)
    try:
        body = await get(handler, "/thread/")
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert body["thread"].startswith("http-")
    assert [name for name, _ in events] == ["started", "view ", "finished"]
    assert {thread for _, thread in events} == {body["thread"]}


async def test_one_thread_serves_requests_in_arrival_order(local_urls):
    handler = SyncChainASGIHandler(threads=1)
    await asyncio.gather(get(handler, "/slow/?id=a"), get(handler, "/slow/?id=b"))
    assert [name for name, _ in events] == ["start a", "end a", "start b", "end b"]
    assert len({thread for _, thread in events}) == 1


async def test_concurrent_requests_go_to_the_least_busy_threads(local_urls):
    handler = SyncChainASGIHandler(threads=2)
    first, second = await asyncio.gather(get(handler, "/barrier/"), get(handler, "/barrier/"))
    assert first["thread"] != second["thread"]
    assert handler.in_flight == [0, 0]


async def test_sync_async_sync_bridges_stay_on_the_request_thread(local_urls):
    handler = SyncChainASGIHandler(threads=1)
    first, second = await asyncio.gather(get(handler, "/bridge/"), get(handler, "/bridge/"))
    assert first["inner"] == first["thread"] == second["thread"]  # no deadlock with a queue behind it
    # The coroutine ran on the server's own loop (where a channel layer's connections live), not a new one.
    assert first["loop"] == second["loop"] == id(asyncio.get_running_loop())


async def test_a_streaming_response_is_closed_after_its_last_chunk(local_urls):
    handler = SyncChainASGIHandler(threads=1)
    finished = signal_recorder("finished")
    request_finished.connect(finished)
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)
        if message["type"] == "http.response.body":
            record(f"sent {message.get('body', b'')!r}")

    scope = {"type": "http", "method": "GET", "path": "/stream/", "query_string": b""}
    scope["headers"] = [(b"host", b"testserver")]
    try:
        await handler(scope, receive, send)
    finally:
        request_finished.disconnect(finished)
    assert sent[0]["status"] == 200
    names = [name for name, _ in events]
    assert names[-1] == "finished" and names.count("finished") == 1
    assert {"chunk 0", "chunk 1", "sent b'0'", "sent b'1'"} <= set(names[:-1])  # every chunk went out before


async def _post(handler, chunks: list[bytes]) -> dict:
    """POST /echo/ with its body sent in `chunks`, one ASGI message each."""
    messages = [
        {"type": "http.request", "body": chunk, "more_body": n < len(chunks) - 1} for n, chunk in enumerate(chunks)
    ]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/echo/",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"text/plain")],
    }
    await handler(scope, receive, send)
    assert sent[0]["status"] == 200, sent
    return json.loads(b"".join(message.get("body", b"") for message in sent[1:]))


@pytest.mark.django_db
async def test_a_body_is_read_whole_in_one_message_or_several(local_urls):
    """One message (every GET, most API writes) is kept in memory as it came; several go through Django's reader."""
    handler = SyncChainASGIHandler(threads=1)
    assert await _post(handler, [b'{"a": 1}']) == {"body": '{"a": 1}', "kind": "BytesIO"}
    assert await _post(handler, [b'{"a": ', b"1", b"}"]) == {"body": '{"a": 1}', "kind": "SpooledTemporaryFile"}
    assert await _post(handler, [b""]) == {"body": "", "kind": "BytesIO"}


@pytest.mark.django_db
async def test_a_paths_match_is_kept_and_each_request_gets_its_own_copy(local_urls):
    matches.clear()
    core_asgi._resolved.cache_clear()
    app = SyncChainASGIHandler(threads=2)
    first, second = await get(app, "/item/7/"), await get(app, "/item/7/")
    assert first == second == {"pk": 7, "kwargs": {"pk": 7}}
    assert core_asgi._resolved.cache_info().hits == 1  # the second request did not try the patterns again
    one, other = matches
    assert one is not other and one.kwargs is not other.kwargs
    assert (one.func, one.route, one.kwargs) == (other.func, other.route, other.kwargs)
    assert await get(app, "/item/8/") == {"pk": 8, "kwargs": {"pk": 8}}  # another path, its own match


@pytest.mark.django_db
async def test_no_kept_match_outlives_its_url_configuration_and_a_404_is_never_kept(local_urls, settings):
    core_asgi._resolved.cache_clear()
    app = SyncChainASGIHandler(threads=1)
    assert (await get(app, "/thread/"))["thread"]
    settings.ROOT_URLCONF = "tests.urls"  # the suite's own: no /thread/ there
    assert (await respond(app, "/thread/"))["status"] == 404
    assert (await respond(app, "/thread/"))["status"] == 404
    assert core_asgi._resolved.cache_info().currsize == 1  # only the first configuration's match
