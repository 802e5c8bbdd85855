"""Upvote and bookmark toggles and share tracking: race-safe, each returning the fresh state."""

from functools import partial

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from townspark.models import Bookmark, Issue, Share, Upvote
from townspark.selectors.issues import issue_get_plain, normalized_issue_id
from townspark.services.badges import badges_award
from townspark.services.counters import issue_counter_add
from townspark.services.notifications import notifications_notify


def _locked_issue(issue_id: str) -> Issue:
    # The row lock serializes toggles of one issue, so the bookmark rows and the answer agree.
    return Issue.objects.select_for_update().get(pk=issue_id)


def _upvote_insert(issue_id: str, user_id) -> int | None:
    """Add the upvote row unless the unique (issue, user) pair is there; its id, None if it was."""
    table = connection.ops.quote_name(Upvote._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (issue_id, user_id, created_at) VALUES (%s, %s, %s)"  # noqa: S608
            " ON CONFLICT DO NOTHING RETURNING id",
            [issue_id, user_id, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def issue_upvote_toggle(*, issue_id: str, user) -> tuple[bool, int]:
    """Add or remove the user's upvote; returns (upvoted, upvote count). A missing issue is a 404.

    The request changes its own rows only (three statements): the upvote row (its unique
    constraint stops doubles) and the counter, moved by +1/-1 in one UPDATE that answers the new
    count, in one transaction, so counter and rows always agree; concurrent toggles of one issue
    queue on that UPDATE only. Adding enqueues one task, after commit, for the notification and
    the badges (`townspark.tasks.issue_upvoted_effects`).
    """
    issue_id = normalized_issue_id(issue_id)
    with transaction.atomic(savepoint=False):  # nothing is raised inside: the caller's transaction stays sound
        if Upvote.objects.filter(issue_id=issue_id, user=user).delete()[0]:
            return False, issue_counter_add(issue_id, "upvote_count", -1)
        # The counter first: its row lock proves the issue exists and serializes this issue's toggles.
        count = issue_counter_add(issue_id, "upvote_count", +1)
        if count is None:
            upvote_id = None
        else:
            upvote_id = _upvote_insert(issue_id, user.pk)
            if upvote_id is None:  # the same user's concurrent toggle added it first: take the +1 back
                count = issue_counter_add(issue_id, "upvote_count", -1)
            else:
                transaction.on_commit(partial(_enqueue_upvoted_effects, upvote_id))
    if count is None:
        raise Http404("No Issue matches the given query.")
    return True, count


def _enqueue_upvoted_effects(upvote_id: int) -> None:
    from townspark.tasks import issue_upvoted_effects

    issue_upvoted_effects.delay(upvote_id)


def issue_upvoted_effects_apply(*, upvote_id: int) -> None:
    """The side effects of one upvote: the reporter's notification (once per upvote) and both users' badges.

    Set-based and safe to run twice: the notification's id derives from the upvote, badges are
    unique per user. An upvote taken back before this runs has nothing left to announce.
    """
    upvote = Upvote.objects.select_related("user", "issue__reporter__townspark_profile").filter(pk=upvote_id).first()
    if upvote is None:
        return
    issue, user = upvote.issue, upvote.user
    name = user.name or user.username or "Someone"
    notifications_notify(
        users=[issue.reporter],
        type="upvote",
        title="New Uplift",
        message=f"{name} uplifted your issue '{issue.title}'.",
        issue=issue,
        actor=user,
        key=f"upvote:{upvote.pk}",
    )
    badges_award(user=issue.reporter, changed=["uplifts_received"])
    badges_award(user=user, changed=["upvotes_given"])


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
