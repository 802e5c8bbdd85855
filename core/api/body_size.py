"""How large a request body may be, from its Content-Type: the limit the ASGI handler enforces before reading."""

from django.conf import settings

MULTIPART = "multipart/form-data"


def body_limit(content_type: str) -> int | None:
    """The most bytes a body of this type may have; None for no limit.

    MAX_REQUEST_BODY_SIZE caps every body, uploads included. Django holds
    non-file bodies (JSON, forms) in memory and refuses them past
    DATA_UPLOAD_MAX_MEMORY_SIZE; multipart file parts are streamed to disk and
    only the whole-body cap bounds them.
    """
    limits = [settings.MAX_REQUEST_BODY_SIZE]
    if not content_type.lower().startswith(MULTIPART):
        limits.append(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    limits = [limit for limit in limits if limit is not None]
    return min(limits) if limits else None


def declared_length(value: str | bytes | None) -> int | None:
    """A Content-Length header's value, None when absent or not a number (the server refuses those)."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
