"""Parking in a Pinch's API routes, relative to its documented base `/api/v1/`."""

from django.urls import path

from core.payments.views import StripeWebhookView
from parking.api.views import users

urlpatterns = [
    path("payments/webhook/", StripeWebhookView.as_view(), name="parking-stripe-webhook"),
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
]
