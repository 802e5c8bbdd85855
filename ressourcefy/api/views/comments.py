"""Views of comments: a resource's comments (list, post), deleting one, and voting on one."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.responses import created, ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import SIGNED_IN
from ressourcefy.api.serializers import comments as s
from ressourcefy.models import Comment
from ressourcefy.selectors import comments as selectors
from ressourcefy.selectors.access import is_staff
from ressourcefy.selectors.resources import resource_get_visible
from ressourcefy.services import comments as services

COMMENT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


class IsCommentAuthorOrStaff(BasePermission):
    message = "Only the comment's author or staff can delete it."

    def has_object_permission(self, request, view, obj):
        return obj.author_id == request.user.pk or is_staff(request.user)


@extend_schema(tags=["comments"])
class ResourceCommentsView(PageMixin, GenericAPIView):
    """resources/<id>/comments/: flat, oldest first, replies naming their `parent_id`."""

    permission_classes = SIGNED_IN
    serializer_class = s.CommentSerializer
    queryset = Comment.objects.none()  # the schema's model; the rows come from the selector
    extra_error_responses = {"404": "No such resource, or one the caller may not see."}

    @extend_schema(
        summary="List a resource's comments",
        responses=s.CommentSerializer(many=True),
        description=(
            "Every visible comment, top-level and replies, oldest first; a reply's `parent_id` names the "
            "comment it answers, so a client builds the thread. Deleted comments are left out."
        ),
    )
    def get(self, request, resource_id):
        resource = resource_get_visible(resource_id=resource_id, user=request.user)
        return self.page_response(selectors.comment_list(resource=resource), s.CommentSerializer)

    @extend_schema(
        summary="Comment on a resource",
        request=s.CommentCreateSerializer,
        responses={201: s.CommentSerializer},
        examples=[OpenApiExample("Reply", value={"body": "Thanks!", "parent_id": COMMENT_ID}, request_only=True)],
        description="Anyone who can see the resource; `parent_id` must be a visible comment of the same resource.",
    )
    def post(self, request, resource_id):
        resource = resource_get_visible(resource_id=resource_id, user=request.user)
        body = s.CommentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = services.comment_create(author=request.user, resource=resource, **body.validated_data)
        return created(s.CommentSerializer(comment).data, message="Comment posted.")


@extend_schema(tags=["comments"])
class CommentView(APIView):
    """comments/<id>/: its author or staff soft-deletes it."""

    permission_classes = [*SIGNED_IN, IsCommentAuthorOrStaff]
    extra_error_responses = {"404": "No such comment, or one on a resource the caller may not see."}

    @extend_schema(summary="Delete a comment", request=None, responses={204: None})
    def delete(self, request, comment_id):
        comment = selectors.comment_get_visible(comment_id=comment_id, user=request.user)
        self.check_object_permissions(request, comment)
        services.comment_delete(comment=comment)
        return Response(status=204)


@extend_schema(tags=["comments"])
class CommentVoteView(APIView):
    """POST comments/vote/."""

    permission_classes = SIGNED_IN
    extra_error_responses = {
        "404": "No such comment, or one on a resource the caller may not see.",
        "422": "`already_voted`: the same vote again.",
    }

    @extend_schema(
        summary="Vote on a comment",
        request=s.VoteSerializer,
        responses={
            200: s.VoteResultSerializer,
            403: OpenApiResponse(description="`deleted_content`: the comment was deleted."),
        },
        examples=[
            OpenApiExample("Upvote", value={"comment_id": COMMENT_ID, "vote_value": 1}, request_only=True),
            OpenApiExample(
                "Voted",
                value={
                    "vote_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                    "comment_id": COMMENT_ID,
                    "value": 1,
                    "score": 4,
                },
                response_only=True,
            ),
        ],
        description=(
            "One vote per user and comment; sending the other value changes it, the same value again is "
            "422 `already_voted`. `score` always equals the sum of the votes."
        ),
    )
    def post(self, request):
        body = s.VoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        vote, score = services.comment_vote(
            user=request.user, comment_id=body.validated_data["comment_id"], value=body.validated_data["vote_value"]
        )
        data = {"vote_id": vote.public_id, "comment_id": vote.comment_id, "value": vote.value, "score": score}
        return ok(s.VoteResultSerializer(data).data)
