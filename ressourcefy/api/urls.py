"""Ressourcefy's API routes, relative to its documented base `/api/`."""

from django.urls import path

from core.payments.views import StripeWebhookView

urlpatterns = [
    path("billing/webhook/", StripeWebhookView.as_view(), name="ressourcefy-stripe-webhook"),
]
