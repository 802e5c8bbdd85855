"""Celery's Redis broker transport, publishing through one client per channel instead of a new one per message."""

from contextlib import contextmanager
from functools import cached_property
from urllib.parse import urlsplit

from kombu.transport import redis

TRANSPORT = "core.broker:Transport"
REDIS_SCHEMES = frozenset({"redis", "rediss"})


class Channel(redis.Channel):
    """kombu's Redis channel, whose synchronous commands (a task's LPUSH) share one client.

    kombu wraps the channel's connection pool in a new `redis.Redis` for every message it
    publishes, and building that object (its table of response callbacks) was a third of
    what queueing a task cost; every write request queues one after commit (issue #16). A
    client holds no connection of its own (it takes one from the pool for each command) and
    is safe to share between threads, so one per channel does the same work.
    """

    @cached_property
    def _shared_client(self):
        return self._create_client()

    @contextmanager
    def conn_or_acquire(self, client=None):
        yield client or self._shared_client


class Transport(redis.Transport):
    Channel = Channel


def broker_transport(broker_url: str) -> str | None:
    """Celery's `broker_transport` for `broker_url`: ours for Redis, None (the URL's own) for anything else."""
    return TRANSPORT if urlsplit(broker_url).scheme in REDIS_SCHEMES else None
