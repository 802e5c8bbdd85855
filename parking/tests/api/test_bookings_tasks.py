"""Bookings' beat tasks with a frozen clock, their beat registration, and the listings search hook."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from parking import tasks
from parking.models import AvailabilityWindow, Booking, BookingStatus, Listing
from parking.tests.conftest import make_listing

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 7, 1, 12, 0, tzinfo=UTC)
SEARCH = "/parking/api/v1/listings/search/"


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def listing(host) -> Listing:
    return make_listing(host, title="Driveway")


def book(listing, guest, *, start, hours=2, status=BookingStatus.PENDING) -> Booking:
    return Booking.objects.create(
        listing=listing,
        guest=guest,
        start_time=start,
        end_time=start + timedelta(hours=hours),
        status=status,
        total_price=600,
    )


def test_cleanup_expires_pending_bookings_whose_start_passed(
    frozen, listing, seeker, django_capture_on_commit_callbacks
):
    started = book(listing, seeker, start=NOW - timedelta(minutes=1))
    at_now = book(listing, seeker, start=NOW)
    later = book(listing, seeker, start=NOW + timedelta(minutes=1))
    confirmed = book(listing, seeker, start=NOW - timedelta(hours=1), status=BookingStatus.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.cleanup_expired_bookings() == 2
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses == {
        started.pk: BookingStatus.EXPIRED,
        at_now.pk: BookingStatus.EXPIRED,
        later.pk: BookingStatus.PENDING,
        confirmed.pk: BookingStatus.CONFIRMED,
    }
    assert len(mail.outbox) == 4  # both parties of each expired booking
    assert tasks.cleanup_expired_bookings() == 0  # safe to run twice


def test_update_listing_availability_drops_ended_windows_but_each_listings_latest(frozen, listing, host):
    other = Listing.objects.create(
        host=host, title="Lot", address="2 Main St", city="SF", latitude=1, longitude=1,
        price_per_hour=100, price_per_day=500, spot_type="LOT",
    )  # fmt: skip
    hour = timedelta(hours=1)
    AvailabilityWindow.objects.bulk_create(
        [
            AvailabilityWindow(listing=listing, starts_at=NOW - 5 * hour, ends_at=NOW - 4 * hour),
            AvailabilityWindow(listing=listing, starts_at=NOW - 2 * hour, ends_at=NOW),
            AvailabilityWindow(listing=listing, starts_at=NOW + hour / 2, ends_at=NOW + hour),
            AvailabilityWindow(listing=other, starts_at=NOW - 5 * hour, ends_at=NOW - 4 * hour),
            AvailabilityWindow(listing=other, starts_at=NOW - 3 * hour, ends_at=NOW - 2 * hour),
        ]
    )
    assert tasks.update_listing_availability() == 3
    left = sorted(AvailabilityWindow.objects.values_list("listing_id", "ends_at"))
    # `other` keeps its latest (ended) window so it stays unbookable rather than open at any time.
    assert left == sorted([(listing.pk, NOW + hour), (other.pk, NOW - 2 * hour)])
    assert tasks.update_listing_availability() == 0


def test_the_tasks_are_registered_with_beat():
    registered = set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert {tasks.CLEANUP_EXPIRED_BOOKINGS, tasks.UPDATE_LISTING_AVAILABILITY} <= registered


class TestSearchHook:
    def search(self, api_client, start, end) -> list[int]:
        response = api_client.get(SEARCH, {"available_from": start.isoformat(), "available_to": end.isoformat()})
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["data"]["results"]]

    @pytest.fixture
    def window(self, listing):
        start = timezone.now() + timedelta(days=2)
        AvailabilityWindow.objects.create(listing=listing, starts_at=start, ends_at=start + timedelta(hours=12))
        return start

    @pytest.mark.parametrize("status", [BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN])
    def test_a_holding_booking_hides_the_listing(self, api_client, listing, seeker, window, status):
        book(listing, seeker, start=window + timedelta(hours=2), status=status)
        assert self.search(api_client, window + timedelta(hours=1), window + timedelta(hours=3)) == []
        assert self.search(api_client, window + timedelta(hours=4), window + timedelta(hours=6)) == [listing.pk]

    @pytest.mark.parametrize("status", [BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.EXPIRED])
    def test_released_bookings_do_not(self, api_client, listing, seeker, window, status):
        book(listing, seeker, start=window + timedelta(hours=2), status=status)
        assert self.search(api_client, window + timedelta(hours=1), window + timedelta(hours=3)) == [listing.pk]
