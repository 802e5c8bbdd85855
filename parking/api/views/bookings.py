"""Views of the bookings area: the caller's bookings as guest and host, booking, changes and transitions.

Thin: validate, call a service or selector, serialize. Only the guest and the listing's host see a booking
(others get 404); ADMINs see all. Each transition is a small view for the verb.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from core.api.parsers import JSONParser
from core.api.query_params import validated_query
from core.api.responses import created, ok
from parking.api.permissions import CanBook, IsAdmin, IsBookingGuest, IsBookingHost, IsParticipantInBooking
from parking.api.serializers import bookings as s
from parking.models import Booking
from parking.selectors import bookings as selectors
from parking.services import bookings as services

BOOKING_EXAMPLE = {
    "id": 41,
    "listing": {"id": 7, "title": "Covered garage near Union Square", "address": "450 Post St"},
    "guest": {"id": 5, "name": "Sam Seeker"},
    "host": {"id": 3, "name": "Hana Host"},
    "start_time": "2025-07-01T09:00:00Z",
    "end_time": "2025-07-02T12:00:00Z",
    "status": "PENDING",
    "total_price": "41.50",
    "currency": "usd",
    "price_breakdown": {"days": 1, "hours": 3},
    "payment_status": "UNPAID",
    "refund_due": "0.00",
    "vehicle_plate": "7ABC123",
    "notes": "Blue hatchback",
    "checked_in_at": None,
    "checked_out_at": None,
    "created_at": "2025-06-20T10:00:00Z",
    "updated_at": "2025-06-20T10:00:00Z",
}
BOOKING_EXAMPLES = [OpenApiExample("A booking", value=BOOKING_EXAMPLE, response_only=True)]
CREATE_EXAMPLES = [
    OpenApiExample(
        "Book a listing",
        value={
            "listing": 7,
            "start_time": "2025-07-01T09:00:00Z",
            "end_time": "2025-07-02T12:00:00Z",
            "vehicle_plate": "7ABC123",
            "notes": "Blue hatchback",
        },
        request_only=True,
    )
]
PARTICIPANTS = IsParticipantInBooking | IsAdmin


class BookingObjectMixin:
    """The booking of the URL: 404 unless the caller takes part in it (or is an ADMIN), then object permissions."""

    parser_classes = [JSONParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Booking.objects.none()
        return selectors.booking_visible(user=self.request.user)

    def get_booking(self, pk: int) -> Booking:
        booking = selectors.booking_get(user=self.request.user, booking_id=pk)
        if booking is None:
            raise NotFound("Booking not found.")
        self.check_object_permissions(self.request, booking)
        return booking

    def _body(self, booking: Booking) -> dict:
        return s.BookingSerializer(selectors.booking_get(user=self.request.user, booking_id=booking.pk)).data


@extend_schema(tags=["bookings"])
class BookingListView(BookingObjectMixin, GenericAPIView):
    """Your bookings as guest and as host, latest start first (ADMINs: all); book a listing (SEEKER, BOTH)."""

    serializer_class = s.BookingSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated(), CanBook()]
        return [IsAuthenticated()]

    @extend_schema(parameters=[s.BookingFilterSerializer], responses=s.BookingSerializer(many=True))
    def get(self, request):
        bookings = selectors.booking_list(user=request.user, **validated_query(s.BookingFilterSerializer, request))
        page = self.paginate_queryset(bookings)
        return self.get_paginated_response(s.BookingSerializer(page, many=True).data)

    @extend_schema(
        request=s.BookingCreateSerializer,
        responses={201: s.BookingSerializer},
        examples=CREATE_EXAMPLES + BOOKING_EXAMPLES,
    )
    def post(self, request):
        """Book a listing for [start_time, end_time): priced on the server, PENDING until the host confirms.

        409 when an overlapping PENDING, CONFIRMED or CHECKED_IN booking holds the slot; 403 on your own listing.
        """
        serializer = s.BookingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        booking = services.booking_create(guest=request.user, listing_id=data.pop("listing"), **data)
        # Answered from the written row (its listing and host loaded by the service): no read-back.
        return created(s.BookingSerializer(booking).data, message="Booking requested.")


@extend_schema(tags=["bookings"])
class BookingDetailView(BookingObjectMixin, GenericAPIView):
    """One booking; the guest changes a PENDING one (re-priced, re-checked) or cancels it (DELETE)."""

    serializer_class = s.BookingSerializer
    extra_error_responses = {
        "400": "Invalid change, or the booking's status or start does not allow it",
        "409": "The new times overlap another booking of the listing",
    }

    def get_permissions(self):
        if self.request.method == "GET":
            return [IsAuthenticated(), PARTICIPANTS()]
        return [IsAuthenticated(), IsBookingGuest()]

    @extend_schema(responses={200: s.BookingSerializer}, examples=BOOKING_EXAMPLES)
    def get(self, request, pk: int):
        return ok(s.BookingSerializer(self.get_booking(pk)).data)

    def _update(self, request, pk: int, *, partial: bool):
        booking = self.get_booking(pk)
        serializer = s.BookingUpdateSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        booking = services.booking_update(booking=booking, **serializer.validated_data)
        return ok(self._body(booking), message="Booking updated.")

    @extend_schema(request=s.BookingUpdateSerializer, responses={200: s.BookingSerializer})
    def put(self, request, pk: int):
        """Change a PENDING booking (guest only): start_time and end_time required, vehicle_plate and notes optional."""
        return self._update(request, pk, partial=False)

    @extend_schema(request=s.BookingUpdateSerializer, responses={200: s.BookingSerializer})
    def patch(self, request, pk: int):
        """Change any of start_time, end_time, vehicle_plate, notes of a PENDING booking (guest only)."""
        return self._update(request, pk, partial=True)

    @extend_schema(request=None, responses={200: s.BookingSerializer}, examples=BOOKING_EXAMPLES)
    def delete(self, request, pk: int):
        """Cancel (guest only, PENDING or CONFIRMED, before the start). The booking is kept and shown with
        `refund_due`: everything paid when more than 24 hours before the start, nothing later."""
        booking = services.booking_cancel(booking=self.get_booking(pk))
        return ok(self._body(booking), message="Booking cancelled.")


class BookingTransitionView(BookingObjectMixin, GenericAPIView):
    """POST with no body moves the booking on; subclasses name the service and who may call it."""

    serializer_class = s.BookingSerializer
    permission_classes = [IsAuthenticated, IsBookingGuest]
    message = ""

    def run(self, booking: Booking) -> Booking:
        raise NotImplementedError

    def post(self, request, pk: int):
        booking = self.run(self.get_booking(pk))
        return ok(self._body(booking), message=self.message)


@extend_schema(tags=["bookings"], request=None, responses={200: s.BookingSerializer})
class BookingConfirmView(BookingTransitionView):
    """The host confirms a PENDING booking before it starts."""

    permission_classes = [IsAuthenticated, IsBookingHost]
    message = "Booking confirmed."

    def run(self, booking):
        return services.booking_confirm(booking=booking)


@extend_schema(tags=["bookings"], request=None, responses={200: s.BookingSerializer})
class BookingDeclineView(BookingTransitionView):
    """The host declines a PENDING booking."""

    permission_classes = [IsAuthenticated, IsBookingHost]
    message = "Booking declined."

    def run(self, booking):
        return services.booking_decline(booking=booking)


@extend_schema(tags=["bookings"], request=None, responses={200: s.BookingSerializer})
class BookingCheckInView(BookingTransitionView):
    """The guest checks in to a CONFIRMED booking, from 15 minutes before its start until its end."""

    message = "Checked in."

    def run(self, booking):
        return services.booking_check_in(booking=booking)


@extend_schema(tags=["bookings"], request=None, responses={200: s.BookingSerializer})
class BookingCheckOutView(BookingTransitionView):
    """The guest checks out of a CHECKED_IN booking, which becomes COMPLETED."""

    message = "Checked out."

    def run(self, booking):
        return services.booking_check_out(booking=booking)
