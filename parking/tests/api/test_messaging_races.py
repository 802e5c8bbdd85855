"""Messaging under concurrency (PostgreSQL): one conversation per (listing, seeker), activity never moves back."""

import pytest

from core.testing.races import run_together
from parking.models import Conversation, Message
from parking.services.messaging import conversation_start
from parking.tests.api.test_messaging import make_listing
from parking.tests.conftest import API

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_starts_make_one_conversation(client_for, seeker, host):
    listing = make_listing(host)
    clients = [client_for(seeker) for _ in range(4)]

    responses = run_together(
        [lambda c=c: c.post(f"{API}messages/conversations/", {"listing": listing.pk, "message": "hi"}) for c in clients]
    )

    assert sorted(r.status_code for r in responses) == [200, 200, 200, 201]
    assert len({r.json()["data"]["id"] for r in responses}) == 1
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 4  # each start's message is kept in the one conversation


def test_concurrent_sends_keep_every_message_and_the_latest_activity(client_for, seeker, host):
    chat = conversation_start(seeker=seeker, listing=make_listing(host))[0]
    senders = [client_for(seeker), client_for(host)] * 3

    responses = run_together(
        [lambda c=c, n=n: c.post(f"{API}messages/send/", {"conversation": chat.pk, "content": f"m{n}"})
         for n, c in enumerate(senders)]
    )  # fmt: skip

    assert [r.status_code for r in responses] == [201] * 6
    chat.refresh_from_db()
    latest = Message.objects.order_by("-created_at").first()
    assert Message.objects.count() == 6
    assert chat.last_activity_at == latest.created_at
