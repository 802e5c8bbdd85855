"""Analytics endpoints (admins): overview, issues, users and resolvers over a time range."""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from core.api.query_params import validated_query
from core.api.responses import ok
from townspark.api.serializers import analytics as s
from townspark.api.views.base import TownSparkAPIView
from townspark.permissions import IsAdmin
from townspark.selectors import analytics as selectors

TIME_RANGE = OpenApiParameter(
    "time_range", str, enum=s.TIME_RANGE_CHOICES, description="7days, 30days (default), 90days or 1year"
)


class _AnalyticsView(TownSparkAPIView):
    permission_classes = [IsAdmin]
    compute = None

    def get(self, request):
        params = validated_query(s.TimeRangeSerializer, request)
        return ok(type(self).compute(time_range=params["time_range"]))


class AnalyticsOverviewView(_AnalyticsView):
    compute = selectors.analytics_overview

    @extend_schema(parameters=[TIME_RANGE], responses=s.OverviewSerializer, summary="Analytics overview")
    def get(self, request):
        return super().get(request)


class AnalyticsIssuesView(_AnalyticsView):
    compute = selectors.analytics_issues

    @extend_schema(parameters=[TIME_RANGE], responses=s.IssueAnalyticsSerializer, summary="Issue analytics")
    def get(self, request):
        return super().get(request)


class AnalyticsUsersView(_AnalyticsView):
    compute = selectors.analytics_users

    @extend_schema(parameters=[TIME_RANGE], responses=s.UserAnalyticsSerializer, summary="User analytics")
    def get(self, request):
        return super().get(request)


class AnalyticsResolversView(_AnalyticsView):
    compute = selectors.analytics_resolvers

    @extend_schema(parameters=[TIME_RANGE], responses=s.ResolverAnalyticsSerializer, summary="Resolver analytics")
    def get(self, request):
        return super().get(request)
