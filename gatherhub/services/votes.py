"""Vote writes: create a vote with its options, cast a ballot once, and close ended votes."""

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gatherhub import realtime
from gatherhub.errors import ErrorCode, GatherHubError, GatherHubForbidden
from gatherhub.models import Ballot, Event, Vote, VoteOption
from gatherhub.selectors import is_participant, vote_results, vote_with_options

MIN_OPTIONS = 2
MAX_OPTIONS = 20


@transaction.atomic
def vote_create(
    *,
    creator,
    event: Event,
    title: str,
    options: Sequence[str],
    ends_at: datetime,
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
    if ends_at <= timezone.now():
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


def vote_cast(*, vote_id: int, user, option_ids: Sequence[int]) -> Ballot:
    """Record `user`'s choice: once per account, one option unless the vote is multiple choice.

    403 if the vote has ended or `user` is not a participant of its event; 400 if
    already voted or an option is not the vote's. The unique (vote, user) row
    decides between concurrent casts of one account: exactly one is counted.
    """
    with transaction.atomic():
        vote = get_object_or_404(Vote.objects.select_related("event"), pk=vote_id)
        if not is_participant(event_id=vote.event_id, user=user):
            raise GatherHubForbidden("Only participants of the event can vote.", code=ErrorCode.NOT_PARTICIPANT)
        if timezone.now() >= vote.ends_at:
            raise GatherHubForbidden("Voting has ended.", code=ErrorCode.VOTING_ENDED)
        options = _chosen_options(vote, option_ids)
        if Ballot.objects.filter(vote=vote, user=user).exists():
            raise _already_voted()
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(vote=vote, user=user)
        except IntegrityError as exc:
            raise _already_voted() from exc
        ballot.options.set(options)
        realtime.to_event(
            vote.event_id,
            realtime.MessageType.VOTE_CAST,
            {
                "vote_id": vote.pk,
                "user": realtime.user_data(user),
                "options": [option.pk for option in options],
            },
        )
        realtime.to_event(
            vote.event_id, realtime.MessageType.VOTE_RESULTS, realtime.results_data(vote_results(vote=vote))
        )
        return ballot


def _already_voted() -> GatherHubError:
    return GatherHubError("You have already voted.", code=ErrorCode.ALREADY_VOTED)


def _chosen_options(vote: Vote, option_ids: Sequence[int]) -> list[VoteOption]:
    ids = list(dict.fromkeys(option_ids))
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
    options = list(VoteOption.objects.filter(vote=vote, pk__in=ids))
    if len(options) != len(ids):
        unknown = sorted(set(ids) - {option.pk for option in options})
        raise GatherHubError(
            "Invalid option for this vote.",
            code=ErrorCode.INVALID_OPTION,
            details={"options": [f"Not an option of this vote: {', '.join(map(str, unknown))}."]},
        )
    return options


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
