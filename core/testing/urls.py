"""Routes of the test-only views, mounted under every product's API base by `tests/urls.py`."""

from django.urls import path

from core.accounts import views as account_views
from core.testing import views

urlpatterns = [
    path("echo/", views.PublicEchoView.as_view()),
    path("whoami/", views.WhoAmIView.as_view()),
    path("admin-only/", views.AdminOnlyView.as_view()),
    path("staff/", views.StaffView.as_view()),
    path("raw/", views.RawView.as_view()),
    path("fail/", views.FailingView.as_view()),
    path("stripe-customer/", views.StripeCustomerView.as_view()),
    path("accounts/", views.AccountListView.as_view()),
    path("accounts-cached-count/", views.CachedCountAccountListView.as_view()),
    path("auth/register/", account_views.RegisterView.as_view()),
    path("auth/login/", account_views.LoginView.as_view()),
    path("auth/refresh/", account_views.TokenRefreshView.as_view()),
    path("auth/logout/", account_views.LogoutView.as_view()),
    path("auth/verify-email/", account_views.VerifyEmailView.as_view()),
    path("auth/password/reset/", account_views.PasswordResetView.as_view()),
    path("auth/password/reset/confirm/", account_views.PasswordResetConfirmView.as_view()),
    path("auth/password/change/", account_views.PasswordChangeView.as_view()),
    path("auth/me/", account_views.MeView.as_view()),
]
