"""Response helpers: a view returns data and an optional message; the renderer applies the envelope."""

from rest_framework import status as http_status
from rest_framework.response import Response


def ok(data=None, *, message: str | None = None, status: int = http_status.HTTP_200_OK, headers=None) -> Response:
    response = Response(data, status=status, headers=headers)
    response.message = message
    return response


def created(data=None, *, message: str | None = None, headers=None) -> Response:
    return ok(data, message=message, status=http_status.HTTP_201_CREATED, headers=headers)


def raw(data=None, *, status: int = http_status.HTTP_200_OK, headers=None) -> Response:
    """A body sent exactly as given, for endpoints whose spec gives them their own shape."""
    response = Response(data, status=status, headers=headers)
    response.envelope = False
    return response
