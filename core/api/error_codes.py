"""DRF's error codes, and the two naming schemes the product tables start from."""

# The codes our handler sees (DRF's defaults plus the core's own exceptions).
DRF_CODES = (
    "validation_error",
    "parse_error",
    "not_authenticated",
    "authentication_failed",
    "invalid_token",
    "token_expired",
    "permission_denied",
    "not_found",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "payload_too_large",
    "conflict",
    "unprocessable",
    "throttled",
    "service_unavailable",
    "server_error",
    # core.payments
    "payments_unavailable",
    "payment_declined",
    "payment_invalid",
    "payment_provider_error",
    "invalid_signature",
)

SNAKE_CASE = {
    "validation_error": "validation_error",
    "parse_error": "parse_error",
    "not_authenticated": "authentication_required",
    "authentication_failed": "authentication_failed",
    "invalid_token": "invalid_token",
    "token_expired": "token_expired",
    "permission_denied": "permission_denied",
    "not_found": "not_found",
    "method_not_allowed": "method_not_allowed",
    "not_acceptable": "not_acceptable",
    "unsupported_media_type": "unsupported_media_type",
    "payload_too_large": "payload_too_large",
    "conflict": "conflict",
    "unprocessable": "unprocessable_entity",
    "throttled": "rate_limit_exceeded",
    "service_unavailable": "service_unavailable",
    "server_error": "server_error",
    "payments_unavailable": "payments_unavailable",
    "payment_declined": "payment_declined",
    "payment_invalid": "payment_invalid",
    "payment_provider_error": "payment_provider_error",
    "invalid_signature": "invalid_signature",
}

UPPER_CASE = {drf: code.upper() for drf, code in SNAKE_CASE.items()}
