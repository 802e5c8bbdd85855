"""Views of the listings area: CRUD (host-only writes, soft delete), photos, search, nearby, availability.

Thin: validate, call a service or selector, serialize. Reads are public; writes need the listing's host or
an ADMIN, and creating needs a HOST or BOTH account.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from core.api.parsers import JSONParser
from core.api.query_params import validated_query
from core.api.responses import created, ok
from parking.api.permissions import CanHost, IsAdmin, IsListingHost
from parking.api.serializers import listings as s
from parking.models import Listing
from parking.selectors import listings as selectors
from parking.services import listings as services

LISTING_EXAMPLE = {
    "id": 7,
    "title": "Covered garage near Union Square",
    "description": "Fits an SUV; entrance on Post St.",
    "address": "450 Post St",
    "city": "San Francisco",
    "latitude": 37.7881,
    "longitude": -122.4084,
    "price_per_hour": "4.50",
    "price_per_day": "28.00",
    "currency": "usd",
    "spot_type": "GARAGE",
    "features": ["COVERED", "EV_CHARGING", "SECURITY_CAMERA"],
    "photos": [
        {
            "id": 12,
            "image": "https://api.example.com/media/parking/listings/2025/06/3f2a.jpg",
            "thumbnail": "https://api.example.com/media/parking/listings/thumbs/2025/06/thumb_3f2a.jpg",
        }
    ],
    "host": {"id": 3, "name": "Hana Host"},
    "rating": 4.5,
    "review_count": 2,
    "is_active": True,
    "availability": [{"starts_at": "2025-07-01T08:00:00Z", "ends_at": "2025-07-01T20:00:00Z"}],
    "created_at": "2025-06-20T10:00:00Z",
    "updated_at": "2025-06-21T09:30:00Z",
}
LISTING_WRITE_EXAMPLE = {
    key: LISTING_EXAMPLE[key]
    for key in (
        "title",
        "description",
        "address",
        "city",
        "latitude",
        "longitude",
        "price_per_hour",
        "price_per_day",
        "spot_type",
        "features",
        "is_active",
    )
}
LISTING_EXAMPLES = [OpenApiExample("A listing", value=LISTING_EXAMPLE, response_only=True)]
WRITE_EXAMPLES = [OpenApiExample("A listing", value=LISTING_WRITE_EXAMPLE, request_only=True)]
WINDOWS_EXAMPLE = {
    "windows": [
        {"starts_at": "2025-07-01T08:00:00Z", "ends_at": "2025-07-01T20:00:00Z"},
        {"starts_at": "2025-07-02T08:00:00Z", "ends_at": "2025-07-02T20:00:00Z"},
    ]
}
LISTING_WRITERS = IsListingHost | IsAdmin


class ListingObjectMixin:
    """The listing of the URL: 404 when deleted (or inactive and not the caller's), then the object permissions."""

    def get_listing(self, listing_id: int) -> Listing:
        listing = selectors.listing_get(listing_id=listing_id, user=self.request.user)
        if listing is None:
            raise NotFound("Listing not found.")
        self.check_object_permissions(self.request, listing)
        return listing


@extend_schema(tags=["listings"])
class ListingViewSet(ListingObjectMixin, GenericViewSet):
    """Active listings, newest first; a host creates, the host or an ADMIN changes and deletes (soft)."""

    serializer_class = s.ListingSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return selectors.listing_list()

    def get_permissions(self):
        if self.action in {"list", "retrieve"}:
            return [AllowAny()]
        if self.action == "create":
            return [IsAuthenticated(), CanHost()]
        return [IsAuthenticated(), LISTING_WRITERS()]

    def _body(self, listing_id: int) -> dict:
        listing = selectors.listing_get(listing_id=listing_id, user=self.request.user)
        return s.ListingSerializer(listing, context={"request": self.request}).data

    @extend_schema(responses=s.ListingSerializer(many=True))
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.ListingSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        request=s.ListingWriteSerializer,
        responses={201: s.ListingSerializer},
        examples=WRITE_EXAMPLES + LISTING_EXAMPLES,
    )
    def create(self, request, *args, **kwargs):
        """List a new spot (HOST and BOTH accounts; SEEKER gets 403). Prices in USD as "4.50"."""
        serializer = s.ListingWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        listing = services.listing_create(host=request.user, **serializer.validated_data)
        return created(self._body(listing.pk), message="Listing created.")

    @extend_schema(responses={200: s.ListingSerializer}, examples=LISTING_EXAMPLES)
    def retrieve(self, request, pk: int, *args, **kwargs):
        """One listing; a deleted one is 404, an inactive one is shown only to its host and ADMINs."""
        return ok(s.ListingSerializer(self.get_listing(pk), context={"request": request}).data)

    def _update(self, request, pk: int, *, partial: bool):
        listing = self.get_listing(pk)
        serializer = s.ListingWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.listing_update(listing=listing, **serializer.validated_data)
        return ok(self._body(listing.pk), message="Listing updated.")

    @extend_schema(
        request=s.ListingWriteSerializer,
        responses={200: s.ListingSerializer},
        examples=WRITE_EXAMPLES + LISTING_EXAMPLES,
    )
    def update(self, request, pk: int, *args, **kwargs):
        """Replace every writable field (the host or an ADMIN)."""
        return self._update(request, pk, partial=False)

    @extend_schema(
        request=s.ListingWriteSerializer,
        responses={200: s.ListingSerializer},
        examples=WRITE_EXAMPLES + LISTING_EXAMPLES,
    )
    def partial_update(self, request, pk: int, *args, **kwargs):
        """Change some fields (the host or an ADMIN); `features`, when given, replaces the whole set."""
        return self._update(request, pk, partial=True)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk: int, *args, **kwargs):
        """Soft delete (the host or an ADMIN): the listing leaves every list and detail; its row and history stay."""
        services.listing_delete(listing=self.get_listing(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["listings"])
class ListingSearchView(GenericAPIView):
    """Search active listings by words, city, spot types, features (all of them), price ranges in USD and
    availability: `available_from` and `available_to` together keep listings with one availability window
    covering the whole span. Public; paginated."""

    queryset = Listing.objects.none()  # for the schema's path parameters; reads go through selectors
    permission_classes = [AllowAny]
    serializer_class = s.ListingSerializer
    # `count` may lag new and removed listings by up to 10 s: counting thousands of matches (an availability
    # search at scale) cost far more than the page itself. The page's rows are always live.
    page_count_cache_seconds = 10
    page_count_by_query = True  # public rows: the query string alone decides them

    @extend_schema(parameters=[s.ListingSearchQuerySerializer], responses=s.ListingSerializer(many=True))
    def get(self, request):
        listings = selectors.listing_search(
            **_search_arguments(validated_query(s.ListingSearchQuerySerializer, request))
        )
        page = self.paginate_queryset(listings)
        return self.get_paginated_response(s.ListingSerializer(page, many=True, context={"request": request}).data)


def _search_arguments(params: dict) -> dict:
    arguments = dict(params)
    arguments["text"] = arguments.pop("q", "")
    arguments["spot_types"] = arguments.pop("spot_type", None)
    return arguments


@extend_schema(tags=["listings"])
class ListingNearbyView(GenericAPIView):
    """Active listings within `radius` km of (`lat`, `lng`), nearest first by great-circle distance, each row
    with its `distance_km`. Public; paginated."""

    queryset = Listing.objects.none()  # for the schema's path parameters; reads go through selectors
    permission_classes = [AllowAny]
    serializer_class = s.NearbyListingSerializer
    page_count_cache_seconds = 10  # as the search's: the distance is then computed for the page's rows only
    page_count_by_query = True

    @extend_schema(parameters=[s.ListingNearbyQuerySerializer], responses=s.NearbyListingSerializer(many=True))
    def get(self, request):
        params = validated_query(s.ListingNearbyQuerySerializer, request)
        listings = selectors.listing_nearby(lat=params["lat"], lng=params["lng"], radius_km=params["radius"])
        page = self.paginate_queryset(listings)
        return self.get_paginated_response(
            s.NearbyListingSerializer(page, many=True, context={"request": request}).data
        )


@extend_schema(tags=["listings"])
class ListingPhotosView(ListingObjectMixin, GenericAPIView):
    """Add photos to a listing (its host or an ADMIN): multipart, one or several files under `photos`; JPEG,
    PNG or WebP checked by content, at most 10 MB each and 10 per listing. Thumbnails follow shortly."""

    queryset = Listing.objects.none()  # for the schema's path parameters; reads go through selectors
    permission_classes = [IsAuthenticated, LISTING_WRITERS]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = s.ListingPhotoUploadSerializer

    @extend_schema(
        request={"multipart/form-data": s.ListingPhotoUploadSerializer}, responses={201: s.ListingSerializer}
    )
    def post(self, request, listing_id: int):
        listing = self.get_listing(listing_id)
        serializer = s.ListingPhotoUploadSerializer(data={"photos": request.FILES.getlist("photos")})
        serializer.is_valid(raise_exception=True)
        services.listing_photos_add(listing=listing, files=serializer.validated_data["photos"])
        body = s.ListingSerializer(
            selectors.listing_get(listing_id=listing.pk, user=request.user), context={"request": request}
        )
        return created(body.data, message="Photos uploaded.")


@extend_schema(tags=["listings"])
class ListingPhotoDetailView(ListingObjectMixin, GenericAPIView):
    """Remove one photo of a listing (its host or an ADMIN)."""

    queryset = Listing.objects.none()  # for the schema's path parameters; reads go through selectors
    permission_classes = [IsAuthenticated, LISTING_WRITERS]
    serializer_class = s.ListingPhotoSerializer

    @extend_schema(responses={204: None})
    def delete(self, request, listing_id: int, photo_id: int):
        services.listing_photo_delete(listing=self.get_listing(listing_id), photo_id=photo_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["listings"])
class ListingAvailabilityView(ListingObjectMixin, GenericAPIView):
    """Replace the listing's availability windows (its host or an ADMIN) with concrete date-time spans
    `{starts_at, ends_at}`: each ends after it starts, none overlap; touching windows are joined."""

    queryset = Listing.objects.none()  # for the schema's path parameters; reads go through selectors
    permission_classes = [IsAuthenticated, LISTING_WRITERS]
    parser_classes = [JSONParser]
    serializer_class = s.AvailabilityReplaceSerializer
    pagination_class = None  # the answer is the listing's whole (short) list of windows

    @extend_schema(
        request=s.AvailabilityReplaceSerializer,
        responses={200: s.AvailabilityWindowSerializer(many=True)},
        examples=[OpenApiExample("Two days", value=WINDOWS_EXAMPLE, request_only=True)],
    )
    def post(self, request, listing_id: int):
        listing = self.get_listing(listing_id)
        serializer = s.AvailabilityReplaceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        windows = [(item["starts_at"], item["ends_at"]) for item in serializer.validated_data["windows"]]
        saved = services.listing_availability_replace(listing=listing, windows=windows)
        return ok(s.AvailabilityWindowSerializer(saved, many=True).data, message="Availability updated.")
