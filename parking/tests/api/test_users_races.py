"""Accounts under concurrency (PostgreSQL): one account per sign-up address, one verification record."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from core.testing.races import run_together
from parking.models import ParkingProfile
from parking.tests.conftest import API

PASSWORD = "An0ther-long-secret!"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_signups_for_one_address_make_one_account(settings):
    settings.AUTH_RATE_LIMIT = "off"
    body = {"email": "race@example.com", "password1": PASSWORD, "password2": PASSWORD, "user_type": "HOST"}
    calls = [lambda: APIClient().post(API + "auth/registration/", body, format="json") for _ in range(4)]
    statuses = sorted(response.status_code for response in run_together(calls))
    assert statuses == [201, 400, 400, 400]
    accounts = get_user_model().objects.filter(realm="parking", email="race@example.com")
    assert accounts.count() == 1 and accounts.get().role == "HOST"
    assert ParkingProfile.objects.filter(user__email="race@example.com").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_verifications_keep_one_record(client_for, parking_account, host):
    admins = [parking_account("ADMIN", f"admin{n}") for n in range(4)]
    clients = [client_for(admin) for admin in admins]
    calls = [lambda c=c: c.post(f"{API}users/{host.pk}/verify/") for c in clients]
    responses = run_together(calls)
    assert [r.status_code for r in responses] == [200] * 4
    stamps = {r.json()["data"]["identity_verified_at"] for r in responses}
    assert len(stamps) == 1
    profile = ParkingProfile.objects.get(user=host)
    assert profile.verified_by in admins
