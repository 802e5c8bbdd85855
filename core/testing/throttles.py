"""Rate-limit test helpers: a throttle driven by parallel clients, and a stopped clock for throttles."""

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from rest_framework.throttling import SimpleRateThrottle


def allowed_in_parallel(throttle_class, request, *, clients: int, attempts: int) -> int:
    """How many of `clients` x `attempts` requests the throttle lets through, the clients released together.

    Every request gets a fresh throttle, as DRF builds one per request; all of them share the cache.
    Threads switch every microsecond meanwhile, so that an in-process cache (no network wait) sees
    the interleavings that parallel clients of a real server cause.
    """
    request.user  # noqa: B018  (authenticate once, before the threads share the request)
    start = threading.Barrier(clients, timeout=30)

    def client() -> int:
        start.wait()
        return sum(throttle_class().allow_request(request, None) for _ in range(attempts))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=clients) as pool:
            return sum(future.result() for future in [pool.submit(client) for _ in range(clients)])
    finally:
        sys.setswitchinterval(interval)


def stop_throttle_clock(monkeypatch, now: float) -> None:
    """Every throttle reads `now` as the time: no window boundary falls inside a test."""
    monkeypatch.setattr(SimpleRateThrottle, "timer", staticmethod(lambda: now))
