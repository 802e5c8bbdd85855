"""Views of the reviews area: list/create, a review (read, change, delete by its author) and reporting.

Thin: validate, call a service or selector, serialize. Hidden reviews are 404 to
all but their author and operators, and never listed.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.responses import created, ok
from parking.api.permissions import CanReviewOrReadOnly, IsNotReviewAuthor, IsReviewAuthorOrReadOnly
from parking.api.serializers import reviews as s
from parking.models import Review
from parking.selectors import reviews as selectors
from parking.services import reviews as services

REVIEW_EXAMPLE = {
    "id": 12,
    "listing": {"id": 7, "title": "Covered garage near Union Square"},
    "booking": 31,
    "author": {"id": 5, "name": "Sam Seeker"},
    "rating": 5,
    "comment": "Easy to find, plenty of room.",
    "created_at": "2025-06-22T18:00:00Z",
    "updated_at": "2025-06-22T18:00:00Z",
}


@extend_schema(tags=["reviews"])
class ReviewListView(GenericAPIView):
    """Visible reviews, newest first (public); POST: the guest reviews a completed booking."""

    serializer_class = s.ReviewSerializer
    permission_classes = [CanReviewOrReadOnly]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        query = s.ReviewListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.review_list(listing_id=query.validated_data.get("listing"))

    @extend_schema(
        summary="List reviews",
        parameters=[OpenApiParameter("listing", int, description="Only the reviews of this listing.")],
        responses=s.ReviewSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Review a completed booking",
        request=s.ReviewCreateSerializer,
        responses={201: s.ReviewSerializer},
        examples=[
            OpenApiExample("Review", value={"booking": 31, "rating": 5, "comment": "Easy to find."}, request_only=True),
            OpenApiExample("Reviewed", value=REVIEW_EXAMPLE, response_only=True),
        ],
        description=(
            "Only the booking's guest, only once it is COMPLETED (400 otherwise), once per booking: "
            "a second review is 409. Hosts do not review guests."
        ),
    )
    def post(self, request):
        body = s.ReviewCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = selectors.booking_for_review(booking_id=body.validated_data["booking"])
        if booking is None:
            raise ValidationError({"booking": ["No booking with this id."]})
        review = services.review_create(
            author=request.user,
            booking=booking,
            rating=body.validated_data["rating"],
            comment=body.validated_data["comment"],
        )
        review = selectors.review_get(review_id=review.pk, user=request.user)
        return created(self.get_serializer(review).data, message="Review created.")


class ReviewObjectView(GenericAPIView):
    """A review the caller may see (404 otherwise), checked against the view's permissions."""

    serializer_class = s.ReviewSerializer

    def get_review(self, review_id: int) -> Review:
        review = selectors.review_get(review_id=review_id, user=self.request.user)
        self.check_object_permissions(self.request, review)
        return review


@extend_schema(tags=["reviews"])
class ReviewDetailView(ReviewObjectView):
    """A review (public unless hidden); its author changes or deletes it (others: 403)."""

    permission_classes = [IsReviewAuthorOrReadOnly]

    @extend_schema(summary="Get a review", responses={200: s.ReviewSerializer})
    def get(self, request, pk):
        return ok(self.get_serializer(self.get_review(pk)).data)

    def _update(self, request, pk, *, partial: bool):
        review = self.get_review(pk)
        body = s.ReviewUpdateSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        services.review_update(review=review, **body.validated_data)
        review = selectors.review_get(review_id=pk, user=request.user)
        return ok(self.get_serializer(review).data, message="Review updated.")

    @extend_schema(
        summary="Replace a review's rating and comment",
        request=s.ReviewUpdateSerializer,
        responses={200: s.ReviewSerializer},
        examples=[
            OpenApiExample("Replace", value={"rating": 4, "comment": "Good, a bit tight."}, request_only=True),
            OpenApiExample("Replaced", value={**REVIEW_EXAMPLE, "rating": 4}, response_only=True),
        ],
    )
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Change a review's rating or comment",
        request=s.ReviewUpdateSerializer(partial=True),
        responses={200: s.ReviewSerializer},
        examples=[
            OpenApiExample("Change", value={"rating": 3}, request_only=True),
            OpenApiExample("Changed", value={**REVIEW_EXAMPLE, "rating": 3}, response_only=True),
        ],
    )
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    @extend_schema(summary="Delete a review", responses={204: OpenApiResponse(description="Deleted.")})
    def delete(self, request, pk):
        services.review_delete(review=self.get_review(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["reviews"])
class ReviewReportView(ReviewObjectView):
    """Any signed-in user but the author reports a review, once (again: 409); enough reports hide it."""

    permission_classes = [IsAuthenticated, IsNotReviewAuthor]

    @extend_schema(
        summary="Report a review",
        request=s.ReviewReportSerializer,
        responses={201: OpenApiResponse(description="Reported; `data` is null.")},
        examples=[OpenApiExample("Report", value={"reason": "Not about this spot."}, request_only=True)],
        description="Once per user (409 again). After 3 reports from different users the review is hidden.",
    )
    def post(self, request, pk):
        review = self.get_review(pk)
        body = s.ReviewReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.review_report(review=review, reporter=request.user, reason=body.validated_data["reason"])
        return created(None, message="Review reported.")
