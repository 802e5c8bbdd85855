"""GatherHub's reads: querysets with their joins and counts, so that list queries stay flat, and vote results."""

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from gatherhub.models import Ballot, Event, Participation, Task, Vote, VoteOption

USER_JOINS = ("gatherhub_profile",)


def _user(path: str) -> list[str]:
    """select_related paths for a user and the profile its names come from."""
    return [path, *(f"{path}__{join}" for join in USER_JOINS)]


def is_participant(*, event_id: int, user) -> bool:
    return Participation.objects.filter(event_id=event_id, user=user).exists()


def participant_event_ids(*, user) -> QuerySet:
    """The ids of the events `user` takes part in, as a subquery."""
    return Participation.objects.filter(user=user).values("event_id")


# --- Events -------------------------------------------------------------------


def event_list() -> QuerySet[Event]:
    """Every event of the realm (events are public to its accounts), with creators' names joined."""
    return Event.objects.select_related(*_user("creator"))


def event_detail(*, user) -> QuerySet[Event]:
    """Events with participants, tasks and votes prefetched; tasks only of events `user` takes part in."""
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


# --- Votes --------------------------------------------------------------------


def vote_list() -> QuerySet[Vote]:
    """Every vote of the realm with `total_votes`: options chosen, over all ballots."""
    # Explicit order: Meta.ordering does not apply to aggregating queries.
    return (
        Vote.objects.select_related("event", *_user("creator"))
        .annotate(total_votes=Count("ballots__options"))
        .order_by("-created_at", "-id")
    )


def vote_detail(*, user) -> QuerySet[Vote]:
    """Votes with options counted and `user`'s own ballot prefetched."""
    return vote_list().prefetch_related(
        Prefetch("options", queryset=VoteOption.objects.annotate(vote_count=Count("ballots"))),
        Prefetch(
            "ballots", queryset=Ballot.objects.filter(user=user).prefetch_related("options"), to_attr="own_ballots"
        ),
    )


def vote_with_options(*, vote_id: int) -> Vote:
    return Vote.objects.select_related("event", *_user("creator")).prefetch_related("options").get(pk=vote_id)


def option_tallies(vote: Vote) -> list[dict]:
    """Each option with `vote_count` and `percentage` of all options chosen (one decimal)."""
    options = getattr(vote, "_prefetched_objects_cache", {}).get("options")
    if options is None or any(not hasattr(option, "vote_count") for option in options):
        options = list(VoteOption.objects.filter(vote=vote).annotate(vote_count=Count("ballots")))
    total = sum(option.vote_count for option in options)
    return [
        {
            "option_id": option.pk,
            "text": option.text,
            "vote_count": option.vote_count,
            "percentage": round(option.vote_count * 100 / total, 1) if total else 0.0,
        }
        for option in options
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
    tallies = option_tallies(vote)
    return {
        "id": vote.pk,
        "title": vote.title,
        "status": vote.status,
        "total_votes": sum(row["vote_count"] for row in tallies),
        "results": tallies,
        "ends_at": vote.ends_at,
        "winner": winner_of(tallies),
        "is_tie": _is_tie(tallies),
    }


def _is_tie(tallies: list[dict]) -> bool:
    counts = [row["vote_count"] for row in tallies]
    top = max(counts, default=0)
    return top > 0 and counts.count(top) > 1
