"""Reads about accounts: stats computed from the data, earned badges, resolver workload."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from townspark.models import Comment, Issue, Upvote, UserBadge

User = get_user_model()
REALM = "townspark"


def user_stats(*, user) -> dict:
    """The documented stats block: issues posted, uplifts received on them, how many were resolved."""
    row = Issue.objects.filter(reporter=user).aggregate(
        issues_posted=Count("pk"),
        uplifts_received=Coalesce(Sum("upvote_count"), 0),
        issues_resolved=Count("pk", filter=Q(status=Issue.Status.RESOLVED)),
    )
    return {key: int(value or 0) for key, value in row.items()}


ISSUE_STATS = {"issues_posted", "uplifts_received", "issues_resolved"}


def user_badge_stats(*, user, keys=None) -> dict:
    """Every stat a badge criterion may name, or only those in `keys` (one cheap query per table involved)."""
    keys = {*ISSUE_STATS, "comments_posted", "upvotes_given"} if keys is None else set(keys)
    stats = user_stats(user=user) if keys & ISSUE_STATS else {}
    if "comments_posted" in keys:
        stats["comments_posted"] = Comment.objects.filter(author=user).count()
    if "upvotes_given" in keys:
        stats["upvotes_given"] = Upvote.objects.filter(user=user).count()
    return stats


def user_badge_names(*, user) -> list[str]:
    return list(UserBadge.objects.filter(user=user).order_by("badge__order").values_list("badge__name", flat=True))


def townspark_users():
    return User.objects.filter(realm=REALM)
