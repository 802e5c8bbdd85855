"""A-List Home Pros's API routes, relative to its documented base `/api/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from core.payments.views import StripeWebhookView

urlpatterns = [
    # --- users: accounts and tokens -----------------------------------------------

    # --- alistpros: pro profiles, categories, portfolio, reviews --------------------

    # --- payments -------------------------------------------------------------------
    path("payments/webhook/", StripeWebhookView.as_view(), name="alistpros-stripe-webhook"),

    # --- messaging ------------------------------------------------------------------

    # --- scheduling -----------------------------------------------------------------

]
