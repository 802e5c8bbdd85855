"""Reads of comments: a resource's visible comments, flat and oldest first, each naming its parent."""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from ressourcefy.models import Comment
from ressourcefy.selectors.access import resource_is_visible

COMMENT_NOT_FOUND = "Comment not found."


def comment_list(*, resource) -> QuerySet[Comment]:
    """Visible (not deleted) comments of `resource`, oldest first, with their authors, in a fixed number of queries."""
    return (
        Comment.objects.filter(resource=resource, deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id")
    )


def comment_get_visible(*, comment_id, user) -> Comment:
    """A comment on a resource the caller may see, deleted or not; NotFound otherwise."""
    comment = Comment.objects.select_related("resource", "author").filter(pk=comment_id).first()
    if comment is None or not resource_is_visible(user, comment.resource):
        raise NotFound(COMMENT_NOT_FOUND)
    return comment
