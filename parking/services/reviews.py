"""Reviews writes: create, update, delete, report; each keeps its listing's figures in the same transaction.

Every write locks the listing row first (then the review), so concurrent writes on
one listing run one after another and `Listing.rating_total`/`review_count` always
equal the sum and count of its visible reviews; they move with F() expressions.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError

from core.api.exceptions import Conflict
from parking.models import HIDE_AFTER_REPORTS, Booking, BookingStatus, Listing, Review, ReviewReport


def _lock_listing(listing_id: int) -> None:
    Listing.objects.select_for_update().filter(pk=listing_id).values_list("pk", flat=True).get()


def _move_figures(*, listing_id: int, total: int, count: int) -> None:
    if total or count:
        Listing.objects.filter(pk=listing_id).update(
            rating_total=F("rating_total") + total, review_count=F("review_count") + count
        )


def _locked_review(review: Review) -> Review:
    """Lock the listing, then re-read the review under a lock (it may have changed or gone since it was read)."""
    _lock_listing(review.listing_id)
    return Review.objects.select_for_update().get(pk=review.pk)


@transaction.atomic
def review_create(*, author, booking: Booking, rating: int, comment: str = "") -> Review:
    """The guest's review of a COMPLETED booking's listing; one per booking (Conflict, 409, on a second)."""
    if booking.guest_id != author.pk:
        raise PermissionDenied("Only the booking's guest can review it.")
    _lock_listing(booking.listing_id)
    status = Booking.objects.filter(pk=booking.pk).values_list("status", flat=True).get()
    if status != BookingStatus.COMPLETED:
        raise ValidationError({"booking": ["Only a completed booking can be reviewed."]})
    if Review.objects.filter(booking=booking, author=author).exists():
        raise Conflict("You have already reviewed this booking.")
    try:
        with transaction.atomic():
            review = Review.objects.create(
                listing_id=booking.listing_id, booking=booking, author=author, rating=rating, comment=comment
            )
    except IntegrityError as exc:  # the listing lock serializes creates; this is the last guard
        raise Conflict("You have already reviewed this booking.") from exc
    _move_figures(listing_id=booking.listing_id, total=rating, count=1)
    return review


@transaction.atomic
def review_update(*, review: Review, rating: int | None = None, comment: str | None = None) -> Review:
    """Change the rating and/or comment; a visible review's new rating moves the listing's total."""
    review = _locked_review(review)
    old_rating = review.rating
    if rating is not None:
        review.rating = rating
    if comment is not None:
        review.comment = comment
    review.save(update_fields=["rating", "comment", "updated_at"])
    if not review.is_hidden:
        _move_figures(listing_id=review.listing_id, total=review.rating - old_rating, count=0)
    return review


@transaction.atomic
def review_delete(*, review: Review) -> None:
    """Delete the review (and its reports); a visible one leaves the listing's figures."""
    review = _locked_review(review)
    if not review.is_hidden:
        _move_figures(listing_id=review.listing_id, total=-review.rating, count=-1)
    review.delete()


@transaction.atomic
def review_report(*, review: Review, reporter, reason: str) -> Review:
    """Record `reporter`'s report (once per user: Conflict, 409); at HIDE_AFTER_REPORTS the review is hidden."""
    if review.author_id == reporter.pk:
        raise PermissionDenied("You cannot report your own review.")
    review = _locked_review(review)
    if ReviewReport.objects.filter(review=review, reporter=reporter).exists():
        raise Conflict("You have already reported this review.")
    ReviewReport.objects.create(review=review, reporter=reporter, reason=reason)
    review.report_count += 1
    fields = ["report_count"]
    if review.report_count >= HIDE_AFTER_REPORTS and not review.is_hidden:
        review.hidden_at = timezone.now()
        fields.append("hidden_at")
        _move_figures(listing_id=review.listing_id, total=-review.rating, count=-1)
    review.save(update_fields=fields)
    return review
