"""Stripe's Idempotency-Key: a retried POST gets the first answer back and creates nothing new."""

import asyncio
import hashlib
from dataclasses import dataclass

from aiohttp import web

from .compat import stripe_error_response
from .state import STATE, current_caller
from .wire import StripeError


@dataclass(frozen=True)
class Answer:
    fingerprint: str
    status: int
    body: bytes
    content_type: str


@web.middleware
async def idempotent_requests(request: web.Request, handler):
    idempotency_key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not idempotency_key:
        return await handler(request)
    caller = current_caller.get()
    state = request.app[STATE]
    key = (caller.api_key if caller else None, idempotency_key)
    fingerprint = hashlib.sha256(f"{request.path}\n".encode() + await request.read()).hexdigest()
    # One request per key at a time: a retry that overtakes the first waits for its answer.
    lock = state.idempotent.setdefault(("lock", key), asyncio.Lock())
    async with lock:
        answer = state.idempotent.get(key)
        if answer is None:
            try:
                response = await handler(request)
            except Exception as exc:  # noqa: BLE001  (an error is an answer to remember: a decline stays one)
                response = stripe_error_response(exc)
            if response.status >= 500 or not isinstance(response, web.Response) or response.body is None:
                return response
            answer = Answer(fingerprint, response.status, bytes(response.body), response.content_type)
            state.idempotent[key] = answer
            return response
    if answer.fingerprint != fingerprint:
        raise StripeError(
            400,
            "Keys for idempotent requests can only be used with the same parameters they were "
            f"first used with. Try using a key other than '{idempotency_key}' if you meant to "
            "execute a different request.",
            type="idempotency_error",
        )
    response = web.Response(body=answer.body, status=answer.status, content_type=answer.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    response.headers["Idempotency-Key"] = idempotency_key
    return response
