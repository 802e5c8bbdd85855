"""Vote writes: create a vote with its options, cast a ballot once, and close ended votes."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from gatherhub import realtime
from gatherhub.errors import ErrorCode, GatherHubError, GatherHubForbidden
from gatherhub.models import Ballot, Event, Participation, Vote, VoteOption
from gatherhub.selectors import is_participant, prime_profile, vote_results, vote_with_options, with_profile_names

User = get_user_model()
MIN_OPTIONS = 2
MAX_OPTIONS = 20


@transaction.atomic
def vote_create(
    *,
    creator,
    event: Event,
    title: str,
    options: Sequence[str],
    ends_at: datetime | None = None,
    description: str = "",
    multiple_choice: bool = False,
) -> Vote:
    """Open a vote in an event the creator takes part in (403 otherwise), with at least two options."""
    if not is_participant(event_id=event.pk, user=creator):
        raise GatherHubForbidden(
            "Only participants of the event can open a vote in it.", code=ErrorCode.NOT_PARTICIPANT
        )
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise GatherHubError(
            f"A vote needs between {MIN_OPTIONS} and {MAX_OPTIONS} options.",
            code=ErrorCode.INVALID_OPTION,
            details={"options": [f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options."]},
        )
    if ends_at is not None and ends_at <= timezone.now():
        raise GatherHubError(
            "ends_at must be in the future.", code="validation_error", details={"ends_at": ["Must be in the future."]}
        )
    vote = Vote.objects.create(
        event=event,
        creator=creator,
        title=title,
        description=description,
        ends_at=ends_at,
        multiple_choice=multiple_choice,
    )
    VoteOption.objects.bulk_create(
        VoteOption(vote=vote, text=text, position=position) for position, text in enumerate(options)
    )
    vote = vote_with_options(vote_id=vote.pk)
    realtime.to_event(vote.event_id, realtime.MessageType.VOTE_CREATED, realtime.vote_data(vote))
    return vote


@dataclass(frozen=True)
class Cast:
    """A ballot just cast: its options (ids, ascending) and the vote's results counting it."""

    ballot: Ballot
    option_ids: list[int]
    results: dict


