"""Notification reads: a user's inbox, newest first, and the unread count."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from townspark.models import Notification


def notifications_for(*, user) -> QuerySet:
    return Notification.objects.filter(user=user).select_related("issue", "actor").order_by("-created_at")


def notifications_unread_count(*, user) -> int:
    return Notification.objects.filter(user=user, read=False).count()


def notification_get(*, user, pk) -> Notification:
    """Only the owner's notifications exist for them: another user's id is a 404."""
    return get_object_or_404(notifications_for(user=user), pk=pk)
