"""A-List Home Pros's API routes, relative to its documented base `/api/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from alistpros.api.views import pros
from core.payments.views import StripeWebhookView

urlpatterns = [
    # --- users: accounts and tokens -----------------------------------------------

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

    # --- messaging ------------------------------------------------------------------

    # --- scheduling -----------------------------------------------------------------

]
