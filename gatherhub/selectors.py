"""GatherHub's reads: querysets with their joins and counts, so that list queries stay flat, and vote results.

The hot reads (event and task lists, event and vote detail, results) come as `.values()` rows:
one query per table or less and no model instances; `gatherhub.api.serializers.rows` turns them
into the documented shapes. Model querysets remain for the writes and their responses.
"""

import json
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Exists, Expression, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField

from core.compiled_queries import CompiledQuery
from gatherhub.models import Ballot, Event, Participation, Profile, Task, Vote, VoteOption, vote_status_at

USER_JOINS = ("gatherhub_profile",)


def _user(path: str) -> list[str]:
    """select_related paths for a user and the profile its names come from."""
    return [path, *(f"{path}__{join}" for join in USER_JOINS)]


def user_values(path: str) -> list[str]:
    """`.values()` paths of an account seen from a row: id, username, platform name, profile names.

    The profile's names are None when the account has no profile (see `models.names_of`).
    """
    return [
        f"{path}__id",
        f"{path}__username",
        f"{path}__name",
        f"{path}__gatherhub_profile__first_name",
        f"{path}__gatherhub_profile__last_name",
    ]


def with_profile_names(queryset: QuerySet, *, user) -> QuerySet:
    """Annotates `user`'s profile names (None without a profile), for `prime_profile`, in the same query."""
    profile = Profile.objects.filter(user_id=user.pk)
    return queryset.annotate(
        member_first_name=Subquery(profile.values("first_name")[:1]),
        member_last_name=Subquery(profile.values("last_name")[:1]),
    )


def prime_profile(user, row) -> None:
    """Caches `user.gatherhub_profile` from a row of `with_profile_names`: naming `user` then costs no query."""
    profile = None
    if row.member_first_name is not None:
        profile = Profile(user_id=user.pk, first_name=row.member_first_name, last_name=row.member_last_name)
    type(user)._meta.get_field("gatherhub_profile").set_cached_value(user, profile)


def is_participant(*, event_id: int, user) -> bool:
    return Participation.objects.filter(event_id=event_id, user=user).exists()


def participant_event_ids(*, user) -> QuerySet:
    """The ids of the events `user` takes part in, as a subquery."""
    return Participation.objects.filter(user=user).values("event_id")


# --- Events -------------------------------------------------------------------


def event_list() -> QuerySet[Event]:
    """Every event of the realm (events are public to its accounts), with creators' names joined."""
    return Event.objects.select_related(*_user("creator"))


# Rows of the event list (with Rows) and of the event detail.
EVENT_VALUES = (
    "id",
    "title",
    "description",
    "date",
    "location",
    "max_participants",
    "current_participants",
    "created_at",
    "updated_at",
    *user_values("creator"),
)


class Rows:
    """A filtered model queryset for a paginator: counted as it is, its pages read as `.values(*fields)` rows.

    The joins of the fields (creator, assignee, profiles...) are made for the page's rows only: the
    count does without them, and a page is one query that picks the page's ids (filtered, ordered,
    sliced, no joins) in a subquery and joins the rest to those. Joining first would join every
    matching row before sorting them (all of an account's tasks, to show twenty).
    """

    def __init__(self, queryset: QuerySet, fields):
        self.queryset, self.fields = queryset, fields

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice):
        model = self.queryset.model
        ordering = self.queryset.query.order_by or model._meta.ordering
        page = self.queryset.values("pk")[index]
        return model._default_manager.filter(pk__in=page).order_by(*ordering).values(*self.fields)


# An event's page is the hottest read: its four statements are compiled once (core.compiled_queries)
# and read as tuples on one cursor (CompiledQuery.rows): the busiest events have hundreds of participants.
_EVENT_COLUMNS = (*EVENT_VALUES, "viewer_is_participant")
_EVENT_DETAIL_ROW = CompiledQuery(
    lambda event_id, user_id: (
        Event.objects.filter(pk=event_id)
        .values_list(*EVENT_VALUES)
        .annotate(viewer_is_participant=Exists(Participation.objects.filter(event=OuterRef("pk"), user_id=user_id)))
    )
)
_PARTICIPANT_ROWS = CompiledQuery(
    lambda event_id: (
        Participation.objects.filter(event_id=event_id).order_by("joined_at", "id").values_list(*user_values("user"))
    )
)
_TASK_ROWS = CompiledQuery(
    lambda event_id: (
        Task.objects.filter(event_id=event_id).order_by("created_at", "id").values_list("id", "title", "status")
    )
)
_VOTE_ROWS = CompiledQuery(
    lambda event_id: (
        Vote.objects.filter(event_id=event_id).order_by("created_at", "id").values_list("id", "title", "ends_at")
    )
)


class EventPage(NamedTuple):
    """An event's page as read: its EVENT_VALUES row (a dict, with `viewer_is_participant`) and its lists as tuples."""

    event: dict
    participants: list[tuple]  # user_values("user"), in the order they joined
    tasks: list[tuple]  # (id, title, status); none unless the viewer takes part
    votes: list[tuple]  # (id, title, ends_at)


