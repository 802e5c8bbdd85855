"""Ressourcefy's API routes, relative to its documented base `/api/` (PLATFORM.md: the document's paths with and
without `/api` are the same endpoint here). One block per area, each area's views in `api/views/<area>.py`."""

from django.urls import path

from core.payments.views import StripeWebhookView
from ressourcefy.api.views import billing as billing_views
from ressourcefy.api.views import health as health_views

urlpatterns = [
    path("billing/webhook/", StripeWebhookView.as_view(), name="ressourcefy-stripe-webhook"),
    # --- accounts: auth/, onboarding/, user/ ---------------------------------------------
    # --- resources: resources/, feed/, tags/, authors/, comments/ --------------------------
    # --- billing and health ----------------------------------------------------------------
    path("billing/checkout/", billing_views.CheckoutSessionCreateView.as_view(), name="ressourcefy-billing-checkout"),
    path("health/live/", health_views.LivenessView.as_view(), name="ressourcefy-health-live"),
    path("health/ready/", health_views.ReadinessView.as_view(), name="ressourcefy-health-ready"),
]
