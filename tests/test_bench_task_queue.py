"""The bench server's tasks go to a queue of the bench's own, which the harness empties after a run."""

import os
import secrets
import subprocess
import sys

import pytest
import redis
from kombu import Connection

from bench import database
from bench.server import TASK_QUEUE, server_env

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def client():
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    yield connection
    connection.close()


def test_the_server_sends_its_tasks_to_the_bench_queue():
    env = server_env(database_url="postgres://postgres@127.0.0.1:5432/bench", redis_url=REDIS_URL)
    assert env["CELERY_TASK_DEFAULT_QUEUE"] == TASK_QUEUE
    env.update(SECRET_KEY=secrets.token_urlsafe(50))
    code = "from config.celery_app import app; print(app.conf.task_default_queue, app.conf.task_default_exchange)"
    answer = subprocess.run(  # noqa: S603 - our own settings, fixed code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=database.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == [TASK_QUEUE, TASK_QUEUE]


def test_emptying_the_queue_deletes_its_messages_and_bindings_only(client):
    queue = f"bench-test-{secrets.token_hex(4)}"
    client.set(f"{queue}-unrelated", b"kept")
    with Connection(REDIS_URL) as connection:
        simple = connection.SimpleQueue(queue)
        simple.put({"n": 1})
        simple.put({"n": 2}, priority=6)  # a message with a priority goes to a sub-queue of its own
        simple.close()
    assert client.keys(f"*{queue}*") != [f"{queue}-unrelated".encode()]
    try:
        assert database.drop_task_queue(REDIS_URL, queue) >= 3
        assert client.keys(f"*{queue}*") == [f"{queue}-unrelated".encode()]
        assert database.drop_task_queue(REDIS_URL, queue) == 0  # nothing left: runs again cleanly
    finally:
        client.delete(f"{queue}-unrelated")
