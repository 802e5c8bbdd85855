"""Parking in a Pinch's API routes, relative to its documented base `/api/v1/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from core.payments.views import StripeWebhookView
from parking.api.views import bookings, listings, messaging, payments, reviews, users

urlpatterns = [
    # --- payments: cards, paying bookings, the ledger, hosts' payouts (+ payout-account, an extension) --
    path("payments/webhook/", StripeWebhookView.as_view(), name="parking-stripe-webhook"),
    path("payments/setup-intent/", payments.SetupIntentView.as_view(), name="parking-setup-intent"),
    path("payments/methods/", payments.PaymentMethodListView.as_view(), name="parking-payment-methods"),
    path(
        "payments/methods/<str:payment_method_id>/",
        payments.PaymentMethodDetailView.as_view(),
        name="parking-payment-method",
    ),
    path("payments/payment-intent/", payments.PaymentIntentView.as_view(), name="parking-payment-intent"),
    path("payments/confirm/", payments.PaymentConfirmView.as_view(), name="parking-payment-confirm"),
    path("payments/transactions/", payments.TransactionListView.as_view(), name="parking-transactions"),
    path("payments/payout/", payments.PayoutRequestView.as_view(), name="parking-payout"),
    path("payments/payout-account/", payments.PayoutAccountView.as_view(), name="parking-payout-account"),
    # --- users: auth/ (dj-rest-auth's routes) and accounts -----------------------------
    path("auth/registration/", users.RegisterView.as_view(), name="parking-register"),
    path("auth/login/", users.LoginView.as_view(), name="parking-login"),
    path("auth/logout/", users.LogoutView.as_view(), name="parking-logout"),
    path("auth/password/reset/", users.PasswordResetView.as_view(), name="parking-password-reset"),
    path(
        "auth/password/reset/confirm/", users.PasswordResetConfirmView.as_view(), name="parking-password-reset-confirm"
    ),
    path("auth/token/refresh/", users.TokenRefreshView.as_view(), name="parking-token-refresh"),
    path("auth/user/", users.MeView.as_view(), name="parking-me"),
    path("users/", users.UserListView.as_view(), name="parking-users"),
    path("users/me/stats/", users.UserStatsView.as_view(), name="parking-user-stats"),
    path("users/<int:pk>/", users.UserDetailView.as_view(), name="parking-user"),
    path("users/<int:pk>/verify/", users.UserVerifyView.as_view(), name="parking-user-verify"),
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
    # --- bookings: the caller's bookings, booking, changes and transitions -----------------
    path("bookings/", bookings.BookingListView.as_view(), name="parking-bookings"),
    path("bookings/<int:pk>/", bookings.BookingDetailView.as_view(), name="parking-booking"),
    path("bookings/<int:pk>/confirm/", bookings.BookingConfirmView.as_view(), name="parking-booking-confirm"),
    path("bookings/<int:pk>/decline/", bookings.BookingDeclineView.as_view(), name="parking-booking-decline"),
    path("bookings/<int:pk>/checkin/", bookings.BookingCheckInView.as_view(), name="parking-booking-checkin"),
    path("bookings/<int:pk>/checkout/", bookings.BookingCheckOutView.as_view(), name="parking-booking-checkout"),
    # --- messaging: conversations and messages (live chat: parking/routing.py) ----------
    path("messages/conversations/", messaging.ConversationListView.as_view(), name="parking-conversations"),
    path(
        "messages/conversations/<int:conversation_id>/",
        messaging.ConversationMessagesView.as_view(),
        name="parking-conversation-messages",
    ),
    path("messages/send/", messaging.MessageSendView.as_view(), name="parking-message-send"),
    path("messages/<int:pk>/read/", messaging.MessageReadView.as_view(), name="parking-message-read"),
    path("messages/<int:pk>/", messaging.MessageDetailView.as_view(), name="parking-message"),
    # --- reviews: guests' reviews of completed bookings, author's changes, reports ---------
    path("reviews/", reviews.ReviewListView.as_view(), name="parking-reviews"),
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="parking-review"),
    path("reviews/<int:pk>/report/", reviews.ReviewReportView.as_view(), name="parking-review-report"),
]
