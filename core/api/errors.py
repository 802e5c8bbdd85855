"""Django-level error views (404, 500, CSRF) that answer JSON in the product's error format, never HTML."""

from django.core.exceptions import RequestDataTooBig
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer

from core.api.exceptions import PayloadTooLarge, ServerError
from core.api.handlers import error_response


def _render(request, exc):
    response = error_response(request, exc)
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = "application/json"
    response.renderer_context = {"request": request, "response": response}
    return response.render()


def page_not_found(request, exception=None):
    return _render(request, exceptions.NotFound(f"No endpoint at {request.path}."))


def server_error(request):
    return _render(request, ServerError())


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # Django answers it with its 400 page outside DRF views
        return payload_too_large(request)
    return _render(request, exceptions.ParseError("Bad request."))


def payload_too_large(request):
    return _render(request, PayloadTooLarge())


def permission_denied(request, exception=None):
    return _render(request, exceptions.PermissionDenied())


def csrf_failure(request, reason=""):
    return _render(request, exceptions.PermissionDenied(f"CSRF verification failed: {reason}"))


def error_page_for_status(request, status_code: int):
    """A JSON error replacing an HTML error page Django produced by itself."""
    if status_code == 404:
        return page_not_found(request)
    if status_code == 403:
        return permission_denied(request)
    if status_code == 400:
        return bad_request(request)
    if status_code == 413:
        return payload_too_large(request)
    if status_code == 405:
        return _render(request, exceptions.MethodNotAllowed(request.method))
    return server_error(request)
