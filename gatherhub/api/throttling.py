"""Rate limits of the GatherHub API: per address without a token, per account with one, with X-RateLimit-* headers.

Limits come from GATHERHUB_RATE_LIMIT_ANON and GATHERHUB_RATE_LIMIT_USER (see gatherhub.config).
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle

from gatherhub import config

_WINDOWS = {1: "1 second", 60: "1 minute", 3600: "1 hour", 86400: "1 day"}


@dataclass(frozen=True)
class RateLimitState:
    limit: int
    remaining: int
    reset: int  # Unix time at which the next request will be let through again
    window_seconds: int

    @property
    def window(self) -> str:
        return _WINDOWS.get(self.window_seconds, f"{self.window_seconds} seconds")

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset),
        }


class RateLimitExceeded(Throttled):
    """The documented 429: `Rate limit exceeded. Try again in N seconds.` with limit, window and reset_at."""

    error_code = "rate_limit_exceeded"

    def __init__(self, state: RateLimitState, wait: float):
        seconds = max(1, math.ceil(wait))
        super().__init__(wait=seconds, detail=f"Rate limit exceeded. Try again in {seconds} seconds.")
        self.extra_details = {
            "limit": state.limit,
            "window": state.window,
            "reset_at": datetime.fromtimestamp(state.reset, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


class _GatherHubThrottle(SimpleRateThrottle):
    """A sliding-window limit whose rate is read when the request arrives, so settings overrides apply at once."""

    cache_format = "gatherhub:throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        raise NotImplementedError

    def _history(self, key: str) -> list[float]:
        history = self.cache.get(key, [])
        while history and history[-1] <= self.now - self.duration:
            history.pop()
        return history

    def state(self) -> RateLimitState:
        """The state after allow_request()."""
        remaining = max(0, self.num_requests - len(self.history))
        oldest = self.history[-1] if self.history else self.now
        return RateLimitState(self.num_requests, remaining, math.ceil(oldest + self.duration), self.duration)

    def peek(self, request, view) -> RateLimitState | None:
        """The state of this request's counter without counting the request (it never reached the limiter)."""
        if self.rate is None:
            return None
        key = self.get_cache_key(request, view)
        if key is None:
            return None
        self.now = self.timer()
        self.history = self._history(key)
        return self.state()


class GatherHubAnonThrottle(_GatherHubThrottle):
    scope = "gatherhub_anon"

    def get_rate(self):
        return config.rate_limit_anon()

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class GatherHubUserThrottle(_GatherHubThrottle):
    scope = "gatherhub_user"

    def get_rate(self):
        return config.rate_limit_user()

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class RateLimitedMixin:
    """For every GatherHub view: counts the request, raises the documented 429, and sets the X-RateLimit-* headers."""

    throttle_classes = [GatherHubAnonThrottle, GatherHubUserThrottle]
    rate_limit_state: RateLimitState | None = None

    def check_throttles(self, request):
        for throttle in self.get_throttles():
            if throttle.rate is None or throttle.get_cache_key(request, self) is None:
                continue
            allowed = throttle.allow_request(request, self)
            self.rate_limit_state = throttle.state()
            if not allowed:
                wait = throttle.history[-1] + throttle.duration - throttle.now
                raise RateLimitExceeded(self.rate_limit_state, wait)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        state = self.rate_limit_state or self._peek(request)
        if state is not None:
            for name, value in state.headers().items():
                response[name] = value
        return response

    def _peek(self, request) -> RateLimitState | None:
        # Requests refused before the limiter ran (bad token, no permission) still learn their budget.
        for throttle in self.get_throttles():
            state = throttle.peek(request, self)
            if state is not None:
                return state
        return None
