"""A-List Home Pros's API routes, relative to its documented base `/api/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from alistpros.api.views import messaging
from core.payments.views import StripeWebhookView

urlpatterns = [
    # --- users: accounts and tokens -----------------------------------------------

    # --- alistpros: pro profiles, categories, portfolio, reviews --------------------

    # --- payments -------------------------------------------------------------------
    path("payments/webhook/", StripeWebhookView.as_view(), name="alistpros-stripe-webhook"),

    # --- messaging ------------------------------------------------------------------
    path("messaging/conversations/", messaging.ConversationListView.as_view(), name="alistpros-conversations"),
    path(
        "messaging/conversations/<int:conversation_id>/messages/",
        messaging.ConversationMessagesView.as_view(),
        name="alistpros-conversation-messages",
    ),

    # --- scheduling -----------------------------------------------------------------

]
