"""Celery tasks of TownSpark, queued after commit and safe to run twice."""

import logging

from celery import shared_task
from PIL import Image

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def issue_image_thumbnails(image_ids: list[int]) -> int:
    """Generate the missing thumbnails of these images; returns how many were made."""
    from townspark.models import IssueImage
    from townspark.services.images import image_thumbnail_generate

    made = 0
    for image in IssueImage.objects.filter(pk__in=image_ids, thumbnail=""):
        try:
            made += image_thumbnail_generate(image=image)
        except (ValueError, SyntaxError, Image.DecompressionBombError) as exc:  # no better on retry
            logger.warning("No thumbnail for issue image %s: %s", image.pk, exc)
    return made


@shared_task(ignore_result=True)
def issue_upvoted_effects(upvote_id: int) -> None:
    """The notification and badges of one upvote, queued after its commit; safe to run twice."""
    from townspark.services.engagement import issue_upvoted_effects_apply

    issue_upvoted_effects_apply(upvote_id=upvote_id)


@shared_task(ignore_result=True)
def comment_created_effects(comment_id: str) -> None:
    """Notifications, badges and the `new_comment` frame of one comment, queued after its commit; safe to run twice."""
    from townspark.api.serializers.comments import CommentSerializer
    from townspark.selectors.comments import comment_with_people
    from townspark.services.comments import comment_created_effects_apply

    comment = comment_with_people(pk=comment_id)
    if comment is None:  # deleted before this ran: nobody is told of a comment that is gone
        return
    comment_created_effects_apply(comment=comment, comment_data=CommentSerializer(comment, context={}).data)
