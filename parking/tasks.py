"""Celery tasks of Parking in a Pinch, queued after commit and safe to run twice."""

import logging

from celery import shared_task
from PIL import Image

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def listing_photo_thumbnails(photo_ids: list[int]) -> int:
    """Generate the missing thumbnails of these listing photos; returns how many were made."""
    from parking.models import ListingPhoto
    from parking.services.listings import listing_photo_thumbnail_generate

    made = 0
    for photo in ListingPhoto.objects.filter(pk__in=photo_ids, thumbnail=""):
        try:
            made += listing_photo_thumbnail_generate(photo=photo)
        except (ValueError, SyntaxError, Image.DecompressionBombError) as exc:  # no better on retry
            logger.warning("No thumbnail for listing photo %s: %s", photo.pk, exc)
    return made
