"""Notification shapes."""

from rest_framework import serializers

from townspark.api.serializers.common import UserMinimalSerializer


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


class ReadAllResultSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField()
    unread_count = serializers.IntegerField()
