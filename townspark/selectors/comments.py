"""Comment reads: a page of top-level comments with all their replies, authors and like flags in fixed queries."""

from django.db.models import BooleanField, Exists, OuterRef, Prefetch, QuerySet, Value
from django.shortcuts import get_object_or_404

from townspark.models import Comment, CommentLike


def _with_liked(queryset: QuerySet, viewer) -> QuerySet:
    if viewer is not None and viewer.is_authenticated:
        return queryset.annotate(is_liked=Exists(CommentLike.objects.filter(comment=OuterRef("pk"), user=viewer)))
    return queryset.annotate(is_liked=Value(False, output_field=BooleanField()))


def comments_for_issue(*, issue, viewer=None) -> QuerySet:
    """Top-level comments, newest first, each with its thread's replies (oldest first) as `thread_replies`."""
    replies = _with_liked(Comment.objects.select_related("author"), viewer).order_by("created_at")
    return (
        _with_liked(Comment.objects.filter(issue=issue, root__isnull=True).select_related("author"), viewer)
        .prefetch_related(Prefetch("thread", queryset=replies, to_attr="thread_replies"))
        .order_by("-created_at")
    )


def comment_get(*, pk, viewer=None) -> Comment:
    return get_object_or_404(_with_liked(Comment.objects.select_related("author", "issue"), viewer), pk=pk)
