"""Repeated slashes in a request path collapse to one before routing, as nginx does by default (`merge_slashes`).

Done once at the entry points (the ASGI HTTP handler, the WSGI application and the
websocket router), so every product's routes answer `/api/v1//auth/refresh/` as
`/api/v1/auth/refresh/` without an extra route each. Only the path is touched;
the query string keeps its slashes.
"""

import re

REPEATED_SLASHES = re.compile(r"//+")


def merge_slashes(path: str) -> str:
    """`path` with every run of slashes made one slash."""
    return REPEATED_SLASHES.sub("/", path) if "//" in path else path


def scope_with_merged_slashes(scope: dict) -> dict:
    """An ASGI scope whose `path` has its repeated slashes merged (the same scope when there are none)."""
    path = scope.get("path", "")
    if "//" not in path:
        return scope
    return {**scope, "path": merge_slashes(path)}


class MergeSlashesWSGIMiddleware:
    """Merges repeated slashes in PATH_INFO before the wrapped WSGI application sees the request."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if "//" in path:
            environ = {**environ, "PATH_INFO": merge_slashes(path)}
        return self.application(environ, start_response)
