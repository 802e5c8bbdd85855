"""Messaging under concurrency (PostgreSQL): listings at once read once, sends at once keep the last activity."""

import threading

import pytest
from django.db import connection
from django.db.models import Max

from alistpros.models import Conversation, Message
from alistpros.services.messaging import conversation_create, message_send
from alistpros.tests.conftest import API

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(count: int, work) -> list:
    """Run `work(i)` in `count` threads released at once; each closes its own connection."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait()
            results.append(work(i))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_ten_simultaneous_listings_record_each_reading_once(client_for, client_user, pro_user):
    conversation = conversation_create(creator=client_user, participants=[pro_user])
    for n in range(5):
        message_send(conversation=conversation, sender=pro_user, content=f"m{n}")
    url = f"{API}messaging/conversations/{conversation.pk}/messages/"

    statuses = run_together(10, lambda i: client_for(client_user).get(url).status_code)

    assert statuses == [200] * 10
    through = Message.read_by.through.objects.filter(message__conversation=conversation)
    assert through.filter(user=client_user).count() == 5
    assert through.count() == 10  # the sender's own readings and the client's, once each


def test_simultaneous_sends_leave_the_latest_activity(client_for, client_user, pro_user, other_client):
    conversation = conversation_create(creator=client_user, participants=[pro_user, other_client])
    url = f"{API}messaging/conversations/{conversation.pk}/messages/"
    senders = [client_user, pro_user, other_client] * 3

    statuses = run_together(
        len(senders), lambda i: client_for(senders[i]).post(url, {"content": f"m{i}"}, format="json").status_code
    )

    assert statuses == [201] * len(senders)
    assert Message.objects.filter(conversation=conversation).count() == len(senders)
    latest = Message.objects.filter(conversation=conversation).aggregate(latest=Max("created_at"))["latest"]
    assert Conversation.objects.get(pk=conversation.pk).updated_at == latest
