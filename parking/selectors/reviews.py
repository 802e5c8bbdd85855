"""Reviews reads: public lists without hidden reviews; a hidden review only for its author and operators."""

from django.db.models import QuerySet
from django.http import Http404

from core.ids import MAX_INTEGER_ID
from parking.models import Booking, Review
from parking.product import PRODUCT


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
    if not 1 <= review_id <= MAX_INTEGER_ID:
        raise Http404
    review = Review.objects.select_related("listing", "author").filter(pk=review_id).first()
    if review is None:
        raise Http404
    if review.is_hidden and not (user.is_authenticated and (review.author_id == user.pk or _is_operator(user))):
        raise Http404
    return review


def booking_for_review(*, booking_id: int) -> Booking | None:
    if not 1 <= booking_id <= MAX_INTEGER_ID:
        return None
    return Booking.objects.filter(pk=booking_id).first()
