"""Comment shapes: a comment with its replies, and the add-comment body."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import AccountIdField
from core.api.rendering import datetime_text
from townspark.api.serializers.common import CommentAuthorSerializer, is_admin_user, user_minimal, viewer


class _AnonymousCommentAuthor(serializers.Serializer):
    id = AccountIdField(allow_null=True)
    name = serializers.CharField()
    avatar = serializers.URLField(allow_null=True)
    is_resolver = serializers.BooleanField()
    is_admin = serializers.BooleanField()


ANONYMOUS_COMMENT_AUTHOR = {"id": None, "name": "Anonymous", "avatar": None, "is_resolver": False, "is_admin": False}


class _CommentFields(serializers.Serializer):
    id = serializers.UUIDField()
    issue_id = serializers.CharField()
    parent_id = serializers.UUIDField(allow_null=True)
    author = serializers.SerializerMethodField()
    content = serializers.CharField()
    likes = serializers.IntegerField(source="like_count")
    is_liked = serializers.BooleanField(default=False)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    # superset for the TownSpark frontend (issue #15): the client reads `createdAt`
    createdAt = serializers.DateTimeField(source="created_at", help_text="Same as created_at (TownSpark frontend)")  # noqa: N815

    @extend_schema_field(_AnonymousCommentAuthor)
    def get_author(self, comment) -> dict:
        # The reporter of an anonymous issue stays anonymous in its comments too.
        issue = comment.issue
        if issue.is_anonymous and comment.author_id == issue.reporter_id:
            user = viewer(self.context)
            if not (is_admin_user(user) or (user is not None and user.pk == issue.reporter_id)):
                return dict(ANONYMOUS_COMMENT_AUTHOR)
        return CommentAuthorSerializer(comment.author, context=self.context).data


def _uuid(value) -> str | None:
    return None if value is None else str(value)


class CommentReplySerializer(_CommentFields):
    # Rendered by hand, field for field what the declared fields render (a test holds them equal).
    def to_representation(self, comment) -> dict:
        author = self.get_author(comment) if comment.issue.is_anonymous else None
        if author is None:
            author = user_minimal(comment.author, self.context.get("request"))
            author.update(is_resolver=comment.author.role == "resolver", is_admin=comment.author.role == "admin")
        return {
            "id": str(comment.id),
            "issue_id": comment.issue_id,
            "parent_id": _uuid(comment.parent_id),
            "author": author,
            "content": comment.content,
            "likes": comment.like_count,
            "is_liked": bool(getattr(comment, "is_liked", False)),
            "created_at": datetime_text(comment.created_at),
            "updated_at": datetime_text(comment.updated_at),
            "createdAt": datetime_text(comment.created_at),
        }


class CommentSerializer(CommentReplySerializer):
    """The documented comment, with `replies` (every reply of its thread, oldest first)."""

    replies = serializers.SerializerMethodField()

    @extend_schema_field(CommentReplySerializer(many=True))
    def get_replies(self, comment) -> list:
        replies = getattr(comment, "thread_replies", [])
        for reply in replies:
            reply.issue = comment.issue  # the parent's issue object: no query per reply
        return CommentReplySerializer(replies, many=True, context=self.context).data

    def to_representation(self, comment) -> dict:
        data = super().to_representation(comment)
        data["replies"] = self.get_replies(comment)
        return data


class CommentCreateSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=5000)
    parent_id = serializers.UUIDField(required=False, allow_null=True)


class LikeResultSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    likes = serializers.IntegerField()
