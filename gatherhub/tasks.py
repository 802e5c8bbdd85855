"""GatherHub's Celery tasks: closing ended votes (run by beat) so that `vote_ended` goes out once per vote."""

from celery import shared_task

from gatherhub.services.votes import votes_close_ended

CLOSE_ENDED_VOTES = "gatherhub.votes_close_ended"


@shared_task(name=CLOSE_ENDED_VOTES, ignore_result=True)
def close_ended_votes() -> int:
    """Close every vote past its `ends_at`; safe to run twice (a closed vote is skipped)."""
    return votes_close_ended()
