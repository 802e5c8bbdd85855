"""Event writes: create, update, delete, and the race-safe join and leave."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.shortcuts import get_object_or_404

from gatherhub import realtime
from gatherhub.errors import ErrorCode, GatherHubError, GatherHubForbidden
from gatherhub.models import Event, Participation, Task
from gatherhub.selectors import prime_profile, with_profile_names

EDITABLE_FIELDS = ("title", "description", "date", "location", "max_participants")


@transaction.atomic
def event_create(
    *, creator, title: str, date: datetime, description: str = "", location: str = "", max_participants: int = 50
) -> Event:
    """Create an event; its creator is its first participant."""
    event = Event.objects.create(
        creator=creator,
        title=title,
        description=description,
        date=date,
        location=location,
        max_participants=max_participants,
        current_participants=1,
    )
    Participation.objects.create(event=event, user=creator)
    # The creator is the only participant: the announcement goes with the subscription of their sockets.
    created = realtime.frame(realtime.MessageType.EVENT_CREATED, realtime.event_data(event), event_id=event.pk)
    realtime.subscribe(creator, event.pk, announce=created)
    return event


@transaction.atomic
def event_update(*, event_id: int, **fields) -> Event:
    """Change the given fields; the limit may not drop below the participants already in."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    # Locked, so that a join cannot slip in between the check and the new limit.
    event = get_object_or_404(Event.objects.select_for_update(), pk=event_id)
    limit = fields.get("max_participants")
    if limit is not None and limit < event.current_participants:
        raise GatherHubError(
            f"max_participants cannot be lower than the {event.current_participants} current participants.",
            code=ErrorCode.MAX_PARTICIPANTS_TOO_LOW,
            details={"max_participants": [f"Must be at least {event.current_participants}."]},
        )
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    event = Event.objects.select_related("creator__gatherhub_profile").get(pk=event.pk)
    realtime.to_event(event.pk, realtime.MessageType.EVENT_UPDATED, realtime.event_data(event))
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    data = {"id": event.pk, "title": event.title}
    event_id = event.pk
    event.delete()
    realtime.to_event(event_id, realtime.MessageType.EVENT_DELETED, data)


def _locked(event_id: int, user):
    """The event, locked, with `user`'s profile names (so announcing `user` costs no query); 404 if none.

    Only the event's row is locked (`of`): joins and leaves of one event queue on it.
    """
    events = with_profile_names(Event.objects.select_for_update(of=("self",)), user=user)
    events = events.annotate(member_is_in=Exists(Participation.objects.filter(event=OuterRef("pk"), user_id=user.pk)))
    event = get_object_or_404(events, pk=event_id)
    prime_profile(user, event)
    return event


def _already_participant() -> GatherHubError:
    return GatherHubError("You are already a participant of this event.", code=ErrorCode.ALREADY_PARTICIPANT)


@transaction.atomic
def event_join(*, event_id: int, user) -> Event:
    """Add `user` to the event; 400 if already in or full.

    The event row is locked for the check and the increment, so with N places
    left exactly N of any number of concurrent joins succeed. Two concurrent joins
    of one account both see it out (the check reads before the lock is granted):
    the unique (event, user) row lets one in and the other gets the 400.
    """
    event = _locked(event_id, user)
    if event.member_is_in:
        raise _already_participant()
    if event.current_participants >= event.max_participants:
        raise GatherHubError("This event is full.", code=ErrorCode.EVENT_FULL)
    try:
        Participation.objects.create(event=event, user=user)
    except IntegrityError as exc:
        raise _already_participant() from exc
    # The row is locked: the counter in the database is the one read, plus one.
    Event.objects.filter(pk=event.pk).update(current_participants=F("current_participants") + 1)
    event.current_participants += 1
    # The participants so far hear of it on the event's group; the joiner's own sockets with their subscription.
    joined = realtime.frame(realtime.MessageType.EVENT_JOINED, realtime.membership_data(event, user), event_id=event.pk)
    realtime.to_event_frame(event.pk, joined)
    realtime.subscribe(user, event.pk, announce=joined)
    return event


@transaction.atomic
def event_leave(*, event_id: int, user) -> Event:
    """Remove `user` from the event (403 for its creator, 400 if not in); their open tasks become unassigned."""
    event = _locked(event_id, user)
    if event.creator_id == user.pk:
        raise GatherHubForbidden("The event creator cannot leave the event.", code=ErrorCode.CREATOR_CANNOT_LEAVE)
    deleted, _ = Participation.objects.filter(event=event, user=user).delete()
    if not deleted:
        raise GatherHubError("You are not a participant of this event.", code=ErrorCode.NOT_PARTICIPANT)
    Event.objects.filter(pk=event.pk).update(current_participants=F("current_participants") - 1)
    event.current_participants -= 1
    # Tasks may only be assigned to participants.
    Task.objects.filter(event=event, assignee=user).update(assignee=None)
    realtime.to_event(event.pk, realtime.MessageType.EVENT_LEFT, realtime.membership_data(event, user))
    realtime.unsubscribe(user, event.pk)
    return event
