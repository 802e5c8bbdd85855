"""Badges: award every badge whose criteria a user's current stats meet."""

from townspark.models import Badge, UserBadge
from townspark.selectors.users import user_badge_stats


def badges_award(*, user) -> list[str]:
    """Grant the badges newly earned; returns their names. Safe to call any time (unique per user).

    One query once every badge is owned; else also the stats that the badges still missing name.
    """
    owned = UserBadge.objects.filter(user=user).values("badge_id")
    candidates = [badge for badge in Badge.objects.exclude(id__in=owned) if badge.criteria]
    if not candidates:
        return []
    stats = user_badge_stats(user=user, keys={key for badge in candidates for key in badge.criteria})
    earned = [
        badge for badge in candidates if all(stats.get(key, 0) >= int(value) for key, value in badge.criteria.items())
    ]
    if earned:
        UserBadge.objects.bulk_create([UserBadge(user=user, badge=badge) for badge in earned], ignore_conflicts=True)
    return [badge.name for badge in earned]
