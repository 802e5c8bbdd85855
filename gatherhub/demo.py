"""Demo data for GatherHub: three accounts, a past, an ongoing and an upcoming event with tasks and votes.

Idempotent: each event is recognised by its creator and title and left alone once it exists.
"""

from datetime import timedelta

from django.utils import timezone

from gatherhub.models import Event, Profile, Task, TaskStatus, Vote
from gatherhub.services.events import event_create, event_join
from gatherhub.services.tasks import task_complete, task_create, task_update
from gatherhub.services.votes import vote_cast, vote_close, vote_create

PEOPLE = (
    ("alice_demo", "alice@gatherhub.demo", "Alice", "Martin"),
    ("bob_demo", "bob@gatherhub.demo", "Bob", "Nguyen"),
    ("carol_demo", "carol@gatherhub.demo", "Carol", "Okafor"),
)


def seed(context) -> None:
    alice, bob, carol = (
        _person(context, username=username, email=email, first_name=first, last_name=last)
        for username, email, first, last in PEOPLE
    )
    now = timezone.now()
    _past_picnic(alice, bob, carol, now)
    _ongoing_hackathon(alice, bob, carol, now)
    _upcoming_games_night(alice, bob, carol, now)
    for index in range(int((context.scale or 0) * 20)):
        _bulk_meetup(alice, bob, now, index)


def _person(context, *, username, email, first_name, last_name):
    user = context.account(email=email, role="user", username=username, name=f"{first_name} {last_name}")
    Profile.objects.get_or_create(user=user, defaults={"first_name": first_name, "last_name": last_name})
    return user


def _exists(creator, title: str) -> bool:
    return Event.objects.filter(creator=creator, title=title).exists()


def _open_vote(event, creator, *, title, options, ends_at, multiple_choice=False):
    # vote_create refuses an end in the past; a closed demo vote is opened, then moved to its real end.
    return vote_create(
        creator=creator,
        event=event,
        title=title,
        options=options,
        ends_at=max(ends_at, timezone.now() + timedelta(minutes=1)),
        multiple_choice=multiple_choice,
    )


def _cast(vote, ballots) -> None:
    options = list(vote.options.all())
    for user, positions in ballots:
        vote_cast(vote_id=vote.pk, user=user, option_ids=[options[position].pk for position in positions])


def _past_picnic(alice, bob, carol, now) -> None:
    title = "Spring picnic in the park"
    if _exists(alice, title):
        return
    event = event_create(
        creator=alice,
        title=title,
        description="Blankets, sandwiches and frisbee by the lake.",
        date=now - timedelta(days=12),
        location="Lakeside Park, north lawn",
        max_participants=20,
    )
    for user in (bob, carol):
        event_join(event_id=event.pk, user=user)
    for task_title, assignee in (("Bring blankets", bob), ("Sandwiches for twelve", carol)):
        task = task_create(creator=alice, event=event, title=task_title, assignee=assignee, priority="medium")
        task_complete(task_id=task.pk)
    vote = _open_vote(event, alice, title="Which lawn?", options=["North lawn", "By the fountain"], ends_at=now)
    _cast(vote, [(alice, [0]), (bob, [0]), (carol, [1])])
    Vote.objects.filter(pk=vote.pk).update(ends_at=now - timedelta(days=13))
    vote_close(vote_id=vote.pk)


def _ongoing_hackathon(alice, bob, carol, now) -> None:
    title = "Community hackathon"
    if _exists(bob, title):
        return
    event = event_create(
        creator=bob,
        title=title,
        description="Build something for the neighbourhood in an afternoon.",
        date=now - timedelta(hours=1),
        location="Library, room 2",
        max_participants=30,
    )
    for user in (alice, carol):
        event_join(event_id=event.pk, user=user)
    setup = task_create(creator=bob, event=event, title="Set up the projector", assignee=alice, priority="high")
    task_update(task_id=setup.pk, status=TaskStatus.IN_PROGRESS)
    task_create(creator=bob, event=event, title="Order pizza", assignee=carol, due_date=now + timedelta(hours=1))
    vote = _open_vote(
        event,
        bob,
        title="Theme of the day",
        options=["Accessibility", "Green city", "Local shops"],
        ends_at=now + timedelta(hours=2),
    )
    _cast(vote, [(alice, [1]), (carol, [1])])


def _upcoming_games_night(alice, bob, carol, now) -> None:
    title = "Board games night"
    if _exists(carol, title):
        return
    event = event_create(
        creator=carol,
        title=title,
        description="Bring your favourite game; snacks provided.",
        date=now + timedelta(days=5),
        location="Carol's place",
        max_participants=8,
    )
    event_join(event_id=event.pk, user=alice)
    task_create(creator=carol, event=event, title="Buy snacks", assignee=carol, due_date=now + timedelta(days=4))
    task_create(creator=alice, event=event, title="Bring Catan", assignee=alice, priority="low")
    vote = _open_vote(
        event,
        carol,
        title="Which games?",
        options=["Catan", "Codenames", "Dixit", "Go"],
        ends_at=now + timedelta(days=4),
        multiple_choice=True,
    )
    _cast(vote, [(alice, [0, 1])])


def _bulk_meetup(alice, bob, now, index: int) -> None:
    title = f"Neighbourhood meetup #{index + 1}"
    if _exists(alice, title):
        return
    event = event_create(creator=alice, title=title, date=now + timedelta(days=7 + index), max_participants=50)
    event_join(event_id=event.pk, user=bob)
    Task.objects.bulk_create(
        Task(event=event, creator=alice, title=f"Prepare item {n}", assignee=bob if n % 2 else None) for n in range(3)
    )
