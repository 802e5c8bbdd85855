"""E-mail goes through a real Celery worker over the Redis broker, after the transaction commits."""

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction

from config.celery_app import app
from core.broker import Transport, broker_transport
from core.mail import enqueue_email, enqueue_emails

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
# A database of its own, so no other Celery process on this Redis takes our tasks.
BROKER_URL = REDIS_URL.rsplit("/", 1)[0] + "/15"


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_worker():
    if not redis_available():
        pytest.skip(f"needs Redis at {REDIS_URL} for a real broker")
    keys = ("task_always_eager", "broker_url", "broker_transport", "result_backend")
    previous = {key: app.conf[key] for key in keys}
    # As production configures a Redis broker (config/settings/base.py): through core.broker's transport.
    app.conf.update(
        task_always_eager=False,
        broker_url=BROKER_URL,
        broker_transport=broker_transport(BROKER_URL),
        result_backend=BROKER_URL,
    )
    forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.update(previous)
        forget_connections()


def forget_connections() -> None:
    """Drop pooled broker connections made under the previous broker URL (eager tests use memory://)."""
    app._pool = None
    app.amqp._producer_pool = None


def wait_for_mail(count: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_worker_and_the_producers_use_the_core_transport(redis_worker):
    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, Transport)


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_by_a_worker_only_after_commit(redis_worker):
    with transaction.atomic():
        enqueue_email(subject="Hello", body="Body", to=["someone@example.com"])
        time.sleep(0.3)
        assert mail.outbox == []  # nothing leaves before the commit
    wait_for_mail(1)
    assert [m.subject for m in mail.outbox] == ["Hello"]


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_sends_nothing(redis_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_email(subject="Never", body="Body", to=["someone@example.com"])
        raise RuntimeError("rollback")
    time.sleep(0.5)
    assert mail.outbox == []


@pytest.mark.django_db
def test_several_emails_are_one_task_after_commit(django_capture_on_commit_callbacks):
    two = [
        {"subject": "To the guest", "body": "B", "to": ["g@example.com"]},
        {"subject": "To the host", "body": "B", "to": ["h@example.com"]},
    ]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        enqueue_emails(two)
        enqueue_emails([])  # nothing to send: no task
    assert len(queued) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_each_of_several_emails(redis_worker):
    with transaction.atomic():
        enqueue_emails(
            [
                {"subject": "To the guest", "body": "B", "to": ["g@example.com"]},
                {"subject": "To the host", "body": "B", "to": ["h@example.com"]},
            ]
        )
    wait_for_mail(2)
    assert sorted(m.subject for m in mail.outbox) == ["To the guest", "To the host"]


def test_every_setting_is_resolved_once_where_a_read_finds_it_first():
    from django.conf import settings

    changes = app.conf.changes
    assert changes["task_serializer"] == settings.CELERY_TASK_SERIALIZER == "json"  # from Django's settings
    assert changes["task_acks_late"] is settings.CELERY_TASK_ACKS_LATE is True
    assert changes["task_default_queue"] == "celery"  # Celery's default
    assert changes["broker_transport"] == settings.CELERY_BROKER_TRANSPORT
    assert app.conf.task_default_queue == "celery"
