"""Casting once per account, also under concurrency, and closing ended votes exactly once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gatherhub.errors import GatherHubError
from gatherhub.models import Ballot, Vote
from gatherhub.services.votes import vote_cast, vote_create
from gatherhub.tasks import CLOSE_ENDED_VOTES, close_ended_votes
from gatherhub.tests.conftest import API


@pytest.fixture
def vote(alice, bob, make_event):
    event = make_event(alice, participants=[bob])
    return vote_create(
        creator=alice,
        event=event,
        title="Dinner?",
        options=["Pizza", "Sushi", "Tacos"],
        ends_at=timezone.now() + timedelta(hours=1),
        multiple_choice=True,
    )


@pytest.mark.django_db
class TestCast:
    def test_second_cast_is_refused(self, vote, bob):
        first, second = vote.options.all()[:2]
        vote_cast(vote_id=vote.pk, user=bob, option_ids=[first.pk])
        with pytest.raises(GatherHubError) as caught:
            vote_cast(vote_id=vote.pk, user=bob, option_ids=[second.pk])
        assert caught.value.error_code == "already_voted"

    def test_duplicate_option_ids_count_once(self, vote, bob):
        option = vote.options.first()
        vote_cast(vote_id=vote.pk, user=bob, option_ids=[option.pk, option.pk])
        assert list(Ballot.objects.get().options.all()) == [option]


@pytest.mark.django_db
class TestClosing:
    def test_closes_ended_votes_once(self, vote):
        assert close_ended_votes() == 0
        Vote.objects.filter(pk=vote.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
        assert close_ended_votes.delay().get() == 1
        assert close_ended_votes() == 0
        vote.refresh_from_db()
        assert vote.closed_at is not None

    def test_beat_runs_it_every_thirty_seconds(self):
        task = PeriodicTask.objects.get(task=CLOSE_ENDED_VOTES)
        assert task.enabled and (task.interval.every, task.interval.period) == (30, "seconds")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_cast_counts_once(alice, bob, make_event, client_for):
    event = make_event(alice, participants=[bob])
    vote = vote_create(
        creator=alice,
        event=event,
        title="Dinner?",
        options=["Pizza", "Sushi"],
        ends_at=timezone.now() + timedelta(hours=1),
    )
    pizza, sushi = vote.options.all()
    client = client_for(bob)
    attempts = 10
    start = threading.Barrier(attempts)

    def cast(index):
        try:
            start.wait()
            option = pizza if index % 2 else sushi
            response = client.post(API + f"voting/{vote.pk}/vote/", {"options": [option.pk]}, format="json")
            return response.status_code, response.json().get("error")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        outcomes = list(pool.map(cast, range(attempts)))

    assert outcomes.count((200, None)) == 1
    assert outcomes.count((400, "already_voted")) == attempts - 1
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.get(vote=vote).options.count() == 1
