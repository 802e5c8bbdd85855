"""API exceptions the core adds to DRF's: token errors, conflict, 413, 422, 503, 500."""

from rest_framework import exceptions, status


class InvalidToken(exceptions.AuthenticationFailed):
    default_detail = "Token is invalid."
    default_code = "invalid_token"


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = "Token has expired."
    default_code = "token_expired"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource already exists."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class UnprocessableEntity(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed."
    default_code = "unprocessable"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Service temporarily unavailable."
    default_code = "service_unavailable"


class ServerError(exceptions.APIException):
    default_code = "server_error"
    default_detail = "Internal server error."
