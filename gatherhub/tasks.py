"""GatherHub's Celery tasks: closing ended votes (run by beat), and the live frames of joins, leaves and ballots."""

from celery import shared_task

from gatherhub.services.events import event_membership_announce
from gatherhub.services.votes import vote_cast_announce, votes_close_ended

CLOSE_ENDED_VOTES = "gatherhub.votes_close_ended"


@shared_task(name=CLOSE_ENDED_VOTES, ignore_result=True)
def close_ended_votes() -> int:
    """Close every vote past its `ends_at`; safe to run twice (a closed vote is skipped)."""
    return votes_close_ended()


@shared_task(ignore_result=True)
def event_membership_effects(event_id: int, user_id: int, joined: bool, current_participants: int) -> None:
    """The `event_joined`/`event_left` frame and the (un)subscription of one join or leave, queued after its commit."""
    event_membership_announce(
        event_id=event_id, user_id=user_id, joined=joined, current_participants=current_participants
    )


@shared_task(ignore_result=True)
def vote_cast_effects(vote_id: int, user_id: int, option_ids: list[int]) -> None:
    """The `vote_cast` and `vote_results` frames of one ballot, queued after its commit."""
    vote_cast_announce(vote_id=vote_id, user_id=user_id, option_ids=option_ids)
