"""Badges: award every badge whose criteria a user's current stats meet."""

from django.db import transaction

from townspark.models import Badge, UserBadge
from townspark.selectors.users import user_badge_stats


def badges_award(*, user) -> list[str]:
    """Grant the badges newly earned; returns their names. Safe to call any time (unique per user)."""
    stats = user_badge_stats(user=user)
    owned = set(UserBadge.objects.filter(user=user).values_list("badge_id", flat=True))
    earned = [
        badge
        for badge in Badge.objects.exclude(id__in=owned)
        if badge.criteria and all(stats.get(key, 0) >= int(value) for key, value in badge.criteria.items())
    ]
    if earned:
        with transaction.atomic():
            UserBadge.objects.bulk_create(
                [UserBadge(user=user, badge=badge) for badge in earned], ignore_conflicts=True
            )
    return [badge.name for badge in earned]