def vote_cast(*, vote_id: int, user, option_ids: Sequence[int]) -> Cast:
    """Record `user`'s choice: once per account, one option unless the vote is multiple choice.

    403 if the vote has ended or `user` is not a participant of its event; 400 if
    already voted or an option is not the vote's. The unique (vote, user) row
    decides between concurrent casts of one account: exactly one is counted.

    The request writes the ballot and its choices and answers with the results; the
    `vote_cast` and `vote_results` frames go out from one task queued after commit.
    Refusals are decided before any write and raised after the block, so the block
    needs no savepoint of its own; a concurrent cast's unique-row refusal is a
    database error that leaves the transaction at once (spoiling a caller's, if any).
    """
    ids = list(dict.fromkeys(option_ids))
    try:
        with transaction.atomic(savepoint=False):
            # One query answers who may vote for what; `user`'s names come along for the answer.
            votes = with_profile_names(Vote.objects.all(), user=user).annotate(
                voter_is_participant=Exists(Participation.objects.filter(event=OuterRef("event_id"), user_id=user.pk)),
                voter_has_voted=Exists(Ballot.objects.filter(vote=OuterRef("pk"), user_id=user.pk)),
                options_found=Subquery(
                    VoteOption.objects.filter(vote=OuterRef("pk"), pk__in=ids)
                    .order_by()
                    .values("vote")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
            )
            vote = votes.filter(pk=vote_id).first()
            refusal = _cast_refusal(vote, ids)
            if refusal is None:
                ballot = Ballot.objects.create(vote=vote, user=user)
                chosen = Ballot.options.through
                chosen.objects.bulk_create(chosen(ballot=ballot, voteoption_id=option_id) for option_id in ids)
                prime_profile(user, vote)
                results = vote_results(vote=vote)
                transaction.on_commit(partial(_queue_cast_effects, vote.pk, user.pk, sorted(ids)))
    except IntegrityError as exc:  # the same account's concurrent cast was counted first
        raise _already_voted() from exc
    if refusal is not None:
        raise refusal
    return Cast(ballot=ballot, option_ids=sorted(ids), results=results)


def _cast_refusal(vote: Vote | None, ids: list[int]) -> Exception | None:
    """Why `vote` (a row of vote_cast's query) refuses this cast, or None when it is accepted."""
    if vote is None:
        return Http404("No Vote matches the given query.")
    if not vote.voter_is_participant:
        return GatherHubForbidden("Only participants of the event can vote.", code=ErrorCode.NOT_PARTICIPANT)
    if vote.ends_at is not None and timezone.now() >= vote.ends_at:
        return GatherHubForbidden("Voting has ended.", code=ErrorCode.VOTING_ENDED)
    try:
        _check_choice(vote, ids)
    except GatherHubError as refusal:
        return refusal
    if vote.voter_has_voted:
        return _already_voted()
    return None


def _queue_cast_effects(vote_id: int, user_id: int, option_ids: list[int]) -> None:
    from gatherhub.tasks import vote_cast_effects

    vote_cast_effects.delay(vote_id, user_id, option_ids)


def vote_cast_announce(*, vote_id: int, user_id: int, option_ids: list[int]) -> None:
    """`vote_cast` (who chose what, in the vote's order) and `vote_results` (counted now) to the event's participants.

    A second run repeats the two frames with the results as they then stand.
    """
    vote = Vote.objects.filter(pk=vote_id).only("id", "event_id", "title", "ends_at").first()
    user = User.objects.select_related("gatherhub_profile").filter(pk=user_id).first()
    if vote is None or user is None:
        return
    results = vote_results(vote=vote)
    chosen = set(option_ids)
    in_order = [row["option_id"] for row in results["results"] if row["option_id"] in chosen]
    realtime.to_event(
        vote.event_id,
        realtime.MessageType.VOTE_CAST,
        {"vote_id": vote.pk, "user": realtime.user_data(user), "options": in_order},
    )
    realtime.to_event(vote.event_id, realtime.MessageType.VOTE_RESULTS, realtime.results_data(results))


def _already_voted() -> GatherHubError:
    return GatherHubError("You have already voted.", code=ErrorCode.ALREADY_VOTED)


def _check_choice(vote: Vote, ids: list[int]) -> None:
    """400 `invalid_option` unless `ids` (distinct) are one or more of the vote's options (`options_found` of them)."""
    if not ids:
        raise GatherHubError(
            "Choose at least one option.",
            code=ErrorCode.INVALID_OPTION,
            details={"options": ["Choose at least one option."]},
        )
    if len(ids) > 1 and not vote.multiple_choice:
        raise GatherHubError(
            "This vote allows one option only.",
            code=ErrorCode.INVALID_OPTION,
            details={"options": ["This vote allows one option only."]},
        )
    if (vote.options_found or 0) != len(ids):
        known = set(VoteOption.objects.filter(vote=vote, pk__in=ids).values_list("pk", flat=True))
        unknown = sorted(set(ids) - known)
        raise GatherHubError(
            "Invalid option for this vote.",
            code=ErrorCode.INVALID_OPTION,
            details={"options": [f"Not an option of this vote: {', '.join(map(str, unknown))}."]},
        )


def vote_close(*, vote_id: int) -> bool:
    """Mark an ended vote closed and announce `vote_ended` with its results; True only the first time."""
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update(skip_locked=True)
            .filter(pk=vote_id, closed_at__isnull=True, ends_at__lte=timezone.now())
            .first()
        )
        if vote is None:
            return False
        vote.closed_at = timezone.now()
        vote.save(update_fields=["closed_at"])
        realtime.to_event(
            vote.event_id, realtime.MessageType.VOTE_ENDED, realtime.results_data(vote_results(vote=vote))
        )
        return True


def votes_close_ended(*, limit: int = 500) -> int:
    """Close every ended, unannounced vote (at most `limit` per run); how many were closed."""
    due = Vote.objects.filter(closed_at__isnull=True, ends_at__lte=timezone.now()).order_by("ends_at")
    return sum(vote_close(vote_id=vote_id) for vote_id in due.values_list("pk", flat=True)[:limit])
