"""Joining and leaving: the counter equals the participations, and concurrent joins never overfill an event."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from gatherhub.errors import GatherHubError, GatherHubForbidden
from gatherhub.models import Event, Participation
from gatherhub.services.events import event_join, event_leave
from gatherhub.tests.conftest import API

CONCURRENT_JOINS = 50


@pytest.mark.django_db
class TestJoinAndLeave:
    def test_counter_follows_participations(self, alice, bob, carol, make_event):
        event = make_event(alice, participants=[bob, carol])
        assert event.current_participants == 3 == Participation.objects.filter(event=event).count()
        event = event_leave(event_id=event.pk, user=bob)
        assert event.current_participants == 2 == Participation.objects.filter(event=event).count()

    def test_full_event_refuses(self, alice, bob, carol, make_event):
        event = make_event(alice, max_participants=2, participants=[bob])
        with pytest.raises(GatherHubError) as caught:
            event_join(event_id=event.pk, user=carol)
        assert caught.value.error_code == "event_full"

    def test_creator_cannot_leave(self, alice, make_event):
        event = make_event(alice)
        with pytest.raises(GatherHubForbidden):
            event_leave(event_id=event.pk, user=alice)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_joins_fill_exactly_the_free_places(account, client_for, make_event):
    """max_participants 11 with the creator in: 10 places, 50 joiners at once -> exactly 10 in, 40 `event_full`."""
    creator = account("creator")
    event = make_event(creator, max_participants=11)
    clients = [client_for(account(f"joiner{index}")) for index in range(CONCURRENT_JOINS)]
    start = threading.Barrier(CONCURRENT_JOINS)

    def join(client):
        try:
            start.wait()
            response = client.post(API + f"events/{event.pk}/join/")
            return response.status_code, response.json().get("error")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CONCURRENT_JOINS) as pool:
        outcomes = list(pool.map(join, clients))

    assert outcomes.count((200, None)) == 10
    assert outcomes.count((400, "event_full")) == 40
    event = Event.objects.get(pk=event.pk)
    assert event.current_participants == 11 == event.max_participants
    assert Participation.objects.filter(event=event).count() == 11


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_joins_by_one_account_count_once(account, client_for, make_event):
    event = make_event(account("creator"))
    client = client_for(account("eager"))
    start = threading.Barrier(8)

    def join(_):
        try:
            start.wait()
            return client.post(API + f"events/{event.pk}/join/").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(join, range(8)))

    assert sorted(statuses) == [200] + [400] * 7
    assert Event.objects.get(pk=event.pk).current_participants == 2
