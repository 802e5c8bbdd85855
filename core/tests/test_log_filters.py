"""Access logs never show a query-string token."""

import logging

from core.log_filters import RedactQuerySecrets, install_request_log_redaction, redact


def record(args) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)


def test_tokens_are_redacted_and_other_parameters_kept():
    assert redact("/ws/gatherhub/?token=eyJ.abc.def&x=1") == "/ws/gatherhub/?token=[redacted]&x=1"
    assert redact("/a/?page=2&access_token=s3cret") == "/a/?page=2&access_token=[redacted]"
    assert redact("/a/?page=2&mytoken=1") == "/a/?page=2&mytoken=1"


def test_uvicorn_access_records_are_rewritten():
    entry = record(("127.0.0.1:5000", "GET", "/ws/townspark/?token=eyJ.abc", "1.1", 101))
    assert RedactQuerySecrets().filter(entry) is True
    assert "eyJ" not in entry.getMessage() and "token=[redacted]" in entry.getMessage()


def test_installed_once_on_the_request_loggers():
    install_request_log_redaction()
    install_request_log_redaction()
    for name in ("uvicorn.access", "uvicorn.error"):  # uvicorn logs WebSocket handshakes on uvicorn.error
        filters = [f for f in logging.getLogger(name).filters if isinstance(f, RedactQuerySecrets)]
        assert len(filters) == 1
