"""Shapes rendered by hand for hot lists equal what their declared serializer fields render."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from core.testing.renderings import assert_rendered_as_declared, declared
from parking.api.serializers.listings import ListingSerializer, NearbyListingSerializer
from parking.models import FEATURE_BITS, AvailabilityWindow, ListingPhoto
from parking.selectors.listings import listing_list, listing_nearby
from parking.tests.conftest import make_listing

pytestmark = pytest.mark.django_db
T0 = datetime(2030, 1, 1, 8, tzinfo=UTC)


@pytest.fixture
def listings(host, both):
    rated = make_listing(
        host,
        title="Covered garage",
        spot_type="GARAGE",
        features_mask=FEATURE_BITS["COVERED"] | FEATURE_BITS["EV_CHARGING"],
        rating_total=9,
        review_count=2,
        price_per_hour=450,
    )
    ListingPhoto.objects.create(listing=rated, image="parking/listings/a.png", thumbnail="parking/listings/t/a.png")
    ListingPhoto.objects.create(listing=rated, image="parking/listings/b.png")  # no thumbnail yet
    AvailabilityWindow.objects.create(listing=rated, starts_at=T0, ends_at=T0 + timedelta(hours=10))
    AvailabilityWindow.objects.create(listing=rated, starts_at=T0 + timedelta(days=1), ends_at=T0 + timedelta(days=2))
    plain = make_listing(both, title="Bare driveway", latitude=37.78, longitude=-122.41)
    return rated, plain


def test_listings(listings):
    for context in ({"request": RequestFactory().get("/parking/api/v1/listings/")}, {}):
        rows = list(listing_list())
        assert len(rows) == 2
        for listing in rows:
            serializer = ListingSerializer(context=context)
            assert_rendered_as_declared(serializer, listing)
        page = ListingSerializer(listing_list(), many=True, context=context).data  # photos, windows: 2 queries
        assert page == [declared(ListingSerializer(context=context), listing) for listing in listing_list()]
        for listing in listing_nearby(lat=37.77, lng=-122.42, radius_km=10):
            serializer = NearbyListingSerializer(context=context)
            assert_rendered_as_declared(serializer, listing)
    shown = ListingSerializer(listings[0], context={}).data
    assert shown["rating"] == 4.5 and sorted(shown["features"]) == ["COVERED", "EV_CHARGING"]
    assert shown["photos"][1]["thumbnail"] is None and len(shown["availability"]) == 2
