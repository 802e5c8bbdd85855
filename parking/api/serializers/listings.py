"""Serializers of the listings area: the listing's documented shape, its writes, photos, windows, query params."""

import math

from django.db.models import Manager
from rest_framework import serializers

from core.api.fields import AccountIdField
from core.api.rendering import account_id, datetime_text, file_url
from core.api.serializers import ModelSerializer
from core.payments.money import AmountField, format_amount
from parking.models import AvailabilityWindow, Feature, Listing, ListingPhoto, SpotType
from parking.models.listings import CURRENCY
from parking.selectors.listings import listings_photos_windows_attach

MAX_RADIUS_KM = 100.0
DEFAULT_RADIUS_KM = 5.0


class FiniteFloatField(serializers.FloatField):
    """A float that is a real number: NaN and infinities slip past min/max comparisons, so refuse them first."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        return value


class CentsAsAmountField(AmountField):
    """Integer cents in the model, "12.50" in the API (USD)."""

    def __init__(self, **kwargs):
        super().__init__(currency=CURRENCY, **kwargs)

    def to_representation(self, value) -> str:
        return format_amount(value, self.currency)


class ListingHostSerializer(serializers.Serializer):
    """`{id, name}`: the hosting account."""

    id = AccountIdField()
    name = serializers.CharField(read_only=True)


class ListingPhotoSerializer(ModelSerializer):
    image = serializers.ImageField(read_only=True, help_text="The photo's URL.")
    thumbnail = serializers.ImageField(
        read_only=True, allow_null=True, help_text="The thumbnail's URL; null until the thumbnail task has run."
    )

    class Meta:
        model = ListingPhoto
        fields = ["id", "image", "thumbnail"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["thumbnail"] = data["thumbnail"] or None
        return data


class AvailabilityWindowSerializer(ModelSerializer):
    """`{starts_at, ends_at}`: ISO 8601 date-times with a time zone; ends after it starts."""

    class Meta:
        model = AvailabilityWindow
        fields = ["starts_at", "ends_at"]

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": ["Must be after starts_at."]})
        return attrs


def _loaded(listing, attribute: str, relation: str):
    """The rows a page attached (selectors.listings_photos_windows_attach), else the relation's."""
    rows = getattr(listing, attribute, None)
    return getattr(listing, relation).all() if rows is None else rows


class ListingPageSerializer(serializers.ListSerializer):
    """A page of listings: their photos and windows come in two queries for the whole page."""

    def to_representation(self, data):
        listings = list(data.all() if isinstance(data, Manager) else data)
        listings_photos_windows_attach(listings)
        return [self.child.to_representation(listing) for listing in listings]


