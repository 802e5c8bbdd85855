"""core.broker: Celery's Redis transport publishes every message of a channel through one client."""

import pytest
import redis
from kombu import Connection, Exchange, Queue

from core import broker
from core.tests.test_celery import BROKER_URL, redis_available

QUEUE = "core-broker-test"


def test_redis_urls_get_the_core_transport_and_others_their_own():
    assert broker.broker_transport("redis://127.0.0.1:6379/0") == "core.broker:Transport"
    assert broker.broker_transport("rediss://:secret@cache.example:6380/1") == "core.broker:Transport"
    assert broker.broker_transport("memory://") is None
    assert broker.broker_transport("amqp://guest@localhost//") is None


@pytest.fixture
def connection():
    if not redis_available():
        pytest.skip(f"needs Redis at {BROKER_URL}")
    with Connection(BROKER_URL, transport=broker.TRANSPORT) as connection:
        yield connection
        redis.Redis.from_url(BROKER_URL).delete(QUEUE)


def test_a_channel_publishes_through_one_client_and_every_message_arrives(connection, monkeypatch):
    assert isinstance(connection.transport, broker.Transport)
    made = []
    create_client = broker.Channel._create_client

    def counted(self, asynchronous=False):
        made.append(asynchronous)
        return create_client(self, asynchronous=asynchronous)

    monkeypatch.setattr(broker.Channel, "_create_client", counted)
    queue = Queue(QUEUE, Exchange(QUEUE), routing_key=QUEUE)
    producer = connection.Producer(serializer="json")
    for n in range(5):
        producer.publish({"n": n}, routing_key=QUEUE, declare=[queue])
    # kombu's own channel makes a synchronous client per message; here one serves all five.
    assert made.count(False) == 1
    with connection.SimpleQueue(queue) as simple:
        received = sorted(simple.get(timeout=2).payload["n"] for _ in range(5))
    assert received == list(range(5))
