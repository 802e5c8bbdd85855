"""Comment reads: a page of top-level comments with all their replies, authors and like flags in fixed queries."""

from django.db.models import BooleanField, Exists, OuterRef, QuerySet, Value

from townspark.models import Comment, CommentLike


def _with_liked(queryset: QuerySet, viewer) -> QuerySet:
    if viewer is not None and viewer.is_authenticated:
        return queryset.annotate(is_liked=Exists(CommentLike.objects.filter(comment=OuterRef("pk"), user=viewer)))
    return queryset.annotate(is_liked=Value(False, output_field=BooleanField()))


def comments_for_issue(*, issue, viewer=None) -> QuerySet:
    """Top-level comments, newest first; `comment_replies_attach` adds a page's replies."""
    top_level = Comment.objects.filter(issue=issue, root__isnull=True).select_related("author")
    return _with_liked(top_level, viewer).order_by("-created_at")


def comment_replies_attach(comments, *, viewer=None) -> None:
    """Every reply of the comments' threads (oldest first) as their `thread_replies`, in one query."""
    threads = {comment.pk: comment for comment in comments}
    for comment in threads.values():
        comment.thread_replies = []
    if not threads:
        return
    replies = Comment.objects.filter(root_id__in=threads).select_related("author").order_by("created_at")
    for reply in _with_liked(replies, viewer):
        threads[reply.root_id].thread_replies.append(reply)


def comment_with_people(*, pk) -> Comment | None:
    """The comment with its author, issue, reporter (and profile) and replied-to author, for its side effects."""
    related = Comment.objects.select_related("author", "issue__reporter__townspark_profile", "parent__author")
    return _with_liked(related, None).filter(pk=pk).first()
