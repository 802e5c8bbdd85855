"""seed_demo for GatherHub: demo logins, past/ongoing/upcoming events, tasks, open and closed votes; idempotent.

At scale: bulk data linear in the scale, the same at every run, seeded once, with what the benchmarks need.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from gatherhub.demo import ASSEMBLY, MORE_PEOPLE, PEOPLE, TOWN_HALL, scaled_counts
from gatherhub.models import Ballot, Event, Participation, Task, Vote

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = {username for username, *_ in (*PEOPLE, *MORE_PEOPLE)}


def counts() -> tuple[int, int, int]:
    return Event.objects.count(), Task.objects.count(), Vote.objects.count()


def rows() -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "participations": Participation.objects.count(),
        "tasks": Task.objects.count(),
        "votes": Vote.objects.count(),
        "ballots": Ballot.objects.count(),
    }


def seed(scale=None) -> None:
    call_command("seed_demo", "--product", "gatherhub", *(["--scale", str(scale)] if scale else []))


def test_seed_demo_fills_gatherhub_once(capsys, api_client):
    call_command("seed_demo", "--product", "gatherhub")
    output = capsys.readouterr().out
    assert "alice@gatherhub.demo / username alice_demo" in output and "password: DemoPass123!" in output
    first = counts()
    call_command("seed_demo", "--product", "gatherhub")
    assert counts() == first

    assert {event.status for event in Event.objects.all()} == {"upcoming", "ongoing", "completed"}
    assert {vote.status for vote in Vote.objects.all()} == {"active", "ended"}
    assert Vote.objects.filter(closed_at__isnull=False).count() == 1
    assert set(Task.objects.values_list("status", flat=True)) == {"pending", "in_progress", "completed"}
    for event in Event.objects.all():
        assert event.current_participants == event.participations.count()

    login = api_client.post(
        "/gatherhub/api/v1/auth/login/", {"username": "bob_demo", "password": "DemoPass123!"}, format="json"
    )
    assert login.status_code == 200 and login.json()["user"]["first_name"] == "Bob"


def test_scale_one_is_the_issue_s_numbers():
    assert scaled_counts(1) == {
        "events": 20_000,
        "participations": 200_000,
        "tasks": 50_000,
        "votes": 5_000,
        "ballots": 100_000,
    }


@pytest.mark.parametrize("scale", [0.005, 0.01])
def test_scale_adds_bulk_data_linear_in_the_scale(scale, capsys):
    seed()
    demo = rows()
    seed(scale)
    bulk = {name: count - demo[name] for name, count in rows().items()}
    assert bulk == scaled_counts(scale) == {name: round(count * scale) for name, count in scaled_counts(1).items()}
    members = get_user_model().objects.filter(realm="gatherhub", username__startswith="member")
    assert members.count() == 250  # at least 250, 5,000 at scale 1
    assert "member00001 ... member00250" in capsys.readouterr().out
    for event in Event.objects.annotate(count=Count("participations")):
        assert event.current_participants == event.count <= event.max_participants


def test_scale_data_serves_the_benchmarks(api_client):
    seed(0.01)
    now = timezone.now()
    busiest = Event.objects.order_by("-current_participants").first()
    assert (busiest.title, busiest.current_participants) == (TOWN_HALL, 200)
    assert busiest.tasks.count() > 0 and busiest.votes.count() > 0
    busiest_vote = Vote.objects.annotate(count=Count("ballots")).order_by("-count").first()
    assert busiest_vote.event == busiest and busiest_vote.count >= 100

    assembly = Event.objects.get(title=ASSEMBLY)
    in_assembly = set(assembly.participants.values_list("username", flat=True))
    assert in_assembly >= DEMO_USERNAMES
    open_votes = assembly.votes.filter(ends_at__gt=now + timedelta(days=365))
    assert open_votes.count() >= scaled_counts(0.01)["votes"] // 2 - 2
    # The demo accounts have voted in none of the bulk votes: every open one is a fresh ballot for each.
    small_demo = ["Spring picnic in the park", "Community hackathon", "Board games night"]
    bulk_votes = Vote.objects.exclude(event__title__in=small_demo)
    assert not Ballot.objects.filter(vote__in=bulk_votes, user__username__in=DEMO_USERNAMES).exists()
    # Joinable events (free places, not the demo account's own) for join/leave pairs.
    for username in DEMO_USERNAMES:
        joinable = Event.objects.exclude(participants__username=username).exclude(creator__username=username)
        assert joinable.filter(current_participants__lt=10).count() >= 32 * 2

    for username in ("dave_demo", "member00042"):
        login = api_client.post(
            "/gatherhub/api/v1/auth/login/", {"username": username, "password": "DemoPass123!"}, format="json"
        )
        assert login.status_code == 200, login.content


def snapshot() -> dict:
    """The data without ids or timestamps (those follow now)."""
    events = {
        event.pk: (
            event.title,
            event.creator.username,
            event.max_participants,
            tuple(sorted(event.participants.values_list("username", flat=True))),
        )
        for event in Event.objects.select_related("creator")
    }
    tasks = Counter(
        (events[task.event_id][0], task.title, task.status, task.priority, getattr(task.assignee, "username", None))
        for task in Task.objects.select_related("assignee")
    )
    votes = Counter(
        (events[vote.event_id][0], vote.title, vote.multiple_choice, tuple(vote.options.values_list("text", flat=True)))
        for vote in Vote.objects.all()
    )
    ballots = Counter(
        (ballot.vote.title, ballot.user.username, tuple(sorted(ballot.options.values_list("text", flat=True))))
        for ballot in Ballot.objects.select_related("vote", "user")
    )
    return {"events": sorted(events.values()), "tasks": tasks, "votes": votes, "ballots": ballots}


def test_scale_is_deterministic_and_seeded_once():
    seed(0.005)
    first, before = snapshot(), rows()
    seed(0.005)
    assert rows() == before
    with pytest.raises(CommandError, match="another scale"):
        seed(0.01)

    Event.objects.all().delete()
    get_user_model().objects.filter(realm="gatherhub", username__startswith="member").delete()
    seed(0.005)
    assert snapshot() == first
