"""GatherHub's tunables, read from Django settings first and the environment second, with embedded defaults.

The variables (documented for `.env.example`):
  GATHERHUB_EVENT_ONGOING_HOURS  how long after its start an event counts as ongoing (default 3)
  GATHERHUB_RATE_LIMIT_ANON      requests per client address without a token (default 100/minute)
  GATHERHUB_RATE_LIMIT_USER      requests per authenticated account (default 1000/minute)
A rate is `<count>/<second|minute|hour|day>`; `off` disables that limit.
"""

import os
from datetime import timedelta

from django.conf import settings

DEFAULT_EVENT_ONGOING_HOURS = 3.0
DEFAULT_RATE_LIMIT_ANON = "100/minute"
DEFAULT_RATE_LIMIT_USER = "1000/minute"


def _setting(name: str, default):
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return value


def event_ongoing_duration() -> timedelta:
    return timedelta(hours=float(_setting("GATHERHUB_EVENT_ONGOING_HOURS", DEFAULT_EVENT_ONGOING_HOURS)))


def rate_limit_anon() -> str | None:
    return _rate(_setting("GATHERHUB_RATE_LIMIT_ANON", DEFAULT_RATE_LIMIT_ANON))


def rate_limit_user() -> str | None:
    return _rate(_setting("GATHERHUB_RATE_LIMIT_USER", DEFAULT_RATE_LIMIT_USER))


def _rate(value: str) -> str | None:
    value = str(value).strip()
    return None if value.lower() in {"", "off", "none", "0"} else value
