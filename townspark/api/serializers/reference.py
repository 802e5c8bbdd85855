"""Reference data shapes: categories, departments, status options, urgency levels, platform stats."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from townspark.models import Category, Department, StatusOption, UrgencyLevel


class CategorySerializer(ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "icon", "description"]


class DepartmentSerializer(ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "icon", "description"]


class DepartmentRefSerializer(ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name"]


class DepartmentIconRefSerializer(ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "icon"]


class StatusOptionSerializer(ModelSerializer):
    class Meta:
        model = StatusOption
        fields = ["id", "name", "color", "icon"]


class UrgencyLevelSerializer(ModelSerializer):
    class Meta:
        model = UrgencyLevel
        fields = ["id", "name", "color"]


class PlatformStatsSerializer(serializers.Serializer):
    issues_reported = serializers.IntegerField()
    issues_resolved = serializers.IntegerField()
    active_members = serializers.IntegerField()
    avg_resolution_time = serializers.CharField()
    # superset for the TownSpark frontend (issue #15): the landing page reads these names
    total_issues = serializers.IntegerField(help_text="Same as issues_reported (TownSpark frontend)")
    resolved_issues = serializers.IntegerField(help_text="Same as issues_resolved (TownSpark frontend)")
    total_users = serializers.IntegerField(help_text="Every TownSpark account (TownSpark frontend)")
