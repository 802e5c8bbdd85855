"""Stripe's wire format for the local server: bracketed form bodies, ids, lists and error bodies."""

import json
import re
import secrets
import string
import time
from urllib.parse import parse_qsl

from aiohttp import web

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_ID_ALPHABET = string.ascii_letters + string.digits


class StripeError(Exception):
    """An error answered in Stripe's body, so the SDK raises its own class for the status (400, 402, 404 ...)."""

    def __init__(self, status: int, message: str, *, param=None, code=None, type="invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.param, self.code, self.type = status, message, param, code, type

    def response(self) -> web.Response:
        body = {"type": self.type, "message": self.message, "param": self.param, "code": self.code}
        return json_response({"error": body}, status=self.status)


def missing(kind: str, object_id: str, *, param: str | None = None) -> StripeError:
    return StripeError(404, f"No such {kind}: '{object_id}'", param=param, code="resource_missing")


def required(param: str) -> StripeError:
    return StripeError(400, f"Missing required param: {param}.", param=param, code="parameter_missing")


def invalid(param: str, message: str) -> StripeError:
    return StripeError(400, message, param=param, code="parameter_invalid_empty")


def json_response(data, *, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(data), status=status, content_type="application/json")


def new_id(prefix: str, length: int = 24) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def now() -> int:
    return int(time.time())


def stripe_object(object_name: str, object_id: str | None, **fields) -> dict:
    """The fields every Stripe object has, then its own."""
    head = {"id": object_id} if object_id else {}
    return {**head, "object": object_name, "created": now(), "livemode": False, **fields}


def list_object(url: str, items: list[dict], query) -> dict:
    """Stripe's list envelope, newest first, honouring limit and starting_after."""
    items = sorted(items, key=lambda item: item.get("created", 0), reverse=True)
    after = query.get("starting_after")
    if after:
        ids = [item.get("id") for item in items]
        items = items[ids.index(after) + 1 :] if after in ids else []
    try:
        limit = int(query.get("limit", 10))
    except ValueError:
        raise invalid("limit", "Invalid integer: limit") from None
    return {"object": "list", "data": items[:limit], "has_more": len(items) > limit, "url": url}


def parse_form(body: str) -> dict:
    """`metadata[k]=v&line_items[0][price_data][currency]=eur` into nested dicts and lists, as Stripe reads it."""
    tree: dict = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        match = _KEY.match(key)
        if not match:
            raise StripeError(400, f"Invalid parameter name: {key}", param=key)
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = tree
        for part, child in zip(path, path[1:], strict=False):
            node = node.setdefault(part, [] if child == "" else {})
        if path[-1] == "" and isinstance(node, list):
            node.append(value)
        else:
            node[path[-1]] = value
    return _lists(tree)


def _lists(node):
    """Dicts keyed 0, 1, 2 ... are arrays on the wire (`items[0][price]`)."""
    if isinstance(node, list):
        return [_lists(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _lists(value) for key, value in node.items()}
    if node and all(key.isdigit() for key in node):
        return [node[key] for key in sorted(node, key=int)]
    return node


async def form(request: web.Request) -> dict:
    return parse_form(await request.text())


def integer(data: dict, param: str, *, required_: bool = True, minimum: int = 0) -> int | None:
    value = data.get(param)
    if value is None:
        if required_:
            raise required(param)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise StripeError(400, f"Invalid integer: {value}", param=param, code="parameter_invalid_integer") from None
    if number < minimum:
        raise StripeError(400, f"This value must be greater than or equal to {minimum}.", param=param)
    return number
