"""Pro profiles (the spec's AListHomeProProfile), the service categories they offer, portfolios and reviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q

PRO_ROLES = ("contractor", "crew", "specialist")


class ServiceCategory(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "service categories"

    def __str__(self) -> str:
        return self.name


class ProProfile(models.Model):
    """One per pro account. Review figures are kept on the row, updated with each review in its transaction."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alistpros_profile")
    business_name = models.CharField(max_length=200)
    business_description = models.TextField(blank=True)
    years_of_experience = models.PositiveSmallIntegerField(default=0)
    license_number = models.CharField(max_length=100, blank=True)
    insurance_info = models.CharField(max_length=500, blank=True)
    service_radius = models.PositiveIntegerField(default=0, help_text="Miles.")
    profile_image = models.FileField(upload_to="alistpros/profiles/%Y/%m/", blank=True)
    is_onboarded = models.BooleanField(default=False, help_text="Stripe Connect onboarding completed.")
    service_categories = models.ManyToManyField(ServiceCategory, related_name="pros", blank=True)
    total_reviews = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0, help_text="Sum of the ratings; average = total / count.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="alistpros_pro_newest"),  # the list's default order
            models.Index(fields=["business_name"]),
            models.Index(fields=["years_of_experience"]),
            models.Index(fields=["service_radius"]),
        ]

    def __str__(self) -> str:
        return self.business_name

    @property
    def average_rating(self) -> float:
        return round(self.rating_total / self.total_reviews, 1) if self.total_reviews else 0.0


class PortfolioItem(models.Model):
    profile = models.ForeignKey(ProProfile, on_delete=models.CASCADE, related_name="portfolio_items")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    image = models.FileField(upload_to="alistpros/portfolio/%Y/%m/", blank=True)
    completion_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completion_date", "-id"]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """A client's review of a pro: one per client and pro (the database refuses a second, concurrent ones too)."""

    profile = models.ForeignKey(ProProfile, on_delete=models.CASCADE, related_name="reviews")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alistpros_reviews")
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    is_verified = models.BooleanField(default=False, help_text="The client paid this pro or had an appointment.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "client"], name="alistpros_review_once_per_client"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="alistpros_review_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for {self.profile_id} by {self.client_id}"
