"""Serializers of comments and comment votes."""

from rest_framework import serializers

from core.api.serializers import ModelSerializer
from ressourcefy.models import Comment


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    parent_id = serializers.UUIDField(required=False, allow_null=True, help_text="The comment this one answers.")


class CommentSerializer(ModelSerializer):
    """A comment in the flat list; `parent_id` links a reply to the comment it answers."""

    resource_id = serializers.UUIDField(read_only=True)
    parent_id = serializers.UUIDField(read_only=True, allow_null=True)
    author_id = serializers.UUIDField(source="author.uuid", read_only=True)
    author_name = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "resource_id", "parent_id", "author_id", "author_name", "body", "score", "created_at"]


class VoteSerializer(serializers.Serializer):
    comment_id = serializers.UUIDField()
    vote_value = serializers.ChoiceField(
        choices=[1, -1],
        help_text="1 for an upvote, -1 for a downvote.",
        error_messages={"invalid_choice": "Ensure this value is either 1 or -1."},
    )


class VoteResultSerializer(serializers.Serializer):
    vote_id = serializers.UUIDField()
    comment_id = serializers.UUIDField()
    value = serializers.IntegerField()
    score = serializers.IntegerField(help_text="The comment's score after this vote.")
