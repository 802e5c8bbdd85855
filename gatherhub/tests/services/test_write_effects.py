"""Join, leave and cast: the request does its own rows (six queries at most); one task after commit sends the frames."""

import pytest
from channels.layers import get_channel_layer

from core.realtime.consumers import user_group
from core.testing.channels import drain, listen
from gatherhub import realtime
from gatherhub.models import Ballot, Event, Participation
from gatherhub.services.votes import vote_create
from gatherhub.tasks import vote_cast_effects
from gatherhub.tests.conftest import API

pytestmark = pytest.mark.django_db

MAX_WRITE_QUERIES = 6  # issue #16: the request path of each hot write


@pytest.fixture
def layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return get_channel_layer()


def messages(layer, channel) -> list[dict]:
    return drain(layer, channel)


def frames(layer, channel) -> list[dict]:
    return [message["payload"] for message in messages(layer, channel) if message["type"] == "realtime.event"]


@pytest.fixture
def event(alice, make_event):
    return make_event(alice)


@pytest.fixture
def vote(alice, bob, make_event):
    event = make_event(alice, participants=[bob])
    return vote_create(creator=alice, event=event, title="Dinner?", options=["Pizza", "Sushi"])


def test_join_and_leave_write_their_rows_and_queue_one_task(
    client_for, bob, event, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    for action, count in (("join", 2), ("leave", 1)):
        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            django_assert_max_num_queries(MAX_WRITE_QUERIES),
        ):
            response = client.post(API + f"events/{event.pk}/{action}/")
        assert response.status_code == 200 and response.json()["event"]["current_participants"] == count
        assert len(queued) == 1
        assert Event.objects.get(pk=event.pk).current_participants == count == Participation.objects.count()


def test_refused_joins_and_leaves_queue_nothing_and_leave_the_transaction_sound(
    client_for, alice, bob, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert client_for(alice).post(API + f"events/{event.pk}/join/").status_code == 400
        assert client_for(alice).post(API + f"events/{event.pk}/leave/").status_code == 403
        assert client_for(bob).post(API + f"events/{event.pk}/leave/").status_code == 400
        assert client_for(bob).post(API + "events/999999/join/").status_code == 404
    assert queued == []
    assert Event.objects.get(pk=event.pk).current_participants == 1  # the test's transaction still answers


def test_the_membership_task_announces_and_subscribes(
    client_for, alice, bob, event, layer, django_capture_on_commit_callbacks
):
    on_event = listen(layer, realtime.event_group(event.pk))
    bobs_sockets = listen(layer, user_group(bob.realm, bob.pk))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(API + f"events/{event.pk}/join/")
    [joined] = frames(layer, on_event)
    assert joined["type"] == "event_joined"
    assert joined["data"]["user"]["username"] == "bob" and joined["data"]["current_participants"] == 2
    [subscription] = messages(layer, bobs_sockets)
    assert subscription["subscribed"] is True and subscription["announce"]["data"] == joined["data"]

    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(API + f"events/{event.pk}/leave/")
    [left] = frames(layer, on_event)
    assert left["type"] == "event_left" and left["data"]["current_participants"] == 1
    [unsubscription] = messages(layer, bobs_sockets)
    assert unsubscription["subscribed"] is False


def test_cast_writes_its_rows_and_queues_one_task(
    client_for, bob, vote, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    option = vote.options.first()
    client = client_for(bob)
    with (
        django_capture_on_commit_callbacks(execute=False) as queued,
        django_assert_max_num_queries(MAX_WRITE_QUERIES),
    ):
        response = client.post(API + f"voting/{vote.pk}/vote/", {"options": [option.pk]}, format="json")
    assert response.status_code == 200 and len(queued) == 1
    assert Ballot.objects.filter(vote=vote, user=bob).count() == 1


def test_refused_casts_queue_nothing(client_for, bob, vote, django_capture_on_commit_callbacks):
    option = vote.options.first()
    client = client_for(bob)
    client.post(API + f"voting/{vote.pk}/vote/", {"options": [option.pk]}, format="json")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        again = client.post(API + f"voting/{vote.pk}/vote/", {"options": [option.pk]}, format="json")
        missing = client.post(API + "voting/999999/vote/", {"options": [option.pk]}, format="json")
    assert (again.status_code, missing.status_code) == (400, 404) and queued == []
    assert Ballot.objects.count() == 1


def test_the_cast_task_announces_the_ballot_and_the_results(
    client_for, bob, vote, layer, django_capture_on_commit_callbacks
):
    on_event = listen(layer, realtime.event_group(vote.event_id))
    sushi = vote.options.get(text="Sushi")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(bob).post(API + f"voting/{vote.pk}/vote/", {"options": [sushi.pk]}, format="json")
    cast, results = frames(layer, on_event)
    assert cast["type"] == "vote_cast" and cast["data"]["options"] == [sushi.pk]
    assert cast["data"]["user"]["username"] == "bob"
    assert results["type"] == "vote_results" and results["data"]["total_votes"] == 1
    assert results["data"]["winner"]["text"] == "Sushi"

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast_effects.delay(vote.pk, bob.pk, [sushi.pk])  # a redelivered task: the same state again
    assert [frame["data"]["total_votes"] for frame in frames(layer, on_event) if frame["type"] == "vote_results"] == [1]