class ListingSerializer(ModelSerializer):
    """A listing as every endpoint shows it; read from selectors.listings (host, photos and windows loaded)."""

    host = ListingHostSerializer(read_only=True)
    price_per_hour = CentsAsAmountField(read_only=True, help_text='Decimal string in USD, e.g. "4.50".')
    price_per_day = CentsAsAmountField(read_only=True, help_text='Decimal string in USD, e.g. "25.00".')
    currency = serializers.SerializerMethodField()
    features = serializers.ListField(child=serializers.ChoiceField(choices=Feature.choices), read_only=True)
    photos = ListingPhotoSerializer(many=True, read_only=True)
    availability = AvailabilityWindowSerializer(source="availability_windows", many=True, read_only=True)
    rating = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Average review rating; null without reviews."
    )

    class Meta:
        model = Listing
        list_serializer_class = ListingPageSerializer
        fields = [
            "id",
            "title",
            "description",
            "address",
            "city",
            "latitude",
            "longitude",
            "price_per_hour",
            "price_per_day",
            "currency",
            "spot_type",
            "features",
            "photos",
            "host",
            "rating",
            "review_count",
            "is_active",
            "availability",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return CURRENCY

    # Rendered by hand, field for field what the declared fields render (tests/api/test_renderings.py holds
    # them equal): every list renders a page of listings, and DRF's nested serializers (photos, windows, host)
    # cost more CPU than the page's queries (bench/RESULTS.md, issue #16).
    def to_representation(self, listing) -> dict:
        request = self.context.get("request")
        rating = listing.rating
        return {
            "id": listing.id,
            "title": listing.title,
            "description": listing.description,
            "address": listing.address,
            "city": listing.city,
            "latitude": float(listing.latitude),
            "longitude": float(listing.longitude),
            "price_per_hour": format_amount(listing.price_per_hour, CURRENCY),
            "price_per_day": format_amount(listing.price_per_day, CURRENCY),
            "currency": CURRENCY,
            "spot_type": listing.spot_type,
            "features": list(listing.features),
            "photos": [
                {
                    "id": photo.id,
                    "image": file_url(photo.image, request),
                    "thumbnail": file_url(photo.thumbnail, request),
                }
                for photo in _loaded(listing, "page_photos", "photos")
            ],
            "host": {"id": account_id(listing.host.public_id), "name": listing.host.name},
            "rating": None if rating is None else float(rating),
            "review_count": listing.review_count,
            "is_active": bool(listing.is_active),
            "availability": [
                {
                    "starts_at": datetime_text(window.starts_at),
                    "ends_at": datetime_text(window.ends_at),
                }
                for window in _loaded(listing, "page_windows", "availability_windows")
            ],
            "created_at": datetime_text(listing.created_at),
            "updated_at": datetime_text(listing.updated_at),
        }


class NearbyListingSerializer(ListingSerializer):
    """A listing with its great-circle distance from the searched point."""

    distance_km = serializers.SerializerMethodField(help_text="Great-circle distance in km, to 3 decimals.")

    class Meta(ListingSerializer.Meta):
        fields = [*ListingSerializer.Meta.fields, "distance_km"]
        read_only_fields = fields

    def get_distance_km(self, obj) -> float:
        return round(obj.distance_km, 3)

    def to_representation(self, listing) -> dict:
        return {**super().to_representation(listing), "distance_km": self.get_distance_km(listing)}


class ListingWriteSerializer(serializers.Serializer):
    """A listing's writable fields: all required on POST and PUT, any subset on PATCH."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    address = serializers.CharField(max_length=255)
    city = serializers.CharField(max_length=100)
    latitude = FiniteFloatField(min_value=-90, max_value=90)
    longitude = FiniteFloatField(min_value=-180, max_value=180)
    price_per_hour = CentsAsAmountField(help_text='USD, as "4.50" or 4.5.')
    price_per_day = CentsAsAmountField(help_text='USD, as "25.00" or 25.')
    spot_type = serializers.ChoiceField(choices=SpotType.choices)
    features = serializers.ListField(
        child=serializers.ChoiceField(choices=Feature.choices), required=False, default=list, max_length=len(Feature)
    )
    is_active = serializers.BooleanField(required=False, default=True)

    def validate_features(self, value):
        return sorted(set(value))


class ListingPhotoUploadSerializer(serializers.Serializer):
    """Multipart: one or several files under `photos` (JPEG, PNG or WebP, at most 10 MB each)."""

    photos = serializers.ListField(child=serializers.FileField(), allow_empty=False, max_length=10)


class AvailabilityReplaceSerializer(serializers.Serializer):
    """The listing's new windows, replacing all the old ones; an empty list clears them."""

    windows = AvailabilityWindowSerializer(many=True, max_length=200)


class _CommaListField(serializers.ListField):
    """`a,b` or repeated parameters alike."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [part for part in data.split(",") if part.strip()]
        elif isinstance(data, list):
            data = [part for item in data for part in str(item).split(",") if part.strip()]
        return super().to_internal_value([part.strip() for part in data])


class ListingSearchQuerySerializer(serializers.Serializer):
    """GET listings/search/ parameters; every one optional, all given ones must match."""

    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Words in title, description, address or city."
    )
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
    spot_type = _CommaListField(
        child=serializers.ChoiceField(choices=SpotType.choices),
        required=False,
        help_text="One or more, comma-separated.",
    )
    features = _CommaListField(
        child=serializers.ChoiceField(choices=Feature.choices),
        required=False,
        help_text="Listings having all of these.",
    )
    min_price_per_hour = CentsAsAmountField(required=False)
    max_price_per_hour = CentsAsAmountField(required=False)
    min_price_per_day = CentsAsAmountField(required=False)
    max_price_per_day = CentsAsAmountField(required=False)
    available_from = serializers.DateTimeField(required=False)
    available_to = serializers.DateTimeField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("available_from"), attrs.get("available_to")
        if (start is None) != (end is None):
            raise serializers.ValidationError(
                {"available_to" if end is None else "available_from": ["Give both available_from and available_to."]}
            )
        if start is not None and end <= start:
            raise serializers.ValidationError({"available_to": ["Must be after available_from."]})
        for unit in ("hour", "day"):
            low, high = attrs.get(f"min_price_per_{unit}"), attrs.get(f"max_price_per_{unit}")
            if low is not None and high is not None and low > high:
                raise serializers.ValidationError(
                    {f"max_price_per_{unit}": [f"Must be at least min_price_per_{unit}."]}
                )
        return attrs


class ListingNearbyQuerySerializer(serializers.Serializer):
    """GET listings/nearby/ parameters."""

    lat = FiniteFloatField(min_value=-90, max_value=90)
    lng = FiniteFloatField(min_value=-180, max_value=180)
    radius = FiniteFloatField(
        required=False,
        default=DEFAULT_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
        help_text=f"Kilometres, over 0 and at most {MAX_RADIUS_KM:g} (default {DEFAULT_RADIUS_KM:g}).",
    )

    def validate_radius(self, value):
        if not value > 0:  # NaN too
            raise serializers.ValidationError("Must be greater than 0.")
        return value
