"""Bookings under concurrency (PostgreSQL): of 50 requests for one slot exactly one wins, the rest get 409."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.testing.races import statuses_together
from parking.models import Booking, BookingStatus
from parking.tests.conftest import make_listing

API = "/parking/api/v1/bookings/"


@pytest.fixture
def listing(make_account):
    host = make_account("parking", email="hana@example.com", role="HOST", name="Hana Host")
    return make_listing(host, title="Driveway")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_seekers_one_slot_one_booking(client_for, make_account, listing):
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    seekers = [make_account("parking", email=f"s{n}@example.com", role="SEEKER") for n in range(50)]
    clients = [client_for(seeker) for seeker in seekers]
    # Every request overlaps every other by at least an hour, each with different bounds.
    bodies = [
        {
            "listing": listing.pk,
            "start_time": (start + timedelta(minutes=n)).isoformat(),
            "end_time": (start + timedelta(hours=2, minutes=n)).isoformat(),
        }
        for n in range(50)
    ]
    calls = [lambda c=c, b=b: c.post(API, b, format="json") for c, b in zip(clients, bodies, strict=True)]
    assert statuses_together(calls) == [201] + [409] * 49
    assert Booking.objects.filter(listing=listing, status=BookingStatus.PENDING).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_onto_one_slot_leave_no_overlap(client_for, make_account, listing):
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    guests = [make_account("parking", email=f"g{n}@example.com", role="SEEKER") for n in range(6)]
    bookings = [
        Booking.objects.create(
            listing=listing,
            guest=guest,
            start_time=start + timedelta(hours=10 * (n + 1)),
            end_time=start + timedelta(hours=10 * (n + 1) + 1),
            total_price=300,
        )
        for n, guest in enumerate(guests)
    ]
    target = {"start_time": start.isoformat(), "end_time": (start + timedelta(hours=2)).isoformat()}
    clients = [client_for(guest) for guest in guests]
    calls = [
        lambda c=c, b=b: c.put(f"{API}{b.pk}/", target, format="json") for c, b in zip(clients, bookings, strict=True)
    ]
    assert statuses_together(calls) == [200] + [409] * 5
    assert Booking.objects.filter(start_time=start).count() == 1
