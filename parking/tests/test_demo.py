"""seed_demo for Parking: logins of each user type, listings around one city, the seeker's bookings in every state."""

import pytest
from django.core.management import call_command

from parking.models import AvailabilityWindow, Booking, BookingStatus, Listing, ListingPhoto

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_parking_once(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", product="parking")
    out = capsys.readouterr().out
    for login in ("host@parking.demo", "seeker@parking.demo", "both@parking.demo", "admin@parking.demo"):
        assert login in out
    listings = Listing.objects.all()
    assert listings.count() == 24 and {listing.city for listing in listings} == {"Austin"}
    assert ListingPhoto.objects.count() == 24 and AvailabilityWindow.objects.count() == 24
    assert not ListingPhoto.objects.filter(thumbnail="").exists()  # made by the task after commit
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus.values)
    call_command("seed_demo", product="parking")
    assert Listing.objects.count() == 24
