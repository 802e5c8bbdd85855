"""TownSpark's API routes, relative to its documented base `/api/v1/`."""

from django.urls import path

from townspark.api.views import auth, reference, users

urlpatterns = [
    # Auth
    path("auth/register/", auth.RegisterView.as_view(), name="townspark-register"),
    path("auth/register/resolver/", auth.ResolverRegisterView.as_view(), name="townspark-register-resolver"),
    path("auth/login/", auth.LoginView.as_view(), name="townspark-login"),
    path("auth/logout/", auth.LogoutView.as_view(), name="townspark-logout"),
    path("auth/token/refresh/", auth.TokenRefreshView.as_view(), name="townspark-token-refresh"),
    path("auth/password/reset/", auth.PasswordResetView.as_view(), name="townspark-password-reset"),
    path(
        "auth/password/reset/confirm/", auth.PasswordResetConfirmView.as_view(), name="townspark-password-reset-confirm"
    ),
    path("auth/password/change/", auth.PasswordChangeView.as_view(), name="townspark-password-change"),
    path("auth/verify-email/", auth.VerifyEmailView.as_view(), name="townspark-verify-email"),
    # Users
    path("users/me/", users.MeView.as_view(), name="townspark-me"),
    path("users/me/settings/", users.MySettingsView.as_view(), name="townspark-my-settings"),
    path("users/<uuid:pk>/", users.UserProfileView.as_view(), name="townspark-user"),
    # Reference data
    path("categories/", reference.CategoryListView.as_view(), name="townspark-categories"),
    path("departments/", reference.DepartmentListView.as_view(), name="townspark-departments"),
    path("status-options/", reference.StatusOptionListView.as_view(), name="townspark-status-options"),
    path("urgency-levels/", reference.UrgencyLevelListView.as_view(), name="townspark-urgency-levels"),
    path("platform/stats/", reference.PlatformStatsView.as_view(), name="townspark-platform-stats"),
]
