"""Issue endpoints: feed and create, detail/edit/delete, upvote, bookmark, share, status, assign, official response."""

from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly

from core.api.pagination import PagedRows
from core.api.parsers import JSONParser
from core.api.responses import created, ok
from townspark.api.filters import IssueFilter
from townspark.api.pagination import IssueFeedPagination
from townspark.api.serializers import issues as s
from townspark.api.serializers.common import DetailSerializer
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.permissions import (
    CanEditIssue,
    CanManageIssue,
    IsAdmin,
    IsReporterOrAdmin,
    IsVerifiedResolverOrAdmin,
)
from townspark.selectors.issue_rows import feed_count, feed_page, issue_detail
from townspark.selectors.issues import issue_get_plain, issues_for
from townspark.services import engagement
from townspark.services import issues as issue_services

PARSERS = [MultiPartParser, FormParser, JSONParser]


def _issue_data(request, pk) -> dict:
    return s.full_issue_data(issue_detail(pk=pk, viewer=request.user), {"request": request})


class IssueListCreateView(TownSparkListView):
    """GET issues/ (the feed, public) and POST issues/ (multipart, up to 5 images)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = PARSERS
    serializer_class = s.IssueCompactSerializer
    filterset_class = IssueFilter
    pagination_class = IssueFeedPagination
    # The public feed's `count` (and `total_pages`) may lag new and deleted issues by up to 10 s: an
    # exact COUNT over every issue costs more than the page itself. The page's rows are always live.
    page_count_cache_seconds = 10
    page_count_by_query = True  # the feed's rows depend on its query string, never on the viewer

    def get_queryset(self):
        # Built once per request: the filters and the pagination's row query both start from it.
        if getattr(self, "_issues", None) is None:
            self._issues = issues_for(viewer=self.request.user)
        return self._issues

    @property
    def unfiltered(self) -> bool:
        """The home feed: no filter parameter (page and page_size are the pagination's)."""
        return not self.request.query_params.keys() & IssueFilter.base_filters.keys()

    @extend_schema(responses=s.IssueCompactSerializer(many=True), summary="List issues (feed)")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        # What ListModelMixin.list does, the page rendered without instantiating serializers (issue #16).
        if self.unfiltered:  # the home feed: its page comes compiled, counted only when the cache has no count
            issues = PagedRows(rows=partial(feed_page, viewer=request.user), count=feed_count)
        else:
            issues = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(issues)
        return self.get_paginated_response(s.compact_list_data(page, self.get_serializer_context()))

    @extend_schema(
        request={"multipart/form-data": s.IssueCreateSerializer, "application/json": s.IssueCreateSerializer},
        responses={201: s.IssueSerializer},
        summary="Report an issue",
    )
    def post(self, request):
        serializer = s.IssueCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issue = issue_services.issue_create(reporter=request.user, **serializer.validated_data)
        return created(_issue_data(request, issue.pk), message="Issue reported successfully")


class IssueDetailView(TownSparkAPIView):
    """GET, PATCH (reporter's fields, or status by resolver/admin) and DELETE (reporter or admin) issues/{id}/."""

    parser_classes = PARSERS

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        if self.request.method == "DELETE":
            return [IsAuthenticated(), IsReporterOrAdmin()]
        return [IsAuthenticated(), CanEditIssue()]

    @extend_schema(responses=s.IssueSerializer, summary="Issue details")
    def get(self, request, pk):
        return ok(_issue_data(request, pk))

    @extend_schema(
        request={"application/json": s.IssueUpdateSerializer, "multipart/form-data": s.IssueUpdateSerializer},
        responses=s.IssueSerializer,
        summary="Update an issue",
    )
    def patch(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        serializer = s.IssueUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        new_status, note = data.pop("status", None), data.pop("note", "")
        issue_services.issue_update(issue=issue, data=data)
        if new_status is not None:
            issue_services.issue_status_update(issue=issue, status=new_status, note=note, actor=request.user)
        return ok(_issue_data(request, issue.pk), message="Issue updated successfully")

    @extend_schema(responses={200: DetailSerializer}, summary="Delete an issue")
    def delete(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        issue_id = issue.pk  # Model.delete() sets it to None
        issue_services.issue_delete(issue=issue)
        return ok({"detail": f"Issue {issue_id} deleted."}, message="Issue deleted successfully")


class IssueUpvoteView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.UpvoteResultSerializer, summary="Toggle upvote")
    def post(self, request, pk):
        upvoted, count = engagement.issue_upvote_toggle(issue_id=pk, user=request.user)
        return ok({"upvoted": upvoted, "upvotes": count}, message="Upvote added" if upvoted else "Upvote removed")


class IssueBookmarkView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=s.BookmarkResultSerializer, summary="Toggle bookmark")
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        bookmarked = engagement.issue_bookmark_toggle(issue_id=issue.pk, user=request.user)
        return ok({"bookmarked": bookmarked}, message="Bookmark added" if bookmarked else "Bookmark removed")


class IssueShareView(TownSparkAPIView):
    """POST issues/{id}/share/: counts a share (anonymous visitors too)."""

    permission_classes = [AllowAny]

    @extend_schema(request=s.ShareInputSerializer, responses=s.ShareResultSerializer, summary="Track a share")
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        serializer = s.ShareInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user if request.user.is_authenticated else None
        shares = engagement.issue_share_record(
            issue_id=issue.pk, user=user, platform=serializer.validated_data["platform"]
        )
        return ok({"shared": True, "shares": shares}, message="Share tracked")


class IssueStatusView(TownSparkAPIView):
    """PATCH issues/{id}/status/: resolver (assigned or unassigned issues) or admin; appends to the timeline."""

    permission_classes = [IsVerifiedResolverOrAdmin, CanManageIssue]

    @extend_schema(request=s.StatusUpdateSerializer, responses=s.IssueSerializer, summary="Update status")
    def patch(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        serializer = s.StatusUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issue_services.issue_status_update(issue=issue, actor=request.user, **serializer.validated_data)
        return ok(_issue_data(request, issue.pk), message="Status updated successfully")


class IssueAssignView(TownSparkAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(request=s.AssignSerializer, responses=s.IssueSerializer, summary="Assign to a resolver")
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        serializer = s.AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resolver = issue_services.resolver_for_assignment(resolver=serializer.validated_data["resolver_id"])
        issue_services.issue_assign(issue=issue, resolver=resolver, actor=request.user)
        return ok(_issue_data(request, issue.pk), message="Issue assigned successfully")


class IssueOfficialResponseView(TownSparkAPIView):
    permission_classes = [IsVerifiedResolverOrAdmin, CanManageIssue]

    @extend_schema(
        request=s.OfficialResponseInputSerializer,
        responses={200: s.OfficialResponseSerializer, 201: s.OfficialResponseSerializer},
        summary="Add the official response",
    )
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk)
        self.check_object_permissions(request, issue)
        serializer = s.OfficialResponseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        response, was_created = issue_services.issue_official_response_set(
            issue=issue, message=serializer.validated_data["message"], actor=request.user
        )
        data = s.OfficialResponseSerializer(response, context={"request": request}).data
        if was_created:
            return created(data, message="Official response added")
        return ok(data, message="Official response updated", status=status.HTTP_200_OK)
