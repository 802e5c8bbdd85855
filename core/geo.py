"""Great-circle distance in SQL (haversine with Django's math functions), on SQLite and PostgreSQL alike."""

import math

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Radians, Sqrt
from django.db.models.lookups import LessThanOrEqual

EARTH_RADIUS_KM = 6371.0088
# A slightly short degree keeps the bounding box a superset of the circle.
KM_PER_DEGREE_LAT = 111.0


def haversine_km(lat: float, lng: float):
    """An expression: the great-circle distance in km from (lat, lng) to the row's latitude/longitude.

    The haversine `a` is written with 1 - cos(x) in place of 2 sin²(x/2): the same value, but PostgreSQL
    raises "underflow" when a product of non-zero floats rounds to zero, which sin²(x/2) does for points
    a hair apart (1e-160 degrees), while 1 - cos(x) is exactly 0 there. The price is rounding of about
    a decimetre on the distance, far below what any caller shows.
    """
    lat1 = Radians(Value(float(lat), output_field=FloatField()))
    lat2 = Radians(F("latitude"))
    one = Value(1.0, output_field=FloatField())
    dlat = Radians(F("latitude") - Value(float(lat), output_field=FloatField()))
    dlng = Radians(F("longitude") - Value(float(lng), output_field=FloatField()))
    a = ((one - Cos(dlat)) + Cos(lat1) * Cos(lat2) * (one - Cos(dlng))) / 2
    # Rounding can push `a` a hair above 1, outside asin's domain.
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(Least(a, one)))


def bounding_box(lat: float, lng: float, radius_km: float) -> Q:
    """A cheap index-friendly prefilter containing every point within `radius_km` (handles poles and ±180°)."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    box = Q(latitude__gte=max(-90.0, lat - dlat), latitude__lte=min(90.0, lat + dlat))
    angular = radius_km / EARTH_RADIUS_KM
    cos_lat = math.cos(math.radians(lat))
    if lat + dlat >= 90 or lat - dlat <= -90 or cos_lat <= 0 or math.sin(angular) >= cos_lat:
        return box  # a pole is inside the circle: every longitude qualifies
    dlng = math.degrees(math.asin(math.sin(angular) / cos_lat)) * 1.01 + 1e-6
    low, high = lng - dlng, lng + dlng
    if low < -180:
        return box & (Q(longitude__gte=low + 360) | Q(longitude__lte=high))
    if high > 180:
        return box & (Q(longitude__gte=low) | Q(longitude__lte=high - 360))
    return box & Q(longitude__gte=low, longitude__lte=high)


def within_radius(queryset: QuerySet, *, lat: float, lng: float, radius_km: float) -> QuerySet:
    """Rows with coordinates within `radius_km` of (lat, lng): the bounding box first, then the exact distance."""
    near = LessThanOrEqual(haversine_km(lat, lng), float(radius_km))
    return queryset.filter(bounding_box(lat, lng, radius_km), near, latitude__isnull=False, longitude__isnull=False)
