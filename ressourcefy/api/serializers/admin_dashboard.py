"""Serializers of the admin dashboard: the overview, the activity feed and system health (answers only)."""

from rest_framework import serializers

from ressourcefy.api.serializers.admin_users import ActivitySerializer


class UsersByRoleSerializer(serializers.Serializer):
    USER = serializers.IntegerField()
    CONTRIBUTOR = serializers.IntegerField()
    MODERATOR = serializers.IntegerField()
    ADMIN = serializers.IntegerField()
    SUPERADMIN = serializers.IntegerField()


class ResourcesByVisibilitySerializer(serializers.Serializer):
    public = serializers.IntegerField()
    premium = serializers.IntegerField()
    private = serializers.IntegerField()


class RevenueWindowsSerializer(serializers.Serializer):
    all_time = serializers.IntegerField()
    last_7_days = serializers.IntegerField()
    last_30_days = serializers.IntegerField()


class DashboardOverviewSerializer(serializers.Serializer):
    total_users = serializers.IntegerField()
    active_users = serializers.IntegerField(help_text="Active and activated accounts.")
    users_by_role = UsersByRoleSerializer()
    total_resources = serializers.IntegerField(help_text="Not deleted.")
    public_resources = serializers.IntegerField()
    premium_resources = serializers.IntegerField()
    resources_by_visibility = ResourcesByVisibilitySerializer()
    total_subscriptions = serializers.IntegerField()
    active_subscriptions = serializers.IntegerField(help_text="Active or trialing, any plan.")
    active_premium_subscriptions = serializers.IntegerField()
    total_revenue_usd = serializers.FloatField(help_text="Paid less refunded, in dollars.")
    revenue_cents = RevenueWindowsSerializer(help_text="Paid less refunded, in US cents, by payment date.")


class ActivityQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(required=False, default=50, min_value=1, max_value=100)


class ActivityFeedSerializer(serializers.Serializer):
    """The dashboard's feed: the same activity rows as a user's activity (admin_users.ActivitySerializer)."""

    activities = ActivitySerializer(many=True)
    count = serializers.IntegerField()


class SystemHealthSerializer(serializers.Serializer):
    db_status = serializers.CharField(help_text="`ok` or `unavailable`.")
    cache_status = serializers.CharField(help_text="`ok` or `unavailable` (Redis in production).")
    celery_status = serializers.CharField(
        help_text="`ok` (the broker answers), `eager` (no broker: tasks run in the request) or `unavailable`."
    )
    outbox_pending_events = serializers.IntegerField()
    outbox_failed_events = serializers.IntegerField(help_text="Unpublished events whose last relay attempt failed.")
    last_outbox_processed_at = serializers.DateTimeField(allow_null=True)
    outbox_keeping_up = serializers.BooleanField(help_text="No unpublished event older than the readiness limit.")
    stripe_configured = serializers.BooleanField()
