"""Parking in a Pinch's API routes, relative to its documented base `/api/v1/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from core.payments.views import StripeWebhookView
from parking.api.views import listings

urlpatterns = [
    path("payments/webhook/", StripeWebhookView.as_view(), name="parking-stripe-webhook"),

    # --- listings: CRUD, photos, search, nearby, availability -----------------------
    path("listings/", listings.ListingViewSet.as_view({"get": "list", "post": "create"}), name="parking-listings"),
    path("listings/search/", listings.ListingSearchView.as_view(), name="parking-listing-search"),
    path("listings/nearby/", listings.ListingNearbyView.as_view(), name="parking-listing-nearby"),
    path(
        "listings/<int:pk>/",
        listings.ListingViewSet.as_view(
            {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
        ),
        name="parking-listing",
    ),
    path("listings/<int:listing_id>/photos/", listings.ListingPhotosView.as_view(), name="parking-listing-photos"),
    path(
        "listings/<int:listing_id>/photos/<int:photo_id>/",
        listings.ListingPhotoDetailView.as_view(),
        name="parking-listing-photo",
    ),
    path(
        "listings/<int:listing_id>/availability/",
        listings.ListingAvailabilityView.as_view(),
        name="parking-listing-availability",
    ),
]
