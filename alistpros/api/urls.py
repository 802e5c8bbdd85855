"""A-List Home Pros's API routes, relative to its documented base `/api/`.

One block per area of the spec, each area's views in `api/views/<area>.py`.
"""

from django.urls import path

from alistpros.api.views import scheduling
from core.payments.views import StripeWebhookView

urlpatterns = [
    # --- users: accounts and tokens -----------------------------------------------

    # --- alistpros: pro profiles, categories, portfolio, reviews --------------------

    # --- payments -------------------------------------------------------------------
    path("payments/webhook/", StripeWebhookView.as_view(), name="alistpros-stripe-webhook"),

    # --- messaging ------------------------------------------------------------------

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
