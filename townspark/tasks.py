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
