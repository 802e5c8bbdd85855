"""The one exception handler: every error of every product leaves in that product's error format."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from core.api.envelopes import style_for
from core.api.exceptions import PayloadTooLarge, ServerError
from core.products.registry import request_product

logger = logging.getLogger(__name__)

BEARER_CHALLENGE = 'Bearer realm="api"'

VALIDATION_MESSAGE = "Validation failed"


def _plain(detail):
    """ErrorDetail trees to plain str/list/dict for JSON."""
    if isinstance(detail, dict):
        return {key: _plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_plain(item) for item in detail]
    return str(detail)


def _first_message(detail) -> str | None:
    if isinstance(detail, dict):
        for value in detail.values():
            found = _first_message(value)
            if found:
                return found
        return None
    if isinstance(detail, list):
        return next((m for m in map(_first_message, detail) if m), None)
    return str(detail)


def describe(exc: exceptions.APIException) -> tuple[str, str, dict | None]:
    """(code, message, details) of an API exception, before product mapping.

    A ValidationError with field errors gives "Validation failed" and the fields
    as details; one with a bare message gives that message. Exceptions may carry
    `error_code` (a product code) and `extra_details` (shown under details).
    """
    code = getattr(exc, "error_code", None)
    extra = getattr(exc, "extra_details", None)
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            non_field = detail.get(api_settings.NON_FIELD_ERRORS_KEY)
            message = _first_message(non_field) if non_field and len(detail) == 1 else VALIDATION_MESSAGE
            details = _plain(detail)
        else:
            message = _first_message(detail) or VALIDATION_MESSAGE
            details = {api_settings.NON_FIELD_ERRORS_KEY: _plain(detail)}
        return code or "validation_error", message, {**details, **(extra or {})}
    details = extra
    detail = exc.detail
    if isinstance(detail, dict):  # simplejwt-style {"detail": ..., "code": ...}
        message = str(detail.get("detail") or _first_message(detail) or exc.default_detail)
        code = code or str(detail.get("code") or exc.default_code)
    else:
        message = str(detail)
        code = code or getattr(detail, "code", None) or exc.default_code
    return code, message, details


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        # A body without Content-Length (chunked) that outgrew DATA_UPLOAD_MAX_MEMORY_SIZE
        # while being read; declared sizes are refused before reading (core.asgi).
        return PayloadTooLarge()
    if isinstance(exc, DataError):
        # A value the database cannot hold (out-of-range number, over-long text)
        # is bad input that slipped past validation: a 400, logged for the fix.
        logger.warning("Database rejected a value: %s", exc)
        return exceptions.ValidationError("A value is out of range or too long for this field.")
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        )
    return None


def error_response(request, exc: Exception) -> Response:
    """The error response for any exception, in the error format of the request's product."""
    api_exc = _as_api_exception(exc)
    if api_exc is None:
        logger.error("Unhandled error on %s", getattr(request, "path", "?"), exc_info=exc)
        api_exc = ServerError()
    product = request_product(request) if request is not None else None
    code, message, details = describe(api_exc)
    if product is not None:
        code = product.error_code(code)
    body = style_for(product).error(status=api_exc.status_code, code=code, message=message, details=details)
    response = Response(body, status=api_exc.status_code)
    if getattr(api_exc, "auth_header", None):
        response["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        response["Retry-After"] = str(int(api_exc.wait))
    return response


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER: every error of every product view goes through here."""
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        # DRF downgrades these to 403 on views without authenticators (login,
        # refresh); every API here is Bearer-authenticated, so 401 is right.
        exc.status_code = 401
        exc.auth_header = getattr(exc, "auth_header", None) or BEARER_CHALLENGE
    set_rollback()
    return error_response(context.get("request"), exc)
