"""TownSpark's API routes, relative to its documented base `/api/v1/`."""

from django.urls import path

from townspark.api import compat
from townspark.api.views import admin, analytics, auth, comments, issues, notifications, reference, resolver, users

urlpatterns = [
    # --- The hottest reads first: Django tries patterns in order and copies the list of every pattern ---------
    # tried into each match, which had cost the issue's page a tenth of its CPU (issue #16). No alias shares
    # these two paths, so their place changes nothing else.
    path("issues/", issues.IssueListCreateView.as_view(), name="townspark-issues"),
    path("issues/<str:pk>/", issues.IssueDetailView.as_view(), name="townspark-issue"),
    # --- Aliases for TownSpark's own frontend (issue #15), all in api/compat.py -------------------------------
    # First, so the aliases that add a method to a documented path (DELETE upvote/bookmark, POST read) answer it;
    # their views subclass the documented ones, so the documented methods there answer exactly as before.
    *compat.urlpatterns,
    # --- The documented API -----------------------------------------------------------------------------------
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
    path("users/me/issues/", users.MyIssuesView.as_view(), name="townspark-my-issues"),
    path("users/me/bookmarks/", users.MyBookmarksView.as_view(), name="townspark-my-bookmarks"),
    path("users/me/upvoted/", users.MyUpvotedView.as_view(), name="townspark-my-upvoted"),
    path("users/me/settings/", users.MySettingsView.as_view(), name="townspark-my-settings"),
    path("users/<uuid:pk>/", users.UserProfileView.as_view(), name="townspark-user"),
    # Issues (the list and an issue's page are at the top)
    path("issues/<str:pk>/upvote/", issues.IssueUpvoteView.as_view(), name="townspark-issue-upvote"),
    path("issues/<str:pk>/bookmark/", issues.IssueBookmarkView.as_view(), name="townspark-issue-bookmark"),
    path("issues/<str:pk>/share/", issues.IssueShareView.as_view(), name="townspark-issue-share"),
    path("issues/<str:pk>/status/", issues.IssueStatusView.as_view(), name="townspark-issue-status"),
    path("issues/<str:pk>/assign/", issues.IssueAssignView.as_view(), name="townspark-issue-assign"),
    path(
        "issues/<str:pk>/official-response/",
        issues.IssueOfficialResponseView.as_view(),
        name="townspark-issue-official-response",
    ),
    path("issues/<str:pk>/comments/", comments.IssueCommentsView.as_view(), name="townspark-issue-comments"),
    # Comments
    path("comments/<uuid:pk>/", comments.CommentDetailView.as_view(), name="townspark-comment"),
    path("comments/<uuid:pk>/like/", comments.CommentLikeView.as_view(), name="townspark-comment-like"),
    # Notifications
    path("notifications/", notifications.NotificationListView.as_view(), name="townspark-notifications"),
    path(
        "notifications/read-all/",
        notifications.NotificationReadAllView.as_view(),
        name="townspark-notifications-read-all",
    ),
    path("notifications/<uuid:pk>/", notifications.NotificationDetailView.as_view(), name="townspark-notification"),
    path(
        "notifications/<uuid:pk>/read/",
        notifications.NotificationReadView.as_view(),
        name="townspark-notification-read",
    ),
    # Resolver
    path("resolver/dashboard/", resolver.ResolverDashboardView.as_view(), name="townspark-resolver-dashboard"),
    path("resolver/assigned/", resolver.ResolverAssignedView.as_view(), name="townspark-resolver-assigned"),
    path("resolver/pending/", resolver.ResolverPendingView.as_view(), name="townspark-resolver-pending"),
    path("resolver/issues/<str:pk>/accept/", resolver.ResolverAcceptView.as_view(), name="townspark-resolver-accept"),
    path(
        "resolver/issues/<str:pk>/complete/",
        resolver.ResolverCompleteView.as_view(),
        name="townspark-resolver-complete",
    ),
    # Admin
    path("admin/dashboard/", admin.AdminDashboardView.as_view(), name="townspark-admin-dashboard"),
    path("admin/users/", admin.AdminUserListView.as_view(), name="townspark-admin-users"),
    path("admin/users/<uuid:pk>/", admin.AdminUserDetailView.as_view(), name="townspark-admin-user"),
    path(
        "admin/users/<uuid:pk>/toggle-status/",
        admin.AdminUserToggleStatusView.as_view(),
        name="townspark-admin-user-toggle-status",
    ),
    path("admin/resolvers/", admin.AdminResolverListView.as_view(), name="townspark-admin-resolvers"),
    path(
        "admin/resolvers/pending/",
        admin.AdminPendingResolverListView.as_view(),
        name="townspark-admin-resolvers-pending",
    ),
    path("admin/resolvers/<uuid:pk>/", admin.AdminResolverDetailView.as_view(), name="townspark-admin-resolver"),
    path(
        "admin/resolvers/<uuid:pk>/id-document/",
        admin.AdminResolverIdDocumentView.as_view(),
        name="townspark-admin-resolver-id-document",
    ),
    path(
        "admin/resolvers/<uuid:pk>/verify/",
        admin.AdminResolverVerifyView.as_view(),
        name="townspark-admin-resolver-verify",
    ),
    path(
        "admin/resolvers/<uuid:pk>/reject/",
        admin.AdminResolverRejectView.as_view(),
        name="townspark-admin-resolver-reject",
    ),
    # Analytics
    path("analytics/overview/", analytics.AnalyticsOverviewView.as_view(), name="townspark-analytics-overview"),
    path("analytics/issues/", analytics.AnalyticsIssuesView.as_view(), name="townspark-analytics-issues"),
    path("analytics/users/", analytics.AnalyticsUsersView.as_view(), name="townspark-analytics-users"),
    path("analytics/resolvers/", analytics.AnalyticsResolversView.as_view(), name="townspark-analytics-resolvers"),
    # Reference data
    path("categories/", reference.CategoryListView.as_view(), name="townspark-categories"),
    path("departments/", reference.DepartmentListView.as_view(), name="townspark-departments"),
    path("status-options/", reference.StatusOptionListView.as_view(), name="townspark-status-options"),
    path("urgency-levels/", reference.UrgencyLevelListView.as_view(), name="townspark-urgency-levels"),
    path("platform/stats/", reference.PlatformStatsView.as_view(), name="townspark-platform-stats"),
]
