"""The hot reads' bodies built straight from `.values()` rows (see gatherhub.selectors).

Field for field, in the same order and formats, what the DRF serializers beside this module produce
(EventSerializer, EventDetailSerializer, TaskSerializer, VoteDetailSerializer, VoteResultsSerializer,
CastResponseSerializer): those still describe the endpoints in the schema and serve the other
endpoints. Building plain dicts skips the per-field machinery of DRF, which cost more than the
queries on the lists and on an event with hundreds of participants.
`gatherhub/tests/api/test_rows.py` holds both to the same output.
"""

from datetime import datetime

from django.utils import timezone

from core.api.rendering import datetime_text
from gatherhub.models import event_status_at, vote_status_at


class Clock:
    """The instant and time zone of one response: statuses and datetimes as DRF would write them."""

    def __init__(self):
        self.now = timezone.now()
        self.zone = timezone.get_current_timezone()

    def iso(self, value: datetime | None) -> str | None:
        """DRF's DateTimeField.to_representation (core.api.rendering.datetime_text), in the zone looked up once."""
        return datetime_text(value, self.zone)


def _user_keys(path: str) -> tuple[str, ...]:
    return tuple(
        f"{path}__{name}"
        for name in ("id", "username", "name", "gatherhub_profile__first_name", "gatherhub_profile__last_name")
    )


_KEYS = {path: _user_keys(path) for path in ("creator", "assignee", "user")}


def user_summary(row: dict, path: str) -> dict | None:
    """`{id, username, first_name, last_name}` of the account at `path` (selectors.user_values), None if none."""
    id_key, username_key, name_key, first_key, last_key = _KEYS[path]
    return account_summary((row[id_key], row[username_key], row[name_key], row[first_key], row[last_key]))


def account_summary(values: tuple) -> dict | None:
    """`{id, username, first_name, last_name}` from the `user_values` columns in order, None without an account.

    The names are the profile's, else the platform name split once (models.names_of).
    """
    user_id, username, name, first_name, last_name = values
    if user_id is None:
        return None
    if first_name is None:
        first_name, _, last_name = (name or "").partition(" ")
    return {"id": user_id, "username": username, "first_name": first_name, "last_name": last_name}


def event_data(row: dict, clock: Clock) -> dict:
    """EventSerializer from a selectors.EVENT_VALUES row."""
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "date": clock.iso(row["date"]),
        "location": row["location"],
        "max_participants": row["max_participants"],
        "current_participants": row["current_participants"],
        "status": str(event_status_at(row["date"], clock.now)),
        "creator": user_summary(row, "creator"),
        "created_at": clock.iso(row["created_at"]),
        "updated_at": clock.iso(row["updated_at"]),
    }


def event_detail_data(page, *, clock: Clock) -> dict:
    """EventDetailSerializer from an event's page as read (selectors.EventPage: its row and its lists' tuples)."""
    body = event_data(page.event, clock)
    stamps = {"created_at": body.pop("created_at"), "updated_at": body.pop("updated_at")}
    body["participants"] = [account_summary(participant) for participant in page.participants]
    body["tasks"] = [{"id": task_id, "title": title, "status": status} for task_id, title, status in page.tasks]
    body["votes"] = [
        {"id": vote_id, "title": title, "status": str(vote_status_at(ends_at, clock.now))}
        for vote_id, title, ends_at in page.votes
    ]
    body.update(stamps)
    return body


def task_data(row: dict, clock: Clock) -> dict:
    """TaskSerializer from a selectors.TASK_VALUES row."""
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "status": row["status"],
        "priority": row["priority"],
        "due_date": clock.iso(row["due_date"]),
        "event": {"id": row["event_id"], "title": row["event__title"]},
        "assignee": user_summary(row, "assignee"),
        "creator": {"id": row["creator__id"], "username": row["creator__username"]},
        "completed_at": clock.iso(row["completed_at"]),
        "created_at": clock.iso(row["created_at"]),
        "updated_at": clock.iso(row["updated_at"]),
    }


def _tally(option_id: int, text: str, count: int, total: int) -> dict:
    return {
        "id": option_id,
        "text": text,
        "vote_count": count,
        "percentage": round(count * 100 / total, 1) if total else 0.0,
    }


def user_vote_data(*, option_ids: list[int], voted_at: datetime | None, clock: Clock) -> dict | None:
    """UserVoteSerializer: the option chosen (the lowest id), all of them (ascending), and when; None if no ballot."""
    if voted_at is None:
        return None
    option_ids = sorted(option_ids)
    return {
        "option_id": option_ids[0] if option_ids else None,
        "option_ids": option_ids,
        "voted_at": clock.iso(voted_at),
    }


def vote_detail_data(row: dict, options, clock: Clock) -> dict:
    """VoteDetailSerializer from a selectors.vote_detail_rows row and its selectors.vote_option_rows."""
    options = list(options)
    total = sum(option["vote_count"] for option in options)
    voted_at = row["own_voted_at"]
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "status": str(vote_status_at(row["ends_at"], clock.now)),
        "event": {"id": row["event_id"], "title": row["event__title"], "date": clock.iso(row["event__date"])},
        "creator": {"id": row["creator__id"], "username": row["creator__username"]},
        "options": [_tally(option["id"], option["text"], option["vote_count"], total) for option in options],
        "total_votes": total,
        "user_voted": voted_at is not None,
        "user_vote": user_vote_data(
            option_ids=[option["id"] for option in options if option["mine"]], voted_at=voted_at, clock=clock
        ),
        "ends_at": clock.iso(row["ends_at"]),
        "multiple_choice": row["multiple_choice"],
        "created_at": clock.iso(row["created_at"]),
    }


def results_data(results: dict, clock: Clock) -> dict:
    """VoteResultsSerializer from selectors.vote_results (or vote_results_by_id)."""
    return {
        "id": results["id"],
        "title": results["title"],
        "status": str(results["status"]),
        "total_votes": results["total_votes"],
        "results": [dict(row) for row in results["results"]],
        "ends_at": clock.iso(results["ends_at"]),
        "winner": results["winner"],
        "is_tie": results["is_tie"],
    }


def cast_data(cast, clock: Clock) -> dict:
    """CastResponseSerializer from services.votes.Cast."""
    results = cast.results
    return {
        "message": "Vote cast successfully",
        "vote": {
            "id": results["id"],
            "title": results["title"],
            "user_vote": user_vote_data(option_ids=cast.option_ids, voted_at=cast.ballot.voted_at, clock=clock),
            "total_votes": results["total_votes"],
        },
    }
