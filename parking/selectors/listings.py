"""Listing reads: the public lists (newest, search, nearby) and one listing, everything a page shows prefetched."""

from collections import defaultdict
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from core.compiled_queries import CompiledListQuery
from core.geo import haversine_km, within_radius
from parking.models import FEATURE_BITS, AvailabilityWindow, Listing, ListingPhoto
from parking.product import PRODUCT


def _with_related(queryset: QuerySet) -> QuerySet:
    """Host joined; a page's photos and windows come from `listings_photos_windows_attach` (two queries a page)."""
    return queryset.select_related("host")


def listings_photos_windows_attach(listings: list[Listing]) -> None:
    """Each listing's photos (by id) and availability windows (by start) as `page_photos` and `page_windows`.

    Two queries for a page, compiled once per page length, instead of `prefetch_related`, whose
    machinery cost a page of 20 listings more CPU than both queries (bench/RESULTS.md, issue #16).
    """
    ids = [listing.pk for listing in listings]
    photos, windows = defaultdict(list), defaultdict(list)
    for photo in _PHOTOS.fetch(ids):
        photos[photo.listing_id].append(photo)
    for window in _WINDOWS.fetch(ids):
        windows[window.listing_id].append(window)
    for listing in listings:
        listing.page_photos, listing.page_windows = photos[listing.pk], windows[listing.pk]


_PHOTOS = CompiledListQuery(lambda ids: ListingPhoto.objects.filter(listing_id__in=ids).order_by("id"))
_WINDOWS = CompiledListQuery(
    lambda ids: AvailabilityWindow.objects.filter(listing_id__in=ids).order_by("starts_at", "id")
)


def listing_list() -> QuerySet:
    """Active, not deleted listings, newest first."""
    return _with_related(Listing.objects.alive().filter(is_active=True)).order_by("-created_at", "-id")


def listing_get(*, listing_id: int, user=None) -> Listing | None:
    """One listing that is not deleted; an inactive one only for its host or an admin (others get None)."""
    listing = _with_related(Listing.objects.alive()).filter(pk=listing_id).first()
    if listing is None or not (listing.is_active or _may_see_inactive(user, listing)):
        return None
    listings_photos_windows_attach([listing])
    return listing


def _may_see_inactive(user, listing: Listing) -> bool:
    return user is not None and user.is_authenticated and (listing.host_id == user.pk or _is_operator(user))


def _is_operator(user) -> bool:
    return user.realm == PRODUCT.key and user.role in PRODUCT.admin_roles


def listing_booking_overlap_exclude(queryset: QuerySet, *, starts_at: datetime, ends_at: datetime) -> QuerySet:
    """Drop listings with a booking holding any part of [starts_at, ends_at) (PENDING, CONFIRMED, CHECKED_IN)."""
    from parking.selectors.bookings import booking_holding

    clashing = booking_holding().filter(listing=OuterRef("pk"), start_time__lt=ends_at, end_time__gt=starts_at)
    return queryset.exclude(Exists(clashing))


def listing_search(
    *,
    text: str = "",
    city: str = "",
    spot_types: list[str] | None = None,
    features: list[str] | None = None,
    min_price_per_hour: int | None = None,
    max_price_per_hour: int | None = None,
    min_price_per_day: int | None = None,
    max_price_per_day: int | None = None,
    available_from: datetime | None = None,
    available_to: datetime | None = None,
) -> QuerySet:
    """Active listings matching every given filter, newest first.

    `features`: listings having all of them. `available_from`/`available_to`: one availability window
    covers the whole span (touching windows are joined when saved), then no overlapping booking.
    """
    queryset = Listing.objects.alive().filter(is_active=True)
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(address__icontains=word)
            | Q(city__icontains=word)
        )
    if city:
        queryset = queryset.filter(city__iexact=city)
    if spot_types:
        queryset = queryset.filter(spot_type__in=spot_types)
    if features:
        wanted = 0
        for code in features:
            wanted |= FEATURE_BITS[code]
        queryset = queryset.annotate(_features=F("features_mask").bitand(wanted)).filter(_features=wanted)
    bounds = {
        "price_per_hour__gte": min_price_per_hour,
        "price_per_hour__lte": max_price_per_hour,
        "price_per_day__gte": min_price_per_day,
        "price_per_day__lte": max_price_per_day,
    }
    queryset = queryset.filter(**{lookup: value for lookup, value in bounds.items() if value is not None})
    if available_from is not None and available_to is not None:
        covering = AvailabilityWindow.objects.filter(
            listing=OuterRef("pk"), starts_at__lte=available_from, ends_at__gte=available_to
        )
        queryset = queryset.filter(Exists(covering))
        queryset = listing_booking_overlap_exclude(queryset, starts_at=available_from, ends_at=available_to)
    return _with_related(queryset).order_by("-created_at", "-id")


def listing_nearby(*, lat: float, lng: float, radius_km: float) -> QuerySet:
    """Active listings within `radius_km` of (lat, lng), nearest first, each with `distance_km`."""
    queryset = within_radius(Listing.objects.alive().filter(is_active=True), lat=lat, lng=lng, radius_km=radius_km)
    return _with_related(queryset.annotate(distance_km=haversine_km(lat, lng))).order_by("distance_km", "id")
