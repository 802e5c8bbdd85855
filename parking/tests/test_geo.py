"""core.geo on the real database, through Parking's listings: distances, the radius filter, points a hair apart."""

import math

import pytest
from django.db.models import F

from core.geo import EARTH_RADIUS_KM, haversine_km, within_radius
from parking.models import Listing
from parking.tests.conftest import make_listing

pytestmark = pytest.mark.django_db


def great_circle_km(lat1, lng1, lat2, lng2) -> float:
    """The textbook haversine in Python, to compare with the SQL."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@pytest.fixture
def places(host):
    coordinates = [(37.7749, -122.4194), (34.0522, -118.2437), (0.0, 0.0), (0.0, 179.9), (89.9, 10.0), (-33.87, 151.21)]
    return [make_listing(host, latitude=lat, longitude=lng) for lat, lng in coordinates]


@pytest.mark.parametrize("origin", [(37.7749, -122.4194), (0.0, -179.95), (-33.0, 150.0), (89.0, -170.0)])
def test_distances_match_the_haversine_within_a_metre(places, origin):
    rows = Listing.objects.annotate(d=haversine_km(*origin)).values_list("latitude", "longitude", "d")
    for lat, lng, distance in rows:
        assert distance == pytest.approx(great_circle_km(*origin, lat, lng), abs=1e-3)


def test_points_a_hair_apart_do_not_underflow(places):
    """PostgreSQL raises on a float product that underflows to zero; sin² of 1e-300 degrees would."""
    for lat, lng in [(1e-300, 1e-300), (-6.784073665380085e-105, 1e-160), (0.0, 1e-200)]:
        rows = within_radius(Listing.objects.all(), lat=lat, lng=lng, radius_km=50).annotate(d=haversine_km(lat, lng))
        assert [(row.latitude, row.longitude, row.d) for row in rows] == [(0.0, 0.0, 0.0)]


def test_within_radius_keeps_exactly_the_points_inside(places):
    origin = (37.0, -120.0)
    inside = set(
        within_radius(Listing.objects.all(), lat=origin[0], lng=origin[1], radius_km=400).values_list("pk", flat=True)
    )
    expected = {p.pk for p in places if great_circle_km(*origin, p.latitude, p.longitude) <= 400}
    assert inside == expected and len(expected) == 2
    assert list(Listing.objects.filter(pk__in=inside).order_by(F("pk"))) == [places[0], places[1]]
