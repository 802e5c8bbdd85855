"""Resolver shapes: dashboard, activity, and the complete-issue body."""

from rest_framework import serializers

from townspark.api.serializers.issues import ImagesField, IssueCompactSerializer


class ResolverStatsSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    pending = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    resolved_this_month = serializers.IntegerField()
    avg_response_time = serializers.CharField()


class ActivitySerializer(serializers.Serializer):
    issue_id = serializers.CharField()
    issue_title = serializers.CharField()
    status = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    date = serializers.DateTimeField()


class ResolverDashboardSerializer(serializers.Serializer):
    stats = ResolverStatsSerializer()
    assigned_issues = IssueCompactSerializer(many=True)
    pending_issues = IssueCompactSerializer(many=True)
    recent_activity = ActivitySerializer(many=True)


class CompleteSerializer(serializers.Serializer):
    resolution_note = serializers.CharField(max_length=5000)
    after_images = ImagesField()
