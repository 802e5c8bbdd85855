"""Live events about issues (`issue_update`, `new_comment`) for the users concerned, sent after commit."""

from django.contrib.auth import get_user_model

from core.realtime.publish import publish_to_user
from townspark.selectors.issues import issue_concerned_user_ids

User = get_user_model()


def _timestamp(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _publish(user_ids: set, payload: dict) -> None:
    for user in User.objects.filter(pk__in=user_ids).only("pk", "realm"):
        publish_to_user(user, payload)


def issue_update_publish(*, issue, actor=None) -> None:
    """The documented `issue_update` frame to the reporter, the resolver and bookmarkers (not the actor)."""
    payload = {
        "type": "issue_update",
        "data": {"issue_id": issue.id, "status": issue.status, "updated_at": _timestamp(issue.updated_at)},
    }
    ids = issue_concerned_user_ids(issue=issue)
    if actor is not None:
        ids.discard(actor.pk)
    _publish(ids, payload)


def new_comment_publish(*, issue, comment_data: dict, author, extra_user_ids=()) -> None:
    """The documented `new_comment` frame to the users concerned by the issue and the replied-to author."""
    payload = {"type": "new_comment", "data": {"issue_id": issue.id, "comment": comment_data}}
    ids = issue_concerned_user_ids(issue=issue, extra=extra_user_ids)
    ids.discard(author.pk)
    _publish(ids, payload)
