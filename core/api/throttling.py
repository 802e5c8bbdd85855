"""Request limits counted by one atomic cache increment per request, and the account endpoints' AUTH_RATE_LIMIT."""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from core.products.registry import request_product

# Shared by every worker process (Redis when REDIS_URL is set); never the per-process "local" cache,
# which would give each process a budget of its own.
THROTTLE_CACHE = "default"


@dataclass(frozen=True)
class WindowCount:
    """A client's counter in the current window: `count` requests so far (the counted one included)."""

    limit: int
    count: int
    reset: int  # Unix time at which this window ends and the counter starts again from zero
    window_seconds: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit


class WindowCounterThrottle(SimpleRateThrottle):
    """A fixed-window limit: each request atomically increments its client's counter for the current window.

    SimpleRateThrottle reads a history list and writes it back, so parallel requests each saw room
    and all passed; an increment cannot be lost, so exactly `limit` requests pass per window, across
    threads and, on Redis, across processes. Windows are aligned to multiples of their length since
    the epoch: every client's counter resets at the same instant, and up to twice the limit can pass
    across one boundary. Refused requests are counted too (it changes nothing until the reset).
    Rate parsing, client identification and cache keys are SimpleRateThrottle's.
    """

    counted: WindowCount | None = None

    @property
    def cache(self):
        return caches[THROTTLE_CACHE]

    def allow_request(self, request, view) -> bool:
        window = self._current_window(request, view)
        if window is None:
            return True
        key, start = window
        self.counted = self._count(self._increment(key, start), start)
        return self.counted.allowed

    def peek(self, request, view) -> WindowCount | None:
        """This request's counter without counting the request (None: the limit does not apply to it)."""
        window = self._current_window(request, view)
        if window is None:
            return None
        key, start = window
        return self._count(int(self.cache.get(key, 0)), start)

    def _current_window(self, request, view) -> tuple[str, int] | None:
        """(cache key, start) of the window this request falls in; None when the limit does not apply."""
        if self.rate is None:
            return None
        key = self.get_cache_key(request, view)
        if key is None:
            return None
        self.now = self.timer()
        start = self._window_start()
        return f"{key}:{start}", start

    def wait(self) -> float | None:
        return None if self.counted is None else max(0.0, self.counted.reset - self.now)

    def _window_start(self) -> int:
        return int(self.now // self.duration) * self.duration

    def _count(self, count: int, start: int) -> WindowCount:
        return WindowCount(self.num_requests, count, start + self.duration, self.duration)

    def _increment(self, key: str, start: int) -> int:
        # The key outlives its window by a second or so, then expires; the next window has its own key.
        timeout = math.ceil(start + self.duration - self.now) + 1
        self.cache.add(key, 0, timeout)
        try:
            return self.cache.incr(key)
        except ValueError:
            # Culled (LocMemCache keeps MAX_ENTRIES) or evicted between add() and incr(): start it again.
            self.cache.add(key, 0, timeout)
            return self.cache.incr(key)


class AuthEndpointThrottle(WindowCounterThrottle):
    """Login, sign-up and password-reset attempts per client address, counted per product.

    The rate is read per request (`AUTH_RATE_LIMIT`, e.g. `30/minute`, or `off`),
    so a settings change applies at once; a 429 leaves in the product's format.
    """

    scope = "auth"

    def get_rate(self):
        rate = str(getattr(settings, "AUTH_RATE_LIMIT", "") or "").strip()
        return None if rate.lower() in ("", "off") else rate

    def get_cache_key(self, request, view):
        product = request_product(request)
        realm = product.key if product else "platform"
        return self.cache_format % {"scope": f"{self.scope}:{realm}", "ident": self.get_ident(request)}
