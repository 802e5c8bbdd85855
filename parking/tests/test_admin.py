"""The operators' admin has every Parking model (inline or on its own page), and its pages render on demo data."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command

from parking.models import Booking, BookingPayment, PayoutAccount, StripeCustomer, Transaction, TransactionType

pytestmark = pytest.mark.django_db


def registered_models() -> list:
    return [model for model in admin.site._registry if model._meta.app_label == "parking"]


def test_every_parking_model_is_in_the_admin():
    inline = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    shown = set(registered_models()) | inline
    assert set(apps.get_app_config("parking").get_models()) <= shown


def test_changelist_and_change_pages_render(client, seeker, host):
    call_command("seed_demo", product="parking")
    booking = Booking.objects.first()
    StripeCustomer.objects.create(user=seeker, stripe_customer_id="cus_admin")
    PayoutAccount.objects.create(user=host, stripe_account_id="acct_admin")
    BookingPayment.objects.create(booking=booking, stripe_payment_intent_id="pi_admin", amount=900)
    Transaction.objects.create(user=seeker, booking=booking, type=TransactionType.CHARGE, amount=900)
    client.force_login(get_user_model().objects.create_superuser("ops@example.com", "Operator-pass-1"))
    for model in registered_models():
        name = model._meta.model_name
        assert client.get(f"/admin/parking/{name}/").status_code == 200, name
        obj = model.objects.first()
        assert obj is not None, name
        assert client.get(f"/admin/parking/{name}/{obj.pk}/change/").status_code == 200, name
