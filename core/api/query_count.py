"""Counts the SQL queries of a request that asks into an `X-Query-Count` header, for benchmarks (off unless enabled)."""

from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

HEADER = "X-Query-Count"
ASKED = "HTTP_" + HEADER.upper().replace("-", "_")  # the same header on the request, as Django's META names it


class QueryCounter:
    """An `execute_wrapper` that only counts: one per execute() or executemany() call."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Sets `X-Query-Count: N` on the response to a request that sends an `X-Query-Count` header (any value),
    when `QUERY_COUNT_HEADER` is true; unloads itself otherwise.

    Only requests that ask are counted: the bench's probe asks, its load doesn't, so the load
    measures the stack as production runs it (without an execute wrapper around every query).
    Queries run while a streaming response is iterated, after the headers are sent, are not counted.
    """

    def __init__(self, get_response):
        if not getattr(settings, "QUERY_COUNT_HEADER", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if ASKED not in request.META:
            return self.get_response(request)
        counter = QueryCounter()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(counter.count)
        return response
