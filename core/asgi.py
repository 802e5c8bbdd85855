"""The HTTP half of the ASGI application: the whole middleware chain and view in one call, on a fixed set of threads.

Every view of every product is synchronous (DRF). Django's own `ASGIHandler`
loads the middleware in async mode; there each `MiddlewareMixin` middleware
(sessions, CSRF, auth, messages, ...) runs its `process_request` and
`process_response` through a `sync_to_async` hop of its own, and a sync-only
middleware adds an `async_to_sync` hop back: about ten thread switches per
request before the view runs. This handler loads the chain in sync mode, as
under WSGI, so a request is one switch to a worker thread and one back.
Django's handler still adds two more (the `request_started` signal before,
`response.close()` after) and a task listening for the client's disconnect,
which can only cancel async views: here `request_started`, the request, the
chain, the view and the closing of a response whose body is in memory are one
call on the thread (issue #16: an empty request's CPU, measured in process,
1.24 -> 0.74 ms). A streaming response is closed after its last chunk is sent.

Django also gives every request a new thread. Thirty-two requests in flight in
one process then take the GIL in no fair order, and the slowest of them wait
for all the others (the tail latency the benchmarks measured). Here each
process keeps `threads` threads, each with its own queue; a request goes to
the thread with the fewest requests waiting and is served in arrival order.
Each thread keeps its own database connection (or borrows from the pool), so a
process never holds more than `threads` connections for HTTP.

Several requests share a thread's executor at once, which asgiref's
documentation advises against in general: a call queued behind a blocked one
waits for it. It is safe here because a request's middleware and view are one
call that never waits for another request's call (no transaction or lock
outlives a call), and a nested `async_to_sync` inside a view runs its sync
work on the view's own thread, as asgiref arranges.

Django's handler reads the whole body (spooled to disk) before any middleware
runs, so an oversized body is refused here, before reading: at once when its
Content-Length is over the limit (`core.api.body_size`), and as soon as a
body without one (chunked) outgrows it. Either way the answer is a 413 in the
product's error format.

Repeated slashes in the path are merged before routing (`core.slashes`), as
nginx does by default.

The price: a view that blocks (a slow query, an outside call) holds up the
requests queued behind it on its thread, exactly as with gunicorn's threaded
workers. `ASGI_HTTP_THREADS` sets the number; WebSockets are not affected.
"""

import asyncio
import contextvars
import gc
import io
import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import django
from asgiref.sync import SyncToAsync
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.core.handlers.base import BaseHandler
from django.http import FileResponse
from django.urls import ResolverMatch, get_resolver, set_script_prefix

from core.api.body_size import body_limit, declared_length
from core.log_filters import install_request_log_redaction
from core.slashes import scope_with_merged_slashes


class BodyTooLarge(Exception):
    """The body being read went past its limit."""


def capped(receive, limit: int):
    """`receive`, raising BodyTooLarge once the body messages add up to more than `limit` bytes."""
    received = 0

    async def receive_capped():
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise BodyTooLarge
        return message

    return receive_capped


