"""Bookings area: booking (priced on the server, overlaps refused), visibility, changes, transitions, e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parking.models import AvailabilityWindow, Booking, BookingStatus, Listing, PaymentStatus
from parking.tests.conftest import API, assert_error, make_listing

pytestmark = pytest.mark.django_db

BOOKINGS = API + "bookings/"


def detail(booking_id) -> str:
    return f"{BOOKINGS}{booking_id}/"


def hours_from_now(hours: float):
    """A whole-minute time `hours` from now (whole minutes keep prices exact)."""
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


@pytest.fixture
def listing(host) -> Listing:
    return make_listing(host)


@pytest.fixture
def make_booking(listing, seeker):
    """make_booking(start_in_hours=48, hours=3, status=..., **fields): straight in the database."""

    def make(*, start_in_hours: float = 48, hours: float = 3, guest=None, on=None, **fields):
        start = hours_from_now(start_in_hours)
        fields.setdefault("total_price", 900)
        return Booking.objects.create(
            listing=on or listing,
            guest=guest or seeker,
            start_time=start,
            end_time=start + timedelta(hours=hours),
            **fields,
        )

    return make


def body(listing, start_in_hours=48, hours=3, **fields) -> dict:
    start = hours_from_now(start_in_hours)
    return {
        "listing": listing.pk,
        "start_time": start.isoformat(),
        "end_time": (start + timedelta(hours=hours)).isoformat(),
        **fields,
    }


class TestCreate:
    def test_the_request_writes_its_row_and_queues_one_task(
        self, client_for, seeker, listing, django_capture_on_commit_callbacks
    ):
        """Issue #16: a hot write does at most 6 queries and leaves its e-mails to one after-commit task."""
        AvailabilityWindow.objects.create(listing=listing, starts_at=hours_from_now(1), ends_at=hours_from_now(100))
        client = client_for(seeker)
        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.post(BOOKINGS, body(listing), format="json")
        assert response.status_code == 201, response.content
        transaction_control = ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")
        statements = [
            query["sql"] for query in queries.captured_queries if not query["sql"].startswith(transaction_control)
        ]
        assert len(statements) <= 6, "\n".join(statements)
        assert len(queued) == 1

    def test_a_seeker_books_and_the_server_prices_it(self, client_for, seeker, host, listing):
        response = client_for(seeker).post(
            BOOKINGS, body(listing, hours=3, vehicle_plate="7ABC123", total_price="0.01"), format="json"
        )
        assert response.status_code == 201, response.content
        data = response.json()["data"]
        assert data["status"] == "PENDING"
        assert data["total_price"] == "9.00" and data["currency"] == "usd"
        assert data["price_breakdown"] == {"days": 0, "hours": 3}
        assert data["payment_status"] == "UNPAID" and data["refund_due"] == "0.00"
        assert data["listing"] == {"id": listing.pk, "title": listing.title, "address": listing.address}
        assert data["guest"] == {"id": seeker.pk, "name": seeker.name}
        assert data["host"] == {"id": host.pk, "name": host.name}
        assert data["vehicle_plate"] == "7ABC123"
        assert Booking.objects.get().total_price == 900

    @pytest.mark.parametrize(
        ("hours", "total", "breakdown"),
        [
            (0.5, "3.00", {"days": 0, "hours": 1}),  # a started hour counts whole
            (6, "18.00", {"days": 0, "hours": 6}),
            (7, "20.00", {"days": 1, "hours": 0}),  # 7 hours (21.00) cost more than a day
            (24, "20.00", {"days": 1, "hours": 0}),
            (27, "29.00", {"days": 1, "hours": 3}),
            (55, "60.00", {"days": 3, "hours": 0}),
        ],
    )
    def test_days_and_hours_whichever_is_cheaper(self, client_for, both, listing, hours, total, breakdown):
        response = client_for(both).post(BOOKINGS, body(listing, hours=hours), format="json")
        assert response.status_code == 201, response.content
        data = response.json()["data"]
        assert (data["total_price"], data["price_breakdown"]) == (total, breakdown)

    def test_a_day_dearer_than_24_hours_is_charged_by_the_hour(self, client_for, seeker, host):
        listing = make_listing(host, price_per_hour=100, price_per_day=5000)
        response = client_for(seeker).post(BOOKINGS, body(listing, hours=30), format="json")
        assert response.json()["data"]["price_breakdown"] == {"days": 0, "hours": 30}
        assert response.json()["data"]["total_price"] == "30.00"

    def test_overlapping_a_held_booking_is_409(self, client_for, seeker, listing, make_booking):
        make_booking(start_in_hours=48, hours=3, status=BookingStatus.CONFIRMED)
        response = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=50, hours=3), format="json")
        assert_error(response, 409, "CONFLICT")

    @pytest.mark.parametrize("status", [BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED])
    def test_released_bookings_do_not_block(self, client_for, seeker, listing, make_booking, status):
        make_booking(start_in_hours=48, hours=3, status=status)
        response = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=48, hours=3), format="json")
        assert response.status_code == 201

    def test_a_pending_booking_past_its_start_no_longer_blocks(self, client_for, seeker, listing, make_booking):
        make_booking(start_in_hours=-1, hours=5)
        response = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=1, hours=2), format="json")
        assert response.status_code == 201, response.content

    def test_touching_bookings_do_not_overlap(self, client_for, seeker, listing, make_booking):
        make_booking(start_in_hours=48, hours=3, status=BookingStatus.CONFIRMED)
        response = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=51, hours=2), format="json")
        assert response.status_code == 201

    def test_the_host_cannot_book_their_own_listing(self, client_for, both):
        own = make_listing(both)
        assert_error(client_for(both).post(BOOKINGS, body(own), format="json"), 403)
        assert not Booking.objects.exists()

    @pytest.mark.parametrize(
        ("start_in_hours", "hours", "field"),
        [(-2, 3, "start_time"), (48, 0, "end_time"), (48, -1, "end_time"), (48, 31 * 24, "end_time")],
    )
    def test_times_are_checked(self, client_for, seeker, listing, start_in_hours, hours, field):
        response = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours, hours), format="json")
        assert field in assert_error(response, 400)["errors"]

    def test_inside_an_availability_window_when_the_listing_has_any(self, client_for, seeker, listing):
        opens = hours_from_now(24)
        AvailabilityWindow.objects.create(listing=listing, starts_at=opens, ends_at=opens + timedelta(hours=8))
        outside = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=30, hours=4), format="json")
        assert "start_time" in assert_error(outside, 400)["errors"]
        inside = client_for(seeker).post(BOOKINGS, body(listing, start_in_hours=25, hours=4), format="json")
        assert inside.status_code == 201

    def test_unknown_or_inactive_listing_is_400(self, client_for, seeker, listing):
        Listing.objects.filter(pk=listing.pk).update(is_active=False)
        response = client_for(seeker).post(BOOKINGS, body(listing), format="json")
        assert "listing" in assert_error(response, 400)["errors"]

    def test_a_host_account_cannot_book(self, client_for, parking_account, listing):
        other_host = parking_account("HOST", "otherhost")
        assert_error(client_for(other_host).post(BOOKINGS, body(listing), format="json"), 403)

    def test_anonymous_is_401(self, api_client, listing):
        assert_error(api_client.post(BOOKINGS, body(listing), format="json"), 401)

    def test_both_parties_are_emailed(self, client_for, seeker, host, listing, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client_for(seeker).post(BOOKINGS, body(listing), format="json")
        assert sorted(m.to[0] for m in mail.outbox) == sorted([seeker.email, host.email])
        assert all(listing.title in m.subject for m in mail.outbox)


class TestList:
    def test_guest_and_host_sides_and_filters(self, client_for, seeker, host, both, listing, make_booking):
        as_guest = make_booking(guest=both)
        hosted = make_listing(both, title="Both's garage")
        as_host = make_booking(on=hosted, guest=seeker, status=BookingStatus.CONFIRMED)
        make_booking(guest=seeker)  # neither side of `both`
        client = client_for(both)

        def ids(query=""):
            response = client.get(BOOKINGS + query)
            assert response.status_code == 200, response.content
            return {row["id"] for row in response.json()["data"]["results"]}

        assert ids() == {as_guest.pk, as_host.pk}
        assert ids("?role=guest") == {as_guest.pk}
        assert ids("?role=host") == {as_host.pk}
        assert ids("?status=CONFIRMED") == {as_host.pk}
        assert_error(client.get(BOOKINGS + "?role=owner"), 400)

    def test_the_host_sees_bookings_of_their_listing(self, client_for, host, make_booking):
        booking = make_booking()
        results = client_for(host).get(BOOKINGS).json()["data"]["results"]
        assert [row["id"] for row in results] == [booking.pk]

    def test_others_see_nothing_and_admins_all(self, client_for, parking_account, admin, make_booking):
        make_booking()
        stranger = parking_account("SEEKER", "stranger")
        assert client_for(stranger).get(BOOKINGS).json()["data"]["count"] == 0
        assert client_for(admin).get(BOOKINGS).json()["data"]["count"] == 1

    def test_anonymous_is_401(self, api_client):
        assert_error(api_client.get(BOOKINGS), 401)

    def test_query_count_is_flat_in_page_size(self, client_for, host, parking_account, make_booking):
        for n in range(6):
            make_booking(start_in_hours=48 + 5 * n, guest=parking_account("SEEKER", f"guest{n}"))
        client = client_for(host)
        counts = []
        for size in (2, 6):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{BOOKINGS}?page_size={size}")
            assert len(response.json()["data"]["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


class TestDetail:
    def test_guest_host_and_admin_see_it(self, client_for, seeker, host, admin, make_booking):
        booking = make_booking()
        for user in (seeker, host, admin):
            response = client_for(user).get(detail(booking.pk))
            assert response.status_code == 200 and response.json()["data"]["id"] == booking.pk

    def test_another_users_booking_is_404(self, client_for, parking_account, make_booking):
        booking = make_booking()
        response = client_for(parking_account("BOTH", "nosy")).get(detail(booking.pk))
        assert "Driveway" not in assert_error(response, 404)["message"]

    def test_missing_is_404_and_anonymous_401(self, client_for, api_client, seeker, make_booking):
        booking = make_booking()
        assert_error(client_for(seeker).get(detail(booking.pk + 100)), 404)
        assert_error(api_client.get(detail(booking.pk)), 401)


class TestUpdate:
    def test_patch_times_reprices(self, client_for, seeker, make_booking):
        booking = make_booking(hours=3)
        start = booking.start_time
        response = client_for(seeker).patch(
            detail(booking.pk), {"end_time": (start + timedelta(hours=27)).isoformat(), "notes": "late"}, format="json"
        )
        assert response.status_code == 200, response.content
        data = response.json()["data"]
        assert (data["total_price"], data["price_breakdown"]) == ("29.00", {"days": 1, "hours": 3})
        assert data["notes"] == "late"

    def test_put_needs_both_times(self, client_for, seeker, make_booking):
        booking = make_booking()
        response = client_for(seeker).put(detail(booking.pk), {"notes": "x"}, format="json")
        assert {"start_time", "end_time"} <= set(assert_error(response, 400)["errors"])

    def test_moving_onto_another_booking_is_409_but_over_itself_is_fine(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=48, hours=3)
        make_booking(start_in_hours=60, hours=3, status=BookingStatus.CONFIRMED)
        client = client_for(seeker)
        onto = {"start_time": booking.start_time.isoformat(), "end_time": hours_from_now(61).isoformat()}
        assert_error(client.put(detail(booking.pk), onto, format="json"), 409)
        longer = {"start_time": booking.start_time.isoformat(), "end_time": hours_from_now(53).isoformat()}
        assert client.put(detail(booking.pk), longer, format="json").status_code == 200

    def test_only_while_pending(self, client_for, seeker, make_booking):
        booking = make_booking(status=BookingStatus.CONFIRMED)
        assert_error(client_for(seeker).patch(detail(booking.pk), {"notes": "x"}, format="json"), 400)

    def test_the_host_cannot_change_it_and_strangers_get_404(self, client_for, host, parking_account, make_booking):
        booking = make_booking()
        assert_error(client_for(host).patch(detail(booking.pk), {"notes": "x"}, format="json"), 403)
        stranger = client_for(parking_account("SEEKER", "stranger"))
        assert_error(stranger.patch(detail(booking.pk), {"notes": "x"}, format="json"), 404)
        assert Booking.objects.get().notes == ""


class TestHostDecisions:
    def test_confirm_then_nothing_more(self, client_for, host, make_booking, django_capture_on_commit_callbacks):
        booking = make_booking()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(host).post(detail(booking.pk) + "confirm/")
        assert response.status_code == 200 and response.json()["data"]["status"] == "CONFIRMED"
        assert len(mail.outbox) == 2
        assert_error(client_for(host).post(detail(booking.pk) + "decline/"), 400)

    def test_decline(self, client_for, host, make_booking):
        booking = make_booking()
        response = client_for(host).post(detail(booking.pk) + "decline/")
        assert response.json()["data"]["status"] == "DECLINED"

    def test_a_started_pending_booking_cannot_be_confirmed(self, client_for, host, make_booking):
        booking = make_booking(start_in_hours=-1)
        assert_error(client_for(host).post(detail(booking.pk) + "confirm/"), 400)

    @pytest.mark.parametrize("verb", ["confirm", "decline"])
    def test_only_the_host(self, client_for, api_client, seeker, parking_account, make_booking, verb):
        booking = make_booking()
        assert_error(client_for(seeker).post(detail(booking.pk) + f"{verb}/"), 403)
        assert_error(client_for(parking_account("HOST", "other")).post(detail(booking.pk) + f"{verb}/"), 404)
        assert_error(api_client.post(detail(booking.pk) + f"{verb}/"), 401)
        assert_error(client_for(seeker).post(detail(booking.pk + 99) + f"{verb}/"), 404)
        assert Booking.objects.get().status == BookingStatus.PENDING


class TestCancel:
    def test_paid_more_than_a_day_ahead_is_refunded_in_full(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=48, status=BookingStatus.CONFIRMED, payment_status=PaymentStatus.PAID)
        response = client_for(seeker).delete(detail(booking.pk))
        assert response.status_code == 200, response.content
        data = response.json()["data"]
        assert (data["status"], data["refund_due"]) == ("CANCELLED", "9.00")

    def test_paid_within_a_day_gets_nothing(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=20, status=BookingStatus.CONFIRMED, payment_status=PaymentStatus.PAID)
        data = client_for(seeker).delete(detail(booking.pk)).json()["data"]
        assert (data["status"], data["refund_due"]) == ("CANCELLED", "0.00")

    def test_unpaid_owes_nothing(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=48)
        assert client_for(seeker).delete(detail(booking.pk)).json()["data"]["refund_due"] == "0.00"

    def test_not_after_it_started_nor_twice(self, client_for, seeker, make_booking):
        started = make_booking(start_in_hours=-1, status=BookingStatus.CONFIRMED)
        assert_error(client_for(seeker).delete(detail(started.pk)), 400)
        cancelled = make_booking(start_in_hours=100, status=BookingStatus.CANCELLED)
        assert_error(client_for(seeker).delete(detail(cancelled.pk)), 400)

    def test_only_the_guest(self, client_for, api_client, host, parking_account, make_booking):
        booking = make_booking()
        assert_error(client_for(host).delete(detail(booking.pk)), 403)
        assert_error(client_for(parking_account("SEEKER", "x")).delete(detail(booking.pk)), 404)
        assert_error(api_client.delete(detail(booking.pk)), 401)
        assert Booking.objects.get().status == BookingStatus.PENDING


class TestCheckInOut:
    def test_check_in_from_15_minutes_before_then_out(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=0.2, status=BookingStatus.CONFIRMED)  # 12 minutes away
        client = client_for(seeker)
        response = client.post(detail(booking.pk) + "checkin/")
        assert response.status_code == 200, response.content
        assert response.json()["data"]["status"] == "CHECKED_IN" and response.json()["data"]["checked_in_at"]
        response = client.post(detail(booking.pk) + "checkout/")
        assert response.json()["data"]["status"] == "COMPLETED" and response.json()["data"]["checked_out_at"]

    def test_too_early_after_the_end_or_unconfirmed_is_400(self, client_for, seeker, make_booking):
        client = client_for(seeker)
        early = make_booking(start_in_hours=1, status=BookingStatus.CONFIRMED)
        ended = make_booking(start_in_hours=-5, hours=2, status=BookingStatus.CONFIRMED)
        pending = make_booking(start_in_hours=0.1)
        for booking in (early, ended, pending):
            assert_error(client.post(detail(booking.pk) + "checkin/"), 400)

    def test_check_out_needs_a_check_in(self, client_for, seeker, make_booking):
        booking = make_booking(start_in_hours=0.1, status=BookingStatus.CONFIRMED)
        assert_error(client_for(seeker).post(detail(booking.pk) + "checkout/"), 400)

    @pytest.mark.parametrize("verb", ["checkin", "checkout"])
    def test_only_the_guest(self, client_for, api_client, host, parking_account, make_booking, verb):
        booking = make_booking(start_in_hours=0.1, status=BookingStatus.CONFIRMED)
        assert_error(client_for(host).post(detail(booking.pk) + f"{verb}/"), 403)
        assert_error(client_for(parking_account("SEEKER", "x")).post(detail(booking.pk) + f"{verb}/"), 404)
        assert_error(api_client.post(detail(booking.pk) + f"{verb}/"), 401)
        assert Booking.objects.get().status == BookingStatus.CONFIRMED
