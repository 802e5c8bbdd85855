"""A tiny JSON HTTP client (urllib) for probes, logins and id look-ups against the bench server."""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

QUERY_COUNT = "X-Query-Count"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def snippet(self, limit: int = 200) -> str:
        return self.body[:limit].decode("utf-8", "replace").replace("\n", " ")


def headers_for(token: str | None, body: Any) -> dict[str, str]:
    """The request headers of a bench call: JSON in and out, the Bearer token when there is one."""
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def encode(body: Any) -> bytes | None:
    return None if body is None else json.dumps(body, separators=(",", ":")).encode()


def send(base_url: str, method: str, path: str, *, body: Any = None, token: str | None = None, timeout=15.0):
    """One request; 4xx and 5xx come back as a Response too, only transport errors raise (OSError).

    It asks for the X-Query-Count header (the server counts only requests that ask): these are
    the probes and look-ups, never the measured load.
    """
    headers = {**headers_for(token, body), QUERY_COUNT: "1"}
    request = urllib.request.Request(  # noqa: S310 - base_url is the bench's own http://127.0.0.1 server
        base_url + path, data=encode(body), headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())
