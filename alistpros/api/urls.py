"""A-List Home Pros's API routes, relative to its documented base `/api/`."""

from django.urls import path

from core.payments.views import StripeWebhookView

urlpatterns = [
    path("payments/webhook/", StripeWebhookView.as_view(), name="alistpros-stripe-webhook"),
]