def event_page(*, event_id: int, user) -> EventPage | None:
    """The event `event_id` as its page shows it to `user`, in four statements on one cursor; None if none."""
    with connection.cursor() as cursor:
        found = _EVENT_DETAIL_ROW.rows(event_id=event_id, user_id=user.pk, cursor=cursor)
        if not found:
            return None
        event = dict(zip(_EVENT_COLUMNS, found[0], strict=True))
        return EventPage(
            event,
            _PARTICIPANT_ROWS.rows(event_id=event_id, cursor=cursor),
            _TASK_ROWS.rows(event_id=event_id, cursor=cursor) if event["viewer_is_participant"] else [],
            _VOTE_ROWS.rows(event_id=event_id, cursor=cursor),
        )


def event_detail(*, user) -> QuerySet[Event]:
    """Events with participants, tasks and votes prefetched; tasks only of events `user` takes part in.

    The model reading of EventDetailSerializer; the endpoint reads rows (event_page), held to the
    same body by tests/api/test_rows.py.
    """
    return (
        event_list()
        .annotate(viewer_is_participant=Exists(Participation.objects.filter(event=OuterRef("pk"), user=user)))
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related(*_user("user"))),
            Prefetch(
                "tasks", queryset=Task.objects.filter(event__participations__user=user).order_by("created_at", "id")
            ),
            Prefetch("votes", queryset=Vote.objects.order_by("created_at", "id")),
        )
    )


# --- Tasks --------------------------------------------------------------------


def task_list(*, user) -> QuerySet[Task]:
    """Tasks of the events `user` takes part in."""
    return Task.objects.filter(event_id__in=participant_event_ids(user=user)).select_related(
        "event", *_user("assignee"), *_user("creator")
    )


# Rows of the task list (with Rows): the event's title and the assignee's and creator's names joined.
TASK_VALUES = (
    "id",
    "title",
    "description",
    "status",
    "priority",
    "due_date",
    "event_id",
    "event__title",
    *user_values("assignee"),
    "creator__id",
    "creator__username",
    "completed_at",
    "created_at",
    "updated_at",
)


# --- Votes --------------------------------------------------------------------


def vote_list() -> QuerySet[Vote]:
    """Every vote of the realm with `total_votes`: options chosen, over all ballots."""
    # Explicit order: Meta.ordering does not apply to aggregating queries.
    return (
        Vote.objects.select_related("event", *_user("creator"))
        .annotate(total_votes=Count("ballots__options"))
        .order_by("-created_at", "-id")
    )


class OptionSummaries(Expression):
    """A vote's options as a JSON array text `[{id, text, vote_count}]`, in option order, in the vote's own row.

    A correlated subquery rather than a prefetch, so that a page of votes stays one query
    (the list's flat query count). Django has no portable JSON array aggregate, hence the SQL;
    it holds table and column names from the models only, no values.
    """

    output_field = TextField()

    def get_group_by_cols(self):
        return []  # a function of the vote's id, which the aggregating list already groups by

    def _parts(self, compiler) -> tuple[str, str, str]:
        """(the options table, the ballot count of option `o`, the outer vote's id column)."""
        quote = compiler.quote_name_unless_alias
        chosen = quote(Ballot.options.through._meta.db_table)
        counted = f"(SELECT COUNT(*) FROM {chosen} c WHERE c.voteoption_id = o.id)"  # noqa: S608 (names only)
        outer = f"{quote(Vote._meta.db_table)}.{quote(Vote._meta.pk.column)}"
        return quote(VoteOption._meta.db_table), counted, outer

    def as_sql(self, compiler, connection):  # SQLite
        options, counted, outer = self._parts(compiler)
        items = "json_group_array(json_object('id', s.id, 'text', s.text, 'vote_count', s.vote_count))"
        return (
            f"(SELECT COALESCE({items}, '[]') FROM (SELECT o.id AS id, o.text AS text, {counted} AS vote_count"  # noqa: S608
            f" FROM {options} o WHERE o.vote_id = {outer} ORDER BY o.position, o.id) s)",
            [],
        )

    def as_postgresql(self, compiler, connection):
        options, counted, outer = self._parts(compiler)
        item = f"json_build_object('id', o.id, 'text', o.text, 'vote_count', {counted})"
        items = f"json_agg({item} ORDER BY o.position, o.id)"
        return (f"(SELECT COALESCE({items}, '[]'::json)::text FROM {options} o WHERE o.vote_id = {outer})", [])  # noqa: S608


def vote_list_with_options() -> QuerySet[Vote]:
    """`vote_list` with `option_summaries` on each vote (read by `option_summaries_of`)."""
    # superset for the GatherHub frontend (issue #15): list items carry their options.
    return vote_list().annotate(option_summaries=OptionSummaries())


