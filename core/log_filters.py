"""Logging filters: secrets in query strings (a WebSocket's `?token=`) kept out of the server's access log."""

import logging
import re

# token=..., access_token=..., refresh=... up to the next & (or the end).
SECRET_PARAMETER = re.compile(r"((?:^|[?&])(?:token|access_token|access|refresh)=)[^&\s]*", re.IGNORECASE)
# uvicorn logs HTTP requests on uvicorn.access but WebSocket handshakes on uvicorn.error.
REQUEST_LOGGERS = ("uvicorn.access", "uvicorn.error", "gunicorn.access")


def redact(text: str) -> str:
    return SECRET_PARAMETER.sub(r"\1[redacted]", text)


class RedactQuerySecrets(logging.Filter):
    """Rewrites the request line of request-log records; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):  # gunicorn's access log formats from a dict
            record.args = {
                key: redact(value) if isinstance(value, str) else value for key, value in record.args.items()
            }
        return True


def install_request_log_redaction() -> None:
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactQuerySecrets) for existing in logger.filters):
            logger.addFilter(RedactQuerySecrets())
