"""Analytics response shapes (documentation of the computed dictionaries)."""

from rest_framework import serializers

from core.api.fields import AccountIdField

TIME_RANGE_CHOICES = ["7days", "30days", "90days", "1year"]


class TimeRangeSerializer(serializers.Serializer):
    time_range = serializers.ChoiceField(choices=TIME_RANGE_CHOICES, required=False, default="30days")


class _Share(serializers.Serializer):
    count = serializers.IntegerField()
    percentage = serializers.IntegerField()


class StatusShare(_Share):
    status = serializers.CharField()


class CategoryShare(_Share):
    category = serializers.CharField()


class UrgencyShare(_Share):
    urgency = serializers.CharField()


class RoleShare(_Share):
    role = serializers.CharField()


class MonthTrend(serializers.Serializer):
    month = serializers.CharField()
    year = serializers.IntegerField()
    issues = serializers.IntegerField()
    resolved = serializers.IntegerField()


class TopResolver(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField()
    department = serializers.CharField(allow_null=True)
    resolved = serializers.IntegerField()
    rating = serializers.FloatField()


class OverviewStats(serializers.Serializer):
    total_issues = serializers.IntegerField()
    resolved = serializers.IntegerField()
    active_users = serializers.IntegerField()
    avg_resolution_time = serializers.CharField()


class OverviewTrends(serializers.Serializer):
    issues = serializers.CharField()
    resolved = serializers.CharField()
    users = serializers.CharField()
    resolution_time = serializers.CharField()


class OverviewSerializer(serializers.Serializer):
    time_range = serializers.CharField()
    stats = OverviewStats()
    trends = OverviewTrends()
    issues_by_status = StatusShare(many=True)
    issues_by_category = CategoryShare(many=True)
    monthly_trends = MonthTrend(many=True)
    top_resolvers = TopResolver(many=True)


class AreaCount(serializers.Serializer):
    area = serializers.CharField()
    count = serializers.IntegerField()


class PeriodTrend(serializers.Serializer):
    period = serializers.CharField()
    issues = serializers.IntegerField()
    resolved = serializers.IntegerField()


class IssueTrends(serializers.Serializer):
    issues = serializers.CharField()
    resolved = serializers.CharField()


class IssueAnalyticsSerializer(serializers.Serializer):
    time_range = serializers.CharField()
    total = serializers.IntegerField()
    resolved = serializers.IntegerField()
    open = serializers.IntegerField()
    resolution_rate = serializers.IntegerField()
    avg_resolution_time = serializers.CharField()
    avg_response_time = serializers.CharField()
    trends = IssueTrends()
    by_status = StatusShare(many=True)
    by_category = CategoryShare(many=True)
    by_urgency = UrgencyShare(many=True)
    by_area = AreaCount(many=True)
    trend = PeriodTrend(many=True)


class StatusCount(serializers.Serializer):
    status = serializers.CharField()
    count = serializers.IntegerField()


class SignupMonth(serializers.Serializer):
    month = serializers.CharField()
    year = serializers.IntegerField()
    count = serializers.IntegerField()


class Contributor(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField()
    issues_posted = serializers.IntegerField()
    uplifts_received = serializers.IntegerField()


class UserTrends(serializers.Serializer):
    new_users = serializers.CharField()


class UserAnalyticsSerializer(serializers.Serializer):
    time_range = serializers.CharField()
    total_users = serializers.IntegerField()
    new_users = serializers.IntegerField()
    active_users = serializers.IntegerField()
    trends = UserTrends()
    by_role = RoleShare(many=True)
    by_status = StatusCount(many=True)
    signups = SignupMonth(many=True)
    top_contributors = Contributor(many=True)


class DepartmentPerformance(serializers.Serializer):
    department = serializers.CharField()
    resolvers = serializers.IntegerField()
    resolved = serializers.IntegerField()


class ResolverPerformance(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField()
    department = serializers.CharField(allow_null=True)
    assigned = serializers.IntegerField()
    resolved = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    resolution_rate = serializers.IntegerField()


class ResolverAnalyticsSerializer(serializers.Serializer):
    time_range = serializers.CharField()
    total = serializers.IntegerField()
    verified = serializers.IntegerField()
    pending = serializers.IntegerField()
    rejected = serializers.IntegerField()
    by_department = DepartmentPerformance(many=True)
    top_resolvers = TopResolver(many=True)
    performance = ResolverPerformance(many=True)
