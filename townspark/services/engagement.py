"""Upvote and bookmark toggles and share tracking: race-safe, each returning the fresh state."""

from django.db import IntegrityError, transaction
from django.db.models import F

from townspark.models import Bookmark, Issue, Share, Upvote
from townspark.selectors.issues import issue_get_plain
from townspark.services.badges import badges_award
from townspark.services.notifications import notification_create


def _locked_issue(issue_id: str) -> Issue:
    # The row lock serializes toggles of one issue, so the bookmark rows and the answer agree.
    return Issue.objects.select_for_update().get(pk=issue_id)


@transaction.atomic
def issue_upvote_toggle(*, issue_id: str, user) -> tuple[bool, int]:
    """Add or remove the user's upvote; returns (upvoted, upvote count). A missing issue is a 404.

    Race-safe without locking the issue first: the upvote row changes (its unique constraint
    stops doubles) and the counter moves by +1/-1 in one UPDATE in the same transaction, so
    counter and rows always agree; concurrent toggles of one issue queue on that UPDATE only.
    """
    issue = issue_get_plain(pk=issue_id, related=["reporter__townspark_profile"])  # notified without a query
    deleted, _ = Upvote.objects.filter(issue=issue, user=user).delete()
    if deleted:
        upvoted = False
        Issue.objects.filter(pk=issue.pk).update(upvote_count=F("upvote_count") - 1)
    else:
        upvoted = True
        try:
            with transaction.atomic():
                Upvote.objects.create(issue=issue, user=user)
        except IntegrityError:  # the same user's concurrent toggle added it first
            pass
        else:
            Issue.objects.filter(pk=issue.pk).update(upvote_count=F("upvote_count") + 1)
            name = user.name or user.username or "Someone"
            notification_create(
                user=issue.reporter,
                type="upvote",
                title="New Uplift",
                message=f"{name} uplifted your issue '{issue.title}'.",
                issue=issue,
                actor=user,
            )
            badges_award(user=issue.reporter, changed=["uplifts_received"])
            badges_award(user=user, changed=["upvotes_given"])
    count = Issue.objects.filter(pk=issue.pk).values_list("upvote_count", flat=True).get()
    return upvoted, count


@transaction.atomic
def issue_bookmark_toggle(*, issue_id: str, user) -> bool:
    """Add or remove the user's bookmark; returns whether the issue is now bookmarked."""
    issue = _locked_issue(issue_id)
    deleted, _ = Bookmark.objects.filter(issue=issue, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Bookmark.objects.create(issue=issue, user=user)
    except IntegrityError:
        pass
    return True


@transaction.atomic
def issue_share_record(*, issue_id: str, user=None, platform: str = "") -> int:
    """Count one share; returns the issue's share count."""
    Share.objects.create(issue_id=issue_id, user=user, platform=platform)
    Issue.objects.filter(pk=issue_id).update(share_count=F("share_count") + 1)
    return Issue.objects.filter(pk=issue_id).values_list("share_count", flat=True).get()


@transaction.atomic
def issue_upvote_remove(*, issue_id: str, user) -> int:
    """Take the user's upvote back if there is one (idempotent); returns the upvote count. A missing issue is a 404."""
    issue = issue_get_plain(pk=issue_id, related=())
    deleted, _ = Upvote.objects.filter(issue=issue, user=user).delete()
    if deleted:  # the row delete is the guard: of two concurrent removals only one moves the counter
        Issue.objects.filter(pk=issue.pk).update(upvote_count=F("upvote_count") - 1)
    return Issue.objects.filter(pk=issue.pk).values_list("upvote_count", flat=True).get()


@transaction.atomic
def issue_bookmark_remove(*, issue_id: str, user) -> None:
    """Take the user's bookmark back if there is one (idempotent). A missing issue is a 404."""
    issue = issue_get_plain(pk=issue_id, related=())
    Bookmark.objects.filter(issue=issue, user=user).delete()
