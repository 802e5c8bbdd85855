"""A-List Home Pros's API routes, relative to its documented base `/api/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from alistpros.api.views import messaging, payments, pros, scheduling, users
from core.payments.views import StripeWebhookView

urlpatterns = [
    # --- users: accounts and tokens -----------------------------------------------
    path("users/register/", users.RegisterView.as_view(), name="alistpros-register"),
    path("users/token/", users.LoginView.as_view(), name="alistpros-login"),
    path("users/token/refresh/", users.TokenRefreshView.as_view(), name="alistpros-token-refresh"),
    path("users/me/", users.MeView.as_view(), name="alistpros-me"),
    path("users/change-password/", users.ChangePasswordView.as_view(), name="alistpros-change-password"),
    path(
        "users/verify-email/<str:token>/<str:user_id>/", users.VerifyEmailView.as_view(), name="alistpros-verify-email"
    ),

    # --- alistpros: pro profiles, categories, portfolio, reviews --------------------
    path("alistpros/profiles/", pros.ProProfileListView.as_view(), name="alistpros-profile-list"),
    path("alistpros/profiles/create/", pros.ProProfileCreateView.as_view(), name="alistpros-profile-create"),
    path("alistpros/profiles/update/", pros.ProProfileUpdateView.as_view(), name="alistpros-profile-update"),
    path("alistpros/profiles/<int:pk>/", pros.ProProfileDetailView.as_view(), name="alistpros-profile-detail"),
    path(
        "alistpros/profiles/<int:alistpro_id>/reviews/",
        pros.ReviewCreateView.as_view(),
        name="alistpros-profile-review-create",
    ),
    path("alistpros/services/", pros.ServiceCategoryListView.as_view(), name="alistpros-service-list"),
    path("alistpros/portfolio/", pros.PortfolioView.as_view(), name="alistpros-portfolio"),

    # --- payments -------------------------------------------------------------------
    path("payments/webhook/", StripeWebhookView.as_view(), name="alistpros-stripe-webhook"),
    path("payments/onboard/", payments.OnboardView.as_view(), name="alistpros-payments-onboard"),
    path("payments/status/", payments.ConnectStatusView.as_view(), name="alistpros-payments-status"),
    path("payments/create/", payments.PaymentCreateView.as_view(), name="alistpros-payments-create"),
    path("payments/dashboard-link/", payments.DashboardLinkView.as_view(), name="alistpros-payments-dashboard-link"),
    path("payments/", payments.PaymentListView.as_view(), name="alistpros-payments"),

    # --- messaging ------------------------------------------------------------------
    path("messaging/conversations/", messaging.ConversationListView.as_view(), name="alistpros-conversations"),
    path(
        "messaging/conversations/<int:conversation_id>/messages/",
        messaging.ConversationMessagesView.as_view(),
        name="alistpros-conversation-messages",
    ),

    # --- scheduling -----------------------------------------------------------------
    path(
        "scheduling/appointments/",
        scheduling.AppointmentViewSet.as_view({"get": "list", "post": "create"}),
        name="alistpros-appointments",
    ),
    path(
        "scheduling/appointments/<int:pk>/",
        scheduling.AppointmentViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="alistpros-appointment",
    ),
    path(
        "scheduling/availability-slots/",
        scheduling.AvailabilitySlotViewSet.as_view({"get": "list", "post": "create"}),
        name="alistpros-availability-slots",
    ),
    path(
        "scheduling/availability-slots/<int:pk>/",
        scheduling.AvailabilitySlotViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="alistpros-availability-slot",
    ),

]
