"""Admin dashboard views: overview, activity feed and system health (ADMIN and SUPERADMIN, read-only)."""

from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from core.api.query_params import validated_query
from core.api.responses import ok
from ressourcefy.api.permissions import ADMINS
from ressourcefy.api.serializers import admin_dashboard as s
from ressourcefy.api.views.admin_billing import FORBIDDEN
from ressourcefy.selectors import admin_dashboard as selectors


@extend_schema(tags=["admin: dashboard"])
class DashboardOverviewView(APIView):
    """GET admin/dashboard/overview/."""

    permission_classes = ADMINS
    extra_error_responses = FORBIDDEN

    @extend_schema(
        summary="Dashboard overview",
        operation_id="admin_dashboard_overview",
        responses=s.DashboardOverviewSerializer,
        description="The document's totals, plus users by role, resources by visibility and revenue windows.",
    )
    def get(self, request):
        return ok(s.DashboardOverviewSerializer(selectors.dashboard_overview()).data)


@extend_schema(tags=["admin: dashboard"])
class DashboardActivityView(APIView):
    """GET admin/dashboard/activity/: the newest audit-trail entries."""

    permission_classes = ADMINS
    extra_error_responses = FORBIDDEN

    @extend_schema(
        summary="Dashboard activity",
        operation_id="admin_dashboard_activity",
        parameters=[s.ActivityQuerySerializer],
        responses=s.ActivityFeedSerializer,
    )
    def get(self, request):
        query = validated_query(s.ActivityQuerySerializer, request)
        activities = selectors.dashboard_activity(limit=query["limit"])
        return ok(s.ActivityFeedSerializer({"activities": activities, "count": len(activities)}).data)


@extend_schema(tags=["admin: dashboard"])
class DashboardSystemHealthView(APIView):
    """GET admin/dashboard/system-health/: always 200; each dependency reports its own status."""

    permission_classes = ADMINS
    extra_error_responses = FORBIDDEN

    @extend_schema(
        summary="System health", operation_id="admin_dashboard_system_health", responses=s.SystemHealthSerializer
    )
    def get(self, request):
        return ok(s.SystemHealthSerializer(selectors.system_health()).data)
