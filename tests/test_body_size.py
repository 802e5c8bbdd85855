"""Bodies over the size caps get 413 in the product's error format, refused unread when declared."""

import asyncio
import json

import pytest

from config.asgi import application
from core.tests.test_envelopes import assert_error_shape
from tests.endpoints import ECHO, LOGINS


async def asgi_post(path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, dict, int]:
    """(status, JSON body, body messages the application read) of a POST sent through the ASGI application."""
    last = len(chunks) - 1
    messages = [{"type": "http.request", "body": chunk, "more_body": i < last} for i, chunk in enumerate(chunks)]
    read = 0

    async def receive():
        nonlocal read
        if messages:
            read += 1
            return messages.pop(0)
        await asyncio.Event().wait()  # no disconnect: the client waits for the answer

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    await asyncio.wait_for(application(scope, receive, send), timeout=10)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), read


@pytest.mark.parametrize("product", LOGINS)
async def test_content_length_over_the_limit_is_a_413_without_reading_the_body(product, settings):
    settings.MAX_REQUEST_BODY_SIZE = 10_000
    headers = [(b"content-type", b"application/json"), (b"content-length", b"10001")]
    status, body, read = await asgi_post(LOGINS[product], headers, [b"{" * 10001])
    assert status == 413
    assert_error_shape(product, body, 413)
    assert read == 0


async def test_json_over_data_upload_max_memory_size_is_a_413(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    headers = [(b"content-type", b"application/json"), (b"content-length", b"1001")]
    status, body, read = await asgi_post(LOGINS["gatherhub"], headers, [b" " * 1001])
    assert (status, read) == (413, 0)
    assert_error_shape("gatherhub", body, 413, "payload_too_large")


async def test_chunked_body_outgrowing_the_limit_is_a_413(settings):
    settings.MAX_REQUEST_BODY_SIZE = 10_000
    chunks = [b"x" * 4_000] * 5  # no Content-Length: the cap is hit while reading
    status, body, read = await asgi_post(LOGINS["townspark"], [(b"content-type", b"application/json")], chunks)
    assert status == 413
    assert_error_shape("townspark", body, 413, "PAYLOAD_TOO_LARGE")
    assert read == 3  # stopped at the chunk that crossed the limit


def multipart(file_size: int) -> tuple[list[tuple[bytes, bytes]], bytes]:
    body = (
        b"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n"
        b"--b\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n1\r\n"
        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n"
        b"Content-Type: application/octet-stream\r\n\r\n" + b"0" * file_size + b"\r\n--b--\r\n"
    )
    headers = [(b"content-type", b"multipart/form-data; boundary=b"), (b"content-length", str(len(body)).encode())]
    return headers, body


# A whole request cycle: Django's request_started/finished signals check the executor thread's database
# connection, which an earlier test's request may have left open there (SQLite's in-memory test database
# is never closed), so the test is allowed the database like any test that serves a request.
@pytest.mark.django_db
async def test_upload_past_data_upload_max_memory_size_but_within_the_cap_is_served(settings):
    """File parts do not count against DATA_UPLOAD_MAX_MEMORY_SIZE; MAX_REQUEST_BODY_SIZE bounds them."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    settings.MAX_REQUEST_BODY_SIZE = 20_000
    headers, body = multipart(10_000)
    status, _, _ = await asgi_post(ECHO["parking"], headers, [body])
    assert status == 201


async def test_upload_over_the_cap_is_a_413(settings):
    settings.MAX_REQUEST_BODY_SIZE = 20_000
    headers, body = multipart(30_000)
    status, payload, read = await asgi_post(ECHO["parking"], headers, [body])
    assert (status, read) == (413, 0)
    assert_error_shape("parking", payload, 413)


@pytest.mark.parametrize("product", LOGINS)
def test_request_data_too_big_raised_while_parsing_is_a_413(client, settings, product):
    """What the test client (and any WSGI server) meets: Django's own check, raised inside the view."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.post(LOGINS[product], data=json.dumps({"email": "a" * 2_000}), content_type="application/json")
    assert response.status_code == 413, response.content
    assert_error_shape(product, response.json(), 413)


def test_request_data_too_big_outside_drf_is_a_413(client, settings):
    """Django's own 400 page for RequestDataTooBig (a form read outside DRF) becomes the platform's 413."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.post("/admin/login/", data={"username": "a" * 2_000, "password": "x"})
    assert response.status_code == 413, response.content
    assert_error_shape("gatherhub", response.json(), 413, "payload_too_large")  # the platform shape outside products
