"""Parking in a Pinch's API routes, relative to its documented base `/api/v1/`."""

from django.urls import path

from core.payments.views import StripeWebhookView

urlpatterns = [
    path("payments/webhook/", StripeWebhookView.as_view(), name="parking-stripe-webhook"),
]
