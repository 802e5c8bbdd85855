"""Listings: a host's parking spot, its photos and the windows in which it can be booked."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

# Prices are stored in cents of this one currency; the API shows them as "12.50".
CURRENCY = "usd"


class SpotType(models.TextChoices):
    GARAGE = "GARAGE", "Garage"
    DRIVEWAY = "DRIVEWAY", "Driveway"
    LOT = "LOT", "Parking lot"
    STREET = "STREET", "Street"
    COVERED = "COVERED", "Covered"


class Feature(models.TextChoices):
    EV_CHARGING = "EV_CHARGING", "EV charging"
    COVERED = "COVERED", "Covered"
    SECURITY_CAMERA = "SECURITY_CAMERA", "Security camera"
    GATED = "GATED", "Gated"
    LIGHTING = "LIGHTING", "Lighting"
    HANDICAP_ACCESSIBLE = "HANDICAP_ACCESSIBLE", "Handicap accessible"


# Features are a bitmask: "has all of these" is one `mask & wanted = wanted` on SQLite and PostgreSQL alike,
# with nothing to join or prefetch. New features take the next bit; never renumber the existing ones.
FEATURE_BITS = {feature.value: 1 << index for index, feature in enumerate(Feature)}


class ListingQuerySet(models.QuerySet):
    def alive(self):
        """Not soft-deleted: deleted listings keep their row (bookings point at it) but are never shown."""
        return self.filter(deleted_at__isnull=True)


class Listing(models.Model):
    """A parking spot offered by a host; `rating_total`/`review_count` are kept by the reviews area."""

    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="parking_listings")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address = models.CharField(max_length=255)
    city = models.CharField(max_length=100)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    price_per_hour = models.PositiveIntegerField(help_text="Cents (USD).")
    price_per_day = models.PositiveIntegerField(help_text="Cents (USD).")
    spot_type = models.CharField(max_length=20, choices=SpotType.choices)
    features_mask = models.PositiveIntegerField(default=0, help_text="Bits of FEATURE_BITS.")
    rating_total = models.PositiveIntegerField(default=0)
    review_count = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="parking_listing_coords"),
            models.Index(fields=["-created_at", "-id"], name="parking_listing_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="parking_listing_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def features(self) -> list[str]:
        return [code for code, bit in FEATURE_BITS.items() if self.features_mask & bit]

    @property
    def rating(self) -> float | None:
        return round(self.rating_total / self.review_count, 1) if self.review_count else None


class ListingPhoto(models.Model):
    """A content-checked photo of a listing; the thumbnail is made by a Celery task after commit."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="parking/listings/%Y/%m/")
    thumbnail = models.ImageField(upload_to="parking/listings/thumbs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Photo {self.pk} of listing {self.listing_id}"


class AvailabilityWindow(models.Model):
    """A span in which the listing may be booked; a listing's windows never overlap (the service checks)."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="availability_windows")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["listing", "starts_at"], name="parking_window_listing_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="parking_window_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.starts_at:%Y-%m-%d %H:%M} - {self.ends_at:%Y-%m-%d %H:%M}"
