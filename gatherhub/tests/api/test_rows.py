"""The hot reads' row-built bodies (api/serializers/rows.py) equal, key for key and in order, the DRF serializers'."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from gatherhub import selectors
from gatherhub.api import serializers as s
from gatherhub.api.serializers import rows
from gatherhub.models import Profile, TaskStatus
from gatherhub.services.tasks import task_create, task_update
from gatherhub.services.votes import vote_cast, vote_create

pytestmark = pytest.mark.django_db


def same(fast, drf) -> None:
    """Equal as JSON, with the keys in the same order at every level."""
    assert json.dumps(fast) == json.dumps(drf, default=str)


@pytest.fixture
def world(alice, bob, carol, make_event):
    """Alice has a GatherHub profile (names differing from her platform name), Bob and Carol have none."""
    Profile.objects.create(user=alice, first_name="Alicia", last_name="de la Cruz")
    now = timezone.now()
    party = make_event(alice, participants=[bob, carol], title="Party", description="Cake", location="Hall")
    past = make_event(bob, participants=[alice], title="Past", date=now - timedelta(days=3))
    task_create(creator=alice, event=party, title="Balloons", assignee=bob, due_date=now + timedelta(days=1))
    done = task_create(creator=bob, event=party, title="Music", priority="high")
    task_update(task_id=done.pk, status=TaskStatus.COMPLETED)
    task_create(creator=bob, event=past, title="Clean up", assignee=alice)
    single = vote_create(creator=alice, event=party, title="Cake?", options=["Yes", "No"], ends_at=now + timedelta(1))
    multi = vote_create(
        creator=bob,
        event=party,
        title="Games?",
        options=["Go", "Chess", "Uno"],
        ends_at=now + timedelta(hours=2),
        multiple_choice=True,
    )
    empty = vote_create(creator=bob, event=past, title="Again?", options=["Yes", "No"], ends_at=now + timedelta(1))
    yes, no = single.options.values_list("pk", flat=True)
    go, chess, uno = multi.options.values_list("pk", flat=True)
    vote_cast(vote_id=single.pk, user=alice, option_ids=[yes])
    vote_cast(vote_id=single.pk, user=bob, option_ids=[no])
    vote_cast(vote_id=multi.pk, user=alice, option_ids=[uno, go])
    vote_cast(vote_id=multi.pk, user=carol, option_ids=[chess])
    return {"events": [party, past], "votes": [single, multi, empty]}


def test_event_list_and_detail(world, alice, carol):
    clock = rows.Clock()
    by_id = {row["id"]: row for row in selectors.Rows(selectors.event_list(), selectors.EVENT_VALUES)[:]}
    for event in selectors.event_list():
        same(rows.event_data(by_id[event.pk], clock), s.EventSerializer(event).data)
    for viewer in (alice, carol):  # carol takes no part in the past event: no tasks for her there
        for event in world["events"]:
            fast = rows.event_detail_data(selectors.event_page(event_id=event.pk, user=viewer), clock=clock)
            same(fast, s.EventDetailSerializer(selectors.event_detail(user=viewer).get(pk=event.pk)).data)


def test_task_list(world, alice, bob):
    clock = rows.Clock()
    for viewer in (alice, bob):
        tasks = selectors.Rows(selectors.task_list(user=viewer), selectors.TASK_VALUES)
        fast = [rows.task_data(row, clock) for row in tasks[:]]
        drf = s.TaskSerializer(selectors.task_list(user=viewer), many=True).data
        assert len(fast) == 3
        same(fast, drf)


def test_vote_detail_results_and_cast(world, alice, bob, carol):
    clock = rows.Clock()
    for viewer in (alice, bob, carol):
        for vote in world["votes"]:
            row = selectors.vote_detail_rows(user=viewer).get(pk=vote.pk)
            fast = rows.vote_detail_data(row, selectors.vote_option_rows(vote_id=vote.pk, user=viewer), clock)
            same(fast, s.VoteDetailSerializer(selectors.vote_detail(user=viewer).get(pk=vote.pk)).data)
    for vote in world["votes"]:
        fast = rows.results_data(selectors.vote_results_by_id(vote_id=vote.pk), clock)
        same(fast, s.VoteResultsSerializer(selectors.vote_results(vote=vote)).data)

    multi = world["votes"][1]
    uno, chess = multi.options.order_by("-pk").values_list("pk", flat=True)[:2]
    cast = vote_cast(vote_id=multi.pk, user=bob, option_ids=[uno, chess])
    vote = selectors.vote_detail(user=bob).get(pk=multi.pk)
    body = {
        "message": "Vote cast successfully",
        "vote": {
            "id": vote.pk,
            "title": vote.title,
            "user_vote": s.user_vote_of(vote),
            "total_votes": vote.total_votes,
        },
    }
    same(rows.cast_data(cast, clock), s.CastResponseSerializer(body).data)
