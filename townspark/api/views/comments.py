"""Comment endpoints: list and add on an issue, like toggle, delete (author or admin)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly

from core.api.responses import created, ok
from townspark.api.serializers.comments import CommentCreateSerializer, CommentSerializer, LikeResultSerializer
from townspark.api.serializers.common import DetailSerializer
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.models import Comment
from townspark.permissions import IsAuthorOrAdmin
from townspark.selectors.comments import comment_replies_attach, comments_for_issue
from townspark.selectors.issues import issue_get_plain
from townspark.services import comments as comment_services


class IssueCommentsView(TownSparkListView):
    """GET issues/{id}/comments/ (public, paginated top-level comments with replies); POST adds one."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        self.issue = issue_get_plain(pk=self.kwargs["pk"], related=())
        return comments_for_issue(issue=self.issue, viewer=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        comment_replies_attach(page or [], viewer=self.request.user)
        for comment in page or []:
            comment.issue = self.issue  # one issue object for every comment of the page
        return page

    @extend_schema(responses=CommentSerializer(many=True), summary="Comments of an issue")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer}, summary="Add a comment")
    def post(self, request, pk):
        issue = issue_get_plain(pk=pk, related=())  # the comment's author is the requester, its issue's reporter an id
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return comment_add_response(
            request,
            issue=issue,
            content=serializer.validated_data["content"],
            parent_id=serializer.validated_data.get("parent_id"),
        )


def comment_add_response(request, *, issue, content: str, parent_id=None, parent_field: str = "parent_id"):
    """Add the comment (a reply when `parent_id` names a comment of the issue) and answer 201 with it."""
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, issue=issue).first()
        if parent is None:
            raise ValidationError({parent_field: ["No comment with this id on this issue."]})
    comment = comment_services.comment_create(issue=issue, author=request.user, content=content, parent=parent)
    # Answered as written, without reading it back: a new comment has no likes and no replies yet.
    comment.is_liked, comment.thread_replies = False, []
    data = CommentSerializer(comment, context={"request": request}).data
    return created(data, message="Comment added successfully")


class CommentLikeView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=LikeResultSerializer, summary="Toggle like on a comment")
    def post(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk)
        liked, likes = comment_services.comment_like_toggle(comment_id=comment.pk, user=request.user)
        return ok({"liked": liked, "likes": likes}, message="Comment liked" if liked else "Like removed")


class CommentDetailView(TownSparkAPIView):
    permission_classes = [IsAuthenticated, IsAuthorOrAdmin]

    @extend_schema(responses={200: DetailSerializer}, summary="Delete a comment")
    def delete(self, request, pk):
        comment = get_object_or_404(Comment, pk=pk)
        self.check_object_permissions(request, comment)
        comment_services.comment_delete(comment=comment)
        return ok({"detail": "Comment deleted."}, message="Comment deleted successfully")
