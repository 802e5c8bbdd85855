"""Live updates: the `{type, data, timestamp}` frames of /gatherhub/ws/events/ and who receives them.

Every socket of an account listens on the account's group and on one group per
event the account takes part in. Event, task and vote changes go to the event's
group, so only its participants see them. Creating, joining or leaving sends the
account's own sockets a control message (not forwarded as such) that adds or
removes the event's group, so a socket follows memberships without reconnecting.
"""

from datetime import UTC

from core.api.envelopes import utc_timestamp
from core.realtime.consumers import realm_group, user_group
from core.realtime.publish import publish_to_group, send_to_group

REALM = "gatherhub"
SUBSCRIPTION_MESSAGE = "gatherhub.subscription"


class MessageType:
    EVENT_CREATED = "event_created"
    EVENT_UPDATED = "event_updated"
    EVENT_DELETED = "event_deleted"
    EVENT_JOINED = "event_joined"
    EVENT_LEFT = "event_left"
    TASK_CREATED = "task_created"
    TASK_UPDATED = "task_updated"
    TASK_ASSIGNED = "task_assigned"
    TASK_COMPLETED = "task_completed"
    VOTE_CREATED = "vote_created"
    VOTE_CAST = "vote_cast"
    VOTE_RESULTS = "vote_results"
    VOTE_ENDED = "vote_ended"


EVENT_GROUP_PREFIX = f"{REALM}.event."


def event_group(event_id: int) -> str:
    return realm_group(REALM, "event", event_id)


def frame(message_type: str, data: dict, *, event_id: int) -> dict:
    """`{type, data, timestamp}`; `data.event_id` names the event concerned (sockets filter on it too)."""
    return {"type": message_type, "data": {**data, "event_id": event_id}, "timestamp": utc_timestamp()}


def to_event(event_id: int, message_type: str, data: dict) -> None:
    """Send a frame to every socket of the event's participants, after the transaction commits."""
    to_event_frame(event_id, frame(message_type, data, event_id=event_id))


def to_event_frame(event_id: int, payload: dict) -> None:
    publish_to_group(event_group(event_id), payload)


def subscribe(user, event_id: int, *, announce: dict | None = None) -> None:
    """After commit, add the event's group to every open socket of `user`, then send them `announce` (a frame).

    The announcement rides on the subscription so that it reaches the account's
    sockets exactly when they start following the event, neither before nor twice.
    """
    _control(user, {"event_id": event_id, "subscribed": True, "announce": announce})


def unsubscribe(user, event_id: int) -> None:
    _control(user, {"event_id": event_id, "subscribed": False, "announce": None})


def _control(user, change: dict) -> None:
    send_to_group(user_group(user.realm, user.pk), {"type": SUBSCRIPTION_MESSAGE, **change})


# --- Frame data -----------------------------------------------------------------
# Plain dicts in the shapes of the API's own representations, built here so that
# services need not know the API serializers.


def iso(value):
    """Datetimes as the API writes them: UTC, whole seconds, `Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_data(user) -> dict | None:
    from gatherhub.models import names_of

    if user is None:
        return None
    first_name, last_name = names_of(user)
    return {"id": user.public_id, "username": user.username, "first_name": first_name, "last_name": last_name}


def event_data(event) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "date": iso(event.date),
        "location": event.location,
        "max_participants": event.max_participants,
        "current_participants": event.current_participants,
        "status": event.status,
        "creator": user_data(event.creator),
        "created_at": iso(event.created_at),
        "updated_at": iso(event.updated_at),
    }


def membership_data(event, user) -> dict:
    return {
        "event": {"id": event.pk, "title": event.title, "current_participants": event.current_participants},
        "user": user_data(user),
        # superset for the GatherHub frontend (issue #15): it reads the count at the top level.
        "current_participants": event.current_participants,
    }


def task_data(task) -> dict:
    return {
        "id": task.pk,
        "title": task.title,
        "description": task.description,
        "status": task.status,
        "priority": task.priority,
        "due_date": iso(task.due_date),
        "event": {"id": task.event_id, "title": task.event.title},
        "assignee": user_data(task.assignee),
        "creator": user_data(task.creator),
        "completed_at": iso(task.completed_at),
        "updated_at": iso(task.updated_at),
    }


def vote_data(vote) -> dict:
    return {
        "id": vote.pk,
        "title": vote.title,
        "description": vote.description,
        "status": vote.status,
        "event": {"id": vote.event_id, "title": vote.event.title},
        "creator": user_data(vote.creator),
        "options": [{"id": option.pk, "text": option.text} for option in vote.options.all()],
        "ends_at": iso(vote.ends_at),
        "multiple_choice": vote.multiple_choice,
        "created_at": iso(vote.created_at),
    }


def results_data(results: dict) -> dict:
    """A vote's results (selectors.vote_results) with its datetime written as the API writes it."""
    return {**results, "ends_at": iso(results["ends_at"])}
