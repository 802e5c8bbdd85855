"""Ressourcefy's API routes, relative to its documented base `/api/` (PLATFORM.md: the document's paths with and
without `/api` are the same endpoint here). One block per area, each area's views in `api/views/<area>.py`."""

from django.urls import path

from core.payments.views import StripeWebhookView

urlpatterns = [
    path("billing/webhook/", StripeWebhookView.as_view(), name="ressourcefy-stripe-webhook"),
    # --- accounts: auth/, onboarding/, user/ ---------------------------------------------
    # --- resources: resources/, feed/, tags/, authors/, comments/ --------------------------
    # --- billing and health ----------------------------------------------------------------
]
