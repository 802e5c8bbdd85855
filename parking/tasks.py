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


# --- bookings: run by beat (registered in migration 0003_beat_booking_tasks) ------------

CLEANUP_EXPIRED_BOOKINGS = "parking.cleanup_expired_bookings"
UPDATE_LISTING_AVAILABILITY = "parking.update_listing_availability"


@shared_task(name=CLEANUP_EXPIRED_BOOKINGS, ignore_result=True)
def cleanup_expired_bookings() -> int:
    """PENDING bookings whose start passed become EXPIRED; safe to run twice."""
    from parking.services.bookings import bookings_expire

    return bookings_expire()


@shared_task(name=UPDATE_LISTING_AVAILABILITY, ignore_result=True)
def update_listing_availability() -> int:
    """Drop availability windows that ended (each listing keeps its latest); safe to run twice."""
    from parking.services.bookings import availability_windows_prune

    return availability_windows_prune()


# --- payments: process_payouts run by beat (registered in migration 0005_beat_payouts) ------

PROCESS_PAYOUTS = "parking.tasks.process_payouts"


@shared_task(name=PROCESS_PAYOUTS, ignore_result=True)
def process_payouts() -> int:
    """Transfer hosts their completed, paid stays; each booking once, however often (or at once) it runs."""
    from parking.services.payments import payouts_process

    return len(payouts_process())


@shared_task(ignore_result=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def booking_refund(booking_id: int) -> None:
    """Pay back a booking's `refund_due` at Stripe: one refund, however often it runs."""
    from parking.services.payments import booking_refund_pay

    booking_refund_pay(booking_id=booking_id)