class SyncChainASGIHandler(ASGIHandler):
    """Django's ASGI handler with the middleware loaded in sync mode and requests queued on `threads` threads."""

    def __init__(self, threads: int):
        if threads < 1:
            raise ValueError("ASGI_HTTP_THREADS must be at least 1.")
        BaseHandler.__init__(self)  # not ASGIHandler.__init__, which loads the chain in async mode
        self.load_middleware(is_async=False)
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"http-{index}") for index in range(threads)
        ]
        self.in_flight = [0] * threads

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        scope = scope_with_merged_slashes(scope)
        # Runs on the event loop only, so the counts need no lock.
        index = min(range(len(self.in_flight)), key=self.in_flight.__getitem__)
        self.in_flight[index] += 1
        try:
            await self.handle(scope, receive, send, self.executors[index])
        finally:
            self.in_flight[index] -= 1

    @staticmethod
    async def on_thread(executor: ThreadPoolExecutor, function, *args):
        """`function(*args)` on the request's thread, in a copy of this context: one hop there and one back.

        What asgiref's `sync_to_async` does for a call made straight from the event loop, without its
        per-call wrappers (a third of this handler's own CPU, issue #16): the thread is told which loop
        is the main one, so an `async_to_sync` inside a view (a channel layer's send) runs its coroutine
        there, as under `sync_to_async`.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            executor, contextvars.copy_context().run, _with_main_loop, loop, function, *args
        )

    async def handle(self, scope, receive, send, executor):
        headers = dict(scope.get("headers") or ())
        limit = body_limit(headers.get(b"content-type", b"").decode("latin1"))
        if limit is not None:
            length = declared_length(headers.get(b"content-length"))
            if length is not None and length > limit:
                await self.refuse_body(scope, send, executor)
                return
            receive = capped(receive, limit)
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        except BodyTooLarge:  # raised while reading the body, before anything was sent
            await self.refuse_body(scope, send, executor)
            return
        try:
            response = await self.on_thread(executor, self.respond, scope, body_file)
            try:
                await self.send_response(response, send)
            finally:
                if response.streaming:  # closed once its last chunk went out
                    await self.on_thread(executor, response.close)
        finally:
            body_file.close()

    async def read_body(self, receive):
        """Django's, except that a body arriving whole in its first message (every GET, most API writes)
        is kept in a BytesIO instead of a new spooled temporary file per request."""
        first = await receive()
        if first["type"] == "http.request" and not first.get("more_body", False):
            body = first.get("body", b"")
            if len(body) <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE:  # where Django's file would stay in memory too
                return io.BytesIO(body)
        replayed = False

        async def receive_again():
            nonlocal replayed
            if not replayed:
                replayed = True
                return first
            return await receive()

        return await super().read_body(receive_again)

    def respond(self, scope, body_file):
        """Everything synchronous about a request in one call on its thread: signals, request, chain, view, closing.

        A response whose body is already in memory is closed (`request_finished`: the database
        connection goes back to the pool) before it is sent, instead of in a hop of its own after.
        """
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        response = error_response if request is None else self.get_response(request)
        response._handler_class = self.__class__
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size  # as Django's: the ASGI server chunks
        if not response.streaming:
            response.close()
        return response

    def resolve_request(self, request):
        """Django's, with each path's match kept (`_resolved`); the request gets a copy of its own."""
        if hasattr(request, "urlconf"):  # a URL configuration of the request's own: resolved as Django does
            return super().resolve_request(request)
        match = ResolverMatch.__new__(ResolverMatch)
        match.__dict__.update(_resolved(get_resolver(), request.path_info).__dict__)
        match.kwargs = dict(match.kwargs)  # handed to the view middleware: this request's to change
        request.resolver_match = match
        return match

    async def refuse_body(self, scope, send, executor):
        """413 in the product's error format, on a request built without its body."""
        from core.api.errors import payload_too_large  # imports DRF and the registry: only once Django is set up

        request = self.request_class(scope, io.BytesIO())
        response = await self.on_thread(executor, payload_too_large, request)
        response["Connection"] = "close"  # the unread body must not be taken for the next request
        await self.send_response(response, send)


@lru_cache(maxsize=4096)
def _resolved(resolver, path: str) -> ResolverMatch:
    """`resolver.resolve(path)`, kept: a path's match does not change while its URL configuration stands.

    Django tries the patterns in order on every request and builds a match at each level of
    nesting on the way (up to 47 us of a small signed-in list's request, issue #16). A new
    ROOT_URLCONF is a new resolver (Django clears `get_resolver`'s cache), so a stale match is
    never found; a 404 is raised again every time (an exception is never cached).
    """
    return resolver.resolve(path)


def _with_main_loop(loop, function, *args):
    # What asgiref's SyncToAsync.thread_handler records for AsyncToSync: the loop to run coroutines on.
    SyncToAsync.threadlocal.main_event_loop = loop
    SyncToAsync.threadlocal.main_event_loop_pid = os.getpid()
    return function(*args)


def get_asgi_application(threads: int | None = None) -> SyncChainASGIHandler:
    """Sets Django up and returns the HTTP handler (`threads` defaults to the `ASGI_HTTP_THREADS` setting)."""
    django.setup(set_prefix=False)
    install_request_log_redaction()  # WebSocket clients send their access token as ?token=
    handler = SyncChainASGIHandler(threads or settings.ASGI_HTTP_THREADS)
    # What start-up loaded (modules, settings, models, middleware) lives as long as the process:
    # moved out of the collector's sight, it is no longer rescanned by every full collection,
    # which made the ceiling's slowest 1% (p99 110 -> 33-46 ms, bench/RESULTS.md).
    gc.freeze()
    return handler
