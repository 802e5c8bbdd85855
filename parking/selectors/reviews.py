"""Reviews reads: public lists without hidden reviews; a hidden review only for its author and operators."""

from django.db.models import QuerySet
from django.http import Http404

from parking.models import Booking, Review
from parking.product import PRODUCT

# Database ids are signed 64-bit: a larger number in a URL is no object, not a driver error.
MAX_ID = 2**63 - 1


def _is_operator(user) -> bool:
    return user.realm == PRODUCT.key and user.role in PRODUCT.admin_roles


def review_list(*, listing_id: int | None = None) -> QuerySet[Review]:
    """Visible reviews, newest first, with what the review shape shows; optionally of one listing."""
    reviews = Review.objects.filter(hidden_at__isnull=True).select_related("listing", "author")
    if listing_id is not None:
        reviews = reviews.filter(listing_id=listing_id)
    return reviews.order_by("-created_at", "-id")


def review_get(*, review_id: int, user) -> Review:
    """A review; a hidden one only for its author or an operator. Http404 otherwise, as for a missing one."""
    if not 1 <= review_id <= MAX_ID:
        raise Http404
    review = Review.objects.select_related("listing", "author").filter(pk=review_id).first()
    if review is None:
        raise Http404
    if review.is_hidden and not (user.is_authenticated and (review.author_id == user.pk or _is_operator(user))):
        raise Http404
    return review


def booking_for_review(*, booking_id: int) -> Booking | None:
    if not 1 <= booking_id <= MAX_ID:
        return None
    return Booking.objects.filter(pk=booking_id).first()
