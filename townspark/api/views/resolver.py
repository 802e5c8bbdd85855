"""Resolver endpoints (verified resolvers only): dashboard, assigned and pending issues, accept, complete."""

from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser

from core.api.parsers import JSONParser
from core.api.responses import ok
from townspark.api.filters import IssueFilter
from townspark.api.serializers.issues import IssueCompactSerializer, IssueSerializer, full_issue_data
from townspark.api.serializers.resolvers import ActivitySerializer, CompleteSerializer, ResolverDashboardSerializer
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.models import Issue
from townspark.permissions import IsAssignedResolver, IsVerifiedResolver
from townspark.selectors import resolvers as selectors
from townspark.selectors.issue_rows import issue_detail
from townspark.selectors.issues import issue_get_plain
from townspark.services import resolvers as resolver_services

DASHBOARD_LIST_SIZE = 5


class ResolverDashboardView(TownSparkAPIView):
    permission_classes = [IsVerifiedResolver]

    @extend_schema(responses=ResolverDashboardSerializer, summary="Resolver dashboard")
    def get(self, request):
        user = request.user
        context = {"request": request}
        assigned = selectors.issues_assigned_to(resolver=user).exclude(status=Issue.Status.RESOLVED)
        data = {
            "stats": selectors.resolver_stats(resolver=user),
            "assigned_issues": IssueCompactSerializer(assigned[:DASHBOARD_LIST_SIZE], many=True, context=context).data,
            "pending_issues": IssueCompactSerializer(
                selectors.issues_pending_for(resolver=user)[:DASHBOARD_LIST_SIZE], many=True, context=context
            ).data,
            "recent_activity": ActivitySerializer(selectors.resolver_recent_activity(user=user), many=True).data,
        }
        return ok(data)


class _ResolverIssueList(TownSparkListView):
    permission_classes = [IsVerifiedResolver]
    serializer_class = IssueCompactSerializer
    filterset_class = IssueFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Issue.objects.none()
        return self.issues()

    def issues(self):
        raise NotImplementedError


class ResolverAssignedView(_ResolverIssueList):
    """Issues assigned to the current resolver (status, urgency, sort filters)."""

    def issues(self):
        return selectors.issues_assigned_to(resolver=self.request.user)

    @extend_schema(responses=IssueCompactSerializer(many=True), summary="Issues assigned to me")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ResolverPendingView(_ResolverIssueList):
    """Open, unassigned issues in the resolver's jurisdiction wards."""

    def issues(self):
        return selectors.issues_pending_for(resolver=self.request.user)

    @extend_schema(responses=IssueCompactSerializer(many=True), summary="Pending issues in my jurisdiction")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _full(request, pk):
    return full_issue_data(issue_detail(pk=pk, viewer=request.user), {"request": request})


class ResolverAcceptView(TownSparkAPIView):
    permission_classes = [IsVerifiedResolver]
    extra_error_responses = {"409": "Already assigned to another resolver (DUPLICATE_ENTRY)"}

    @extend_schema(request=None, responses=IssueSerializer, summary="Accept (claim) an issue")
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        resolver_services.issue_accept(issue=issue, resolver=request.user)
        return ok(_full(request, issue.pk), message="Issue accepted successfully")


class ResolverCompleteView(TownSparkAPIView):
    permission_classes = [IsVerifiedResolver, IsAssignedResolver]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": CompleteSerializer, "application/json": CompleteSerializer},
        responses=IssueSerializer,
        summary="Mark an issue as resolved",
    )
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resolver_services.issue_complete(
            issue=issue,
            resolver=request.user,
            resolution_note=serializer.validated_data["resolution_note"],
            after_images=serializer.validated_data.get("after_images"),
        )
        return ok(_full(request, issue.pk), message="Issue marked as resolved")
