"""Event writes: create, update, delete, and the race-safe join and leave."""

from datetime import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from gatherhub import realtime
from gatherhub.errors import ErrorCode, GatherHubError, GatherHubForbidden
from gatherhub.models import Event, Participation, Task
from gatherhub.selectors import prime_profile, with_profile_names

User = get_user_model()
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


def _locked(event_id: int, user) -> Event | None:
    """The event, locked, with `user`'s profile names (so answering about `user` costs no query); None if none.

    Only the event's row is locked (`of`): joins and leaves of one event queue on it.
    """
    events = with_profile_names(Event.objects.select_for_update(of=("self",)), user=user)
    events = events.annotate(member_is_in=Exists(Participation.objects.filter(event=OuterRef("pk"), user_id=user.pk)))
    event = events.filter(pk=event_id).first()
    if event is not None:
        prime_profile(user, event)
    return event


def _already_participant() -> GatherHubError:
    return GatherHubError("You are already a participant of this event.", code=ErrorCode.ALREADY_PARTICIPANT)


def _no_event() -> Http404:
    return Http404("No Event matches the given query.")


def event_join(*, event_id: int, user) -> Event:
    """Add `user` to the event; 400 if already in or full.

    The event row is locked for the check and the increment, so with N places
    left exactly N of any number of concurrent joins succeed. Two concurrent joins
    of one account both see it out (the check reads before the lock is granted):
    the unique (event, user) row lets one in and the other gets the 400.

    The request writes its own rows only; the `event_joined` frame and the joiner's
    subscription go out from one task queued after commit (`gatherhub.tasks`).
    Refusals are decided before any write and raised after the block, so the block
    needs no savepoint of its own (a caller's transaction is left sound).
    """
    refusal = None
    try:
        with transaction.atomic(savepoint=False):
            event = _locked(event_id, user)
            if event is None:
                refusal = _no_event()
            elif event.member_is_in:
                refusal = _already_participant()
            elif event.current_participants >= event.max_participants:
                refusal = GatherHubError("This event is full.", code=ErrorCode.EVENT_FULL)
            else:
                Participation.objects.create(event=event, user=user)
                # The row is locked: the counter in the database is the one read, plus one.
                Event.objects.filter(pk=event.pk).update(current_participants=F("current_participants") + 1)
                event.current_participants += 1
                _queue_membership_effects(event, user, joined=True)
    except IntegrityError as exc:  # the same account's concurrent join got in first; nothing of this one stays
        raise _already_participant() from exc
    if refusal is not None:
        raise refusal
    return event


def event_leave(*, event_id: int, user) -> Event:
    """Remove `user` from the event (403 for its creator, 400 if not in); their open tasks become unassigned.

    Like `event_join`: own rows in the request, the `event_left` frame and the
    unsubscription from one task after commit.
    """
    refusal = None
    with transaction.atomic(savepoint=False):
        event = _locked(event_id, user)
        if event is None:
            refusal = _no_event()
        elif event.creator_id == user.pk:
            refusal = GatherHubForbidden(
                "The event creator cannot leave the event.", code=ErrorCode.CREATOR_CANNOT_LEAVE
            )
        # The row delete is the guard: of two concurrent leaves of one account only one moves the counter.
        elif not Participation.objects.filter(event=event, user=user).delete()[0]:
            refusal = GatherHubError("You are not a participant of this event.", code=ErrorCode.NOT_PARTICIPANT)
        else:
            Event.objects.filter(pk=event.pk).update(current_participants=F("current_participants") - 1)
            event.current_participants -= 1
            # Tasks may only be assigned to participants: part of the leave itself, not a side effect.
            Task.objects.filter(event=event, assignee=user).update(assignee=None)
            _queue_membership_effects(event, user, joined=False)
    if refusal is not None:
        raise refusal
    return event


def _queue_membership_effects(event: Event, user, *, joined: bool) -> None:
    from gatherhub.tasks import event_membership_effects

    # The count as of this change travels with the ids: the frame reports this join or leave, not a later one.
    args = (event.pk, user.pk, joined, event.current_participants)
    transaction.on_commit(partial(event_membership_effects.delay, *args))


def event_membership_announce(*, event_id: int, user_id: int, joined: bool, current_participants: int) -> None:
    """`event_joined`/`event_left` to the event's participants, and the account's sockets (un)subscribed.

    Subscribing twice changes nothing; a second run repeats the frame, which carries the
    same state (clients apply it as such).
    """
    user = User.objects.select_related("gatherhub_profile").filter(pk=user_id).first()
    event = Event.objects.filter(pk=event_id).only("id", "title").first()
    if user is None:
        return
    if event is None:  # deleted since: there is nothing to announce, only the group to leave
        realtime.unsubscribe(user, event_id)
        return
    event.current_participants = current_participants
    kind = realtime.MessageType.EVENT_JOINED if joined else realtime.MessageType.EVENT_LEFT
    changed = realtime.frame(kind, realtime.membership_data(event, user), event_id=event.pk)
    if joined:
        # The participants so far hear of it on the event's group; the joiner's own sockets with their subscription.
        realtime.to_event_frame(event.pk, changed)
        realtime.subscribe(user, event.pk, announce=changed)
    else:
        realtime.to_event_frame(event.pk, changed)
        realtime.unsubscribe(user, event.pk)
