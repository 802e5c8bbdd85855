"""Notification shapes."""

from rest_framework import serializers

from core.api.rendering import datetime_text
from townspark.api.serializers.common import UserMinimalSerializer, user_minimal


class IssueRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()


class NotificationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField()
    title = serializers.CharField()
    message = serializers.CharField()
    issue = IssueRefSerializer(allow_null=True)
    actor = UserMinimalSerializer(allow_null=True)
    read = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    # superset for the TownSpark frontend (issue #15): the client reads `createdAt`
    createdAt = serializers.DateTimeField(source="created_at", help_text="Same as created_at (TownSpark frontend)")  # noqa: N815

    # Rendered by hand, field for field what the declared fields render (a test holds them equal).
    def to_representation(self, notification) -> dict:
        issue, actor = notification.issue, notification.actor
        return {
            "id": str(notification.id),
            "type": notification.type,
            "title": notification.title,
            "message": notification.message,
            "issue": None if issue is None else {"id": issue.id, "title": issue.title},
            "actor": None if actor is None else user_minimal(actor, self.context.get("request")),
            "read": bool(notification.read),
            "created_at": datetime_text(notification.created_at),
            "createdAt": datetime_text(notification.created_at),
        }


class ReadAllResultSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField()
    unread_count = serializers.IntegerField()
