"""Assertions on TownSpark's envelope and error format."""

import re

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
PAGE_KEYS = {"results", "count", "next", "previous", "page", "page_size", "total_pages"}


def ok_data(response, status: int = 200):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is True and isinstance(body["message"], str)
    assert TIMESTAMP.match(body["meta"]["timestamp"])
    return body["data"]


def deleted(response) -> tuple[str, dict]:
    """(message, data) of a DELETE's answer: 200 with the whole envelope, as the schema documents."""
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"success", "message", "data", "meta"} and body["success"] is True, body
    assert TIMESTAMP.match(body["meta"]["timestamp"])
    return body["message"], body["data"]


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False and body["error_code"] == code, body
    assert TIMESTAMP.match(body["meta"]["timestamp"])
    return body


def page(response, status: int = 200) -> dict:
    data = ok_data(response, status)
    assert set(data) >= PAGE_KEYS
    return data
