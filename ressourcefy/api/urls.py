"""Ressourcefy's API routes, relative to its documented base `/api/` (PLATFORM.md: the document's paths with and
without `/api` are the same endpoint here). One block per area, each area's views in `api/views/<area>.py`."""

from django.urls import path

from core.payments.views import StripeWebhookView
from ressourcefy.api.views import (
    accounts,
    admin_billing,
    admin_dashboard,
    admin_resources,
    admin_tags,
    admin_users,
    comments,
    onboarding,
    resources,
)
from ressourcefy.api.views import billing as billing_views
from ressourcefy.api.views import health as health_views

urlpatterns = [
    path("billing/webhook/", StripeWebhookView.as_view(), name="ressourcefy-stripe-webhook"),
    # --- accounts: auth/, onboarding/, user/ ---------------------------------------------
    path("auth/register/", accounts.RegisterView.as_view(), name="ressourcefy-register"),
    path("auth/activate/", accounts.ActivateView.as_view(), name="ressourcefy-activate"),
    path("auth/resend-activation/", accounts.ResendActivationView.as_view(), name="ressourcefy-resend-activation"),
    path("auth/login/", accounts.LoginView.as_view(), name="ressourcefy-login"),
    path("auth/refresh/", accounts.RefreshView.as_view(), name="ressourcefy-refresh"),
    path("auth/logout/", accounts.LogoutView.as_view(), name="ressourcefy-logout"),
    path("auth/password-reset/", accounts.PasswordResetView.as_view(), name="ressourcefy-password-reset"),
    path(
        "auth/password-reset/confirm/",
        accounts.PasswordResetConfirmView.as_view(),
        name="ressourcefy-password-reset-confirm",
    ),
    path("onboarding/status/", onboarding.OnboardingStatusView.as_view(), name="ressourcefy-onboarding-status"),
    path("onboarding/start/", onboarding.OnboardingStartView.as_view(), name="ressourcefy-onboarding-start"),
    path("onboarding/profile/", onboarding.OnboardingProfileView.as_view(), name="ressourcefy-onboarding-profile"),
    path(
        "onboarding/interests/", onboarding.OnboardingInterestsView.as_view(), name="ressourcefy-onboarding-interests"
    ),
    path("onboarding/complete/", onboarding.OnboardingCompleteView.as_view(), name="ressourcefy-onboarding-complete"),
    path("user/me/", accounts.MeView.as_view(), name="ressourcefy-me"),
    path("user/profile/", accounts.ProfileUpdateView.as_view(), name="ressourcefy-profile-update"),
    path("user/request-role/", accounts.RoleRequestView.as_view(), name="ressourcefy-request-role"),
    # --- resources: resources/, feed/, tags/, authors/, comments/ --------------------------
    path("resources/", resources.ResourceCreateView.as_view(), name="rfy-resource-create"),
    path("resources/versions/", resources.ResourceVersionCreateView.as_view(), name="rfy-resource-version-create"),
    path("resources/<uuid:resource_id>/", resources.ResourceView.as_view(), name="rfy-resource"),
    path("resources/<uuid:resource_id>/detail/", resources.ResourceDetailView.as_view(), name="rfy-resource-detail"),
    path("resources/<uuid:resource_id>/comments/", comments.ResourceCommentsView.as_view(), name="rfy-comments"),
    path("comments/vote/", comments.CommentVoteView.as_view(), name="rfy-comment-vote"),
    path("comments/<uuid:comment_id>/", comments.CommentView.as_view(), name="rfy-comment"),
    path("feed/", resources.FeedView.as_view(), name="rfy-feed"),
    path("tags/", resources.TagListView.as_view(), name="rfy-tags"),
    path("authors/<uuid:user_id>/", resources.AuthorView.as_view(), name="rfy-author"),
    path("user/resources/", resources.UserResourceListView.as_view(), name="rfy-user-resources"),
    # --- admin: tags ------------------------------------------------------------------------
    path("admin/tags/", admin_tags.AdminTagListView.as_view(), name="rfy-admin-tags"),
    path("admin/tags/merge/", admin_tags.AdminTagMergeView.as_view(), name="rfy-admin-tag-merge"),
    path("admin/tags/<uuid:tag_id>/", admin_tags.AdminTagView.as_view(), name="rfy-admin-tag"),
    # --- admin: resources -------------------------------------------------------------------
    path("admin/resources/", admin_resources.AdminResourceListView.as_view(), name="rfy-admin-resources"),
    path("admin/resources/<uuid:resource_id>/", admin_resources.AdminResourceView.as_view(), name="rfy-admin-resource"),
    path(
        "admin/resources/<uuid:resource_id>/restore/",
        admin_resources.AdminResourceRestoreView.as_view(),
        name="rfy-admin-resource-restore",
    ),
    path(
        "admin/resources/<uuid:resource_id>/versions/",
        admin_resources.AdminResourceVersionView.as_view(),
        name="rfy-admin-resource-versions",
    ),
    # --- billing and health ----------------------------------------------------------------
    path("billing/checkout/", billing_views.CheckoutSessionCreateView.as_view(), name="ressourcefy-billing-checkout"),
    path("health/live/", health_views.LivenessView.as_view(), name="ressourcefy-health-live"),
    path("health/ready/", health_views.ReadinessView.as_view(), name="ressourcefy-health-ready"),
    # --- admin: billing (subscriptions, payments) and dashboard ------------------------------
    path("admin/subscriptions/", admin_billing.AdminSubscriptionListView.as_view(), name="rfy-admin-subscriptions"),
    path(
        "admin/subscriptions/<uuid:subscription_id>/",
        admin_billing.AdminSubscriptionView.as_view(),
        name="rfy-admin-subscription",
    ),
    path(
        "admin/subscriptions/<uuid:subscription_id>/cancel/",
        admin_billing.AdminSubscriptionCancelView.as_view(),
        name="rfy-admin-subscription-cancel",
    ),
    path("admin/payments/", admin_billing.AdminPaymentListView.as_view(), name="rfy-admin-payments"),
    path("admin/payments/<uuid:payment_id>/", admin_billing.AdminPaymentView.as_view(), name="rfy-admin-payment"),
    path(
        "admin/payments/<uuid:payment_id>/refund/",
        admin_billing.AdminPaymentRefundView.as_view(),
        name="rfy-admin-payment-refund",
    ),
    path("admin/dashboard/overview/", admin_dashboard.DashboardOverviewView.as_view(), name="rfy-admin-overview"),
    path("admin/dashboard/activity/", admin_dashboard.DashboardActivityView.as_view(), name="rfy-admin-activity"),
    path(
        "admin/dashboard/system-health/",
        admin_dashboard.DashboardSystemHealthView.as_view(),
        name="rfy-admin-system-health",
    ),
    # --- admin: users (and the role requests of user/request-role/) ------------------------
    path("admin/users/", admin_users.AdminUserListView.as_view(), name="rfy-admin-users"),
    path("admin/users/<uuid:user_id>/", admin_users.AdminUserView.as_view(), name="rfy-admin-user"),
    path(
        "admin/users/<uuid:user_id>/set_role/", admin_users.AdminUserSetRoleView.as_view(), name="rfy-admin-user-role"
    ),
    path(
        "admin/users/<uuid:user_id>/activity/",
        admin_users.AdminUserActivityView.as_view(),
        name="rfy-admin-user-activity",
    ),
    path(
        "admin/users/<uuid:user_id>/impersonate/",
        admin_users.AdminUserImpersonateView.as_view(),
        name="rfy-admin-user-impersonate",
    ),
    path(
        "admin/users/<uuid:user_id>/reset_password/",
        admin_users.AdminUserResetPasswordView.as_view(),
        name="rfy-admin-user-reset-password",
    ),
    path("admin/role-requests/", admin_users.AdminRoleRequestListView.as_view(), name="rfy-admin-role-requests"),
    path(
        "admin/role-requests/<uuid:request_id>/approve/",
        admin_users.AdminRoleRequestApproveView.as_view(),
        name="rfy-admin-role-request-approve",
    ),
    path(
        "admin/role-requests/<uuid:request_id>/reject/",
        admin_users.AdminRoleRequestRejectView.as_view(),
        name="rfy-admin-role-request-reject",
    ),
]
