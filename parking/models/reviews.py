"""Reviews: a guest's rating of a listing after a completed booking, and users' reports of reviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q

# A review with this many reports (from distinct users) is hidden and leaves its listing's figures.
HIDE_AFTER_REPORTS = 3


class Review(models.Model):
    """One per (booking, author); only the booking's guest writes one (hosts do not review guests).

    `listing` repeats `booking.listing` so lists and the listing's figures need no join.
    A hidden review (`hidden_at` set) is out of lists and of `Listing.rating_total`/`review_count`.
    """

    listing = models.ForeignKey("parking.Listing", on_delete=models.PROTECT, related_name="reviews")
    booking = models.ForeignKey("parking.Booking", on_delete=models.PROTECT, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="parking_reviews")
    rating = models.PositiveSmallIntegerField(help_text="1 to 5.")
    comment = models.TextField(blank=True)
    report_count = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Set when the reports reach the threshold.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "author"], name="parking_review_booking_author_unique"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="parking_review_rating_1_to_5"),
        ]
        indexes = [models.Index(fields=["listing", "-created_at"], name="parking_review_listing_created")]

    def __str__(self) -> str:
        return f"Review {self.pk} of listing {self.listing_id} by {self.author_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReviewReport(models.Model):
    """A user's report of a review, at most one per (review, reporter)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_review_reports"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reporter"], name="parking_review_report_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} of review {self.review_id} by {self.reporter_id}"