def option_summaries_of(vote) -> list[dict]:
    """`[{id, text, vote_count}]` of a vote: annotated by `vote_list_with_options`, else counted now."""
    summaries = getattr(vote, "option_summaries", None)
    if summaries is not None:
        return json.loads(summaries)
    return [
        {"id": row["option_id"], "text": row["text"], "vote_count": row["vote_count"]} for row in option_tallies(vote)
    ]


def vote_detail(*, user) -> QuerySet[Vote]:
    """Votes with options counted and `user`'s own ballot prefetched.

    The model reading of VoteDetailSerializer; the endpoint reads rows (vote_detail_rows and
    vote_option_rows), held to the same body by tests/api/test_rows.py.
    """
    return vote_list().prefetch_related(
        Prefetch("options", queryset=VoteOption.objects.annotate(vote_count=Count("ballots"))),
        Prefetch(
            "ballots", queryset=Ballot.objects.filter(user=user).prefetch_related("options"), to_attr="own_ballots"
        ),
    )


VOTE_VALUES = (
    "id",
    "title",
    "description",
    "event_id",
    "event__title",
    "event__date",
    "creator__id",
    "creator__username",
    "ends_at",
    "multiple_choice",
    "created_at",
)


def vote_detail_rows(*, user) -> QuerySet[dict]:
    """Votes as rows with `own_voted_at`: when `user` cast a ballot in it (None if not)."""
    own = Ballot.objects.filter(vote=OuterRef("pk"), user_id=user.pk).values("voted_at")[:1]
    return Vote.objects.values(*VOTE_VALUES).annotate(own_voted_at=Subquery(own))


def vote_option_rows(*, vote_id: int, user) -> QuerySet[dict]:
    """A vote's options in order with `vote_count` (ballots choosing it) and `mine` (1 if `user`'s ballot did)."""
    return (
        VoteOption.objects.filter(vote_id=vote_id)
        .annotate(vote_count=Count("ballots"), mine=Count("ballots", filter=Q(ballots__user_id=user.pk)))
        .values("id", "text", "vote_count", "mine")
        .order_by("position", "id")
    )


def vote_results_by_id(*, vote_id: int) -> dict | None:
    """`vote_results` of a vote by id in one query (the vote left-joined to its options); None if there is none."""
    rows = list(
        Vote.objects.filter(pk=vote_id)
        .values("title", "ends_at", "options__id", "options__text")
        .annotate(vote_count=Count("options__ballots"))
        .order_by("options__position", "options__id")
    )
    if not rows:
        return None
    tallies = tallies_of(
        (row["options__id"], row["options__text"], row["vote_count"]) for row in rows if row["options__id"] is not None
    )
    return _results(vote_id=vote_id, title=rows[0]["title"], ends_at=rows[0]["ends_at"], tallies=tallies)


def vote_with_options(*, vote_id: int) -> Vote:
    return Vote.objects.select_related("event", *_user("creator")).prefetch_related("options").get(pk=vote_id)


def option_tallies(vote: Vote) -> list[dict]:
    """Each option with `vote_count` and `percentage` of all options chosen (one decimal)."""
    options = getattr(vote, "_prefetched_objects_cache", {}).get("options")
    if options is None or any(not hasattr(option, "vote_count") for option in options):
        options = list(VoteOption.objects.filter(vote=vote).annotate(vote_count=Count("ballots")))
    return tallies_of((option.pk, option.text, option.vote_count) for option in options)


def tallies_of(options) -> list[dict]:
    """`option_tallies` from `(option id, text, vote count)` triples in option order."""
    options = list(options)
    total = sum(count for _, _, count in options)
    return [
        {
            "option_id": option_id,
            "text": text,
            "vote_count": count,
            "percentage": round(count * 100 / total, 1) if total else 0.0,
        }
        for option_id, text, count in options
    ]


def winner_of(tallies: list[dict]) -> dict | None:
    """The option with the most votes; None when nobody has voted or the lead is shared (a tie)."""
    if not tallies:
        return None
    top = max(row["vote_count"] for row in tallies)
    leaders = [row for row in tallies if row["vote_count"] == top]
    if top == 0 or len(leaders) > 1:
        return None
    return {"option_id": leaders[0]["option_id"], "text": leaders[0]["text"]}


def vote_results(*, vote: Vote) -> dict:
    """The results body of a vote: tallies, total, status and winner (see `winner_of` for ties)."""
    return _results(vote_id=vote.pk, title=vote.title, ends_at=vote.ends_at, tallies=option_tallies(vote))


def _results(*, vote_id: int, title: str, ends_at, tallies: list[dict]) -> dict:
    return {
        "id": vote_id,
        "title": title,
        "status": vote_status_at(ends_at),
        "total_votes": sum(row["vote_count"] for row in tallies),
        "results": tallies,
        "ends_at": ends_at,
        "winner": winner_of(tallies),
        "is_tie": _is_tie(tallies),
    }


def _is_tie(tallies: list[dict]) -> bool:
    counts = [row["vote_count"] for row in tallies]
    top = max(counts, default=0)
    return top > 0 and counts.count(top) > 1
