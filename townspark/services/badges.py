"""Badges: award every badge whose criteria a user's current stats meet."""

from collections.abc import Iterable

from townspark.models import Badge, UserBadge
from townspark.selectors.users import user_badge_stats


def badges_award(*, user, changed: Iterable[str] | None = None) -> list[str]:
    """Grant the badges newly earned; returns their names. Safe to call any time (unique per user).

    `changed` names the stats an event moved (`["upvotes_given"]`): only badges whose criteria
    name one of them can have become earned, so only those are checked (all when None). One
    query once none is left to earn; else also the stats those badges name.
    """
    owned = UserBadge.objects.filter(user=user).values("badge_id")
    changed = None if changed is None else set(changed)
    candidates = [
        badge
        for badge in Badge.objects.exclude(id__in=owned)
        if badge.criteria and (changed is None or changed & badge.criteria.keys())
    ]
    if not candidates:
        return []
    stats = user_badge_stats(user=user, keys={key for badge in candidates for key in badge.criteria})
    earned = [
        badge for badge in candidates if all(stats.get(key, 0) >= int(value) for key, value in badge.criteria.items())
    ]
    if earned:
        UserBadge.objects.bulk_create([UserBadge(user=user, badge=badge) for badge in earned], ignore_conflicts=True)
    return [badge.name for badge in earned]
