"""Rate limits of the GatherHub API: per address without a token, per account with one, with X-RateLimit-* headers.

Limits come from GATHERHUB_RATE_LIMIT_ANON and GATHERHUB_RATE_LIMIT_USER (see gatherhub.config), counted
in fixed windows by core's WindowCounterThrottle; login and sign-up are also under core's AUTH_RATE_LIMIT.
"""

import math
from datetime import UTC, datetime

from rest_framework.exceptions import Throttled

from core.api.throttling import AuthEndpointThrottle, WindowCount, WindowCounterThrottle
from gatherhub import config

_WINDOWS = {1: "1 second", 60: "1 minute", 3600: "1 hour", 86400: "1 day"}


def rate_limit_headers(count: WindowCount) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(count.limit),
        "X-RateLimit-Remaining": str(count.remaining),
        "X-RateLimit-Reset": str(count.reset),
    }


class RateLimitExceeded(Throttled):
    """The documented 429: `Rate limit exceeded. Try again in N seconds.` with limit, window and reset_at."""

    error_code = "rate_limit_exceeded"

    def __init__(self, count: WindowCount, wait: float):
        seconds = max(1, math.ceil(wait))
        # Throttled(wait=...) would append its own "Expected available in N seconds." to the message.
        super().__init__(detail=f"Rate limit exceeded. Try again in {seconds} seconds.")
        self.wait = seconds
        self.extra_details = {
            "limit": count.limit,
            "window": _WINDOWS.get(count.window_seconds, f"{count.window_seconds} seconds"),
            "reset_at": datetime.fromtimestamp(count.reset, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


class GatherHubAnonThrottle(WindowCounterThrottle):
    scope = "gatherhub_anon"
    cache_format = "gatherhub:throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        return config.rate_limit_anon()

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class GatherHubUserThrottle(WindowCounterThrottle):
    scope = "gatherhub_user"
    cache_format = "gatherhub:throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        return config.rate_limit_user()

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


# Login and sign-up: GatherHub's own limits and the platform's brute-force limit, whichever refuses first.
ACCOUNT_THROTTLES = [GatherHubAnonThrottle, GatherHubUserThrottle, AuthEndpointThrottle]


def _tightest(counts) -> WindowCount | None:
    return min((c for c in counts if c is not None), key=lambda c: c.remaining, default=None)


class RateLimitedMixin:
    """For every GatherHub view: counts the request, raises the documented 429, and sets the X-RateLimit-* headers.

    The headers describe the limit nearest to refusing this client (fewest requests remaining).
    """

    throttle_classes = [GatherHubAnonThrottle, GatherHubUserThrottle]
    rate_limit_state: WindowCount | None = None

    def check_throttles(self, request):
        counts = []
        for throttle in self.get_throttles():
            if not throttle.allow_request(request, self):
                self.rate_limit_state = throttle.counted
                raise RateLimitExceeded(throttle.counted, throttle.wait())
            counts.append(throttle.counted)
        self.rate_limit_state = _tightest(counts)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Requests refused before the limiter ran (bad token, no permission) still learn their budget.
        state = self.rate_limit_state or _tightest(throttle.peek(request, self) for throttle in self.get_throttles())
        if state is not None:
            for name, value in rate_limit_headers(state).items():
                response[name] = value
        return response
