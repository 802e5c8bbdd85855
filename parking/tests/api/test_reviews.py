"""Reviews area: guests review completed bookings once, authors change them, reports hide them, figures stay true."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from parking.models import HIDE_AFTER_REPORTS, Booking, BookingStatus, Listing, Review, ReviewReport
from parking.services.reviews import review_create
from parking.tests.api.test_bookings import hours_from_now
from parking.tests.conftest import API, assert_error, make_listing

pytestmark = pytest.mark.django_db

REVIEWS = API + "reviews/"


def detail(review_id) -> str:
    return f"{REVIEWS}{review_id}/"


def report(review_id) -> str:
    return f"{REVIEWS}{review_id}/report/"


def assert_figures_match_rows(listing: Listing) -> None:
    """The listing's kept figures equal an aggregate over its visible reviews."""
    listing.refresh_from_db()
    rows = Review.objects.filter(listing=listing, hidden_at__isnull=True).aggregate(total=Sum("rating"), n=Count("id"))
    assert (listing.rating_total, listing.review_count) == (rows["total"] or 0, rows["n"])


@pytest.fixture
def listing(host) -> Listing:
    return make_listing(host)


@pytest.fixture
def make_booking(listing, seeker):
    """make_booking(start_in_hours=-5, status=..., guest=..., on=...): a 3-hour booking straight in the database."""

    def make(*, start_in_hours: float, guest=None, on=None, **fields) -> Booking:
        start = hours_from_now(start_in_hours)
        return Booking.objects.create(
            listing=on or listing,
            guest=guest or seeker,
            start_time=start,
            end_time=start + timedelta(hours=3),
            total_price=900,
            **fields,
        )

    return make


@pytest.fixture
def completed(make_booking):
    return make_booking(start_in_hours=-5, status=BookingStatus.COMPLETED)


@pytest.fixture
def review(completed, seeker) -> Review:
    return review_create(author=seeker, booking=completed, rating=4, comment="Fine spot.")


@pytest.fixture
def reporters(parking_account):
    return [parking_account("SEEKER", f"reporter{n}") for n in range(HIDE_AFTER_REPORTS)]


class TestCreate:
    def test_the_guest_reviews_a_completed_booking(self, client_for, seeker, listing, completed):
        response = client_for(seeker).post(REVIEWS, {"booking": completed.pk, "rating": 5, "comment": "Great"})

        assert response.status_code == 201, response.content
        data = response.json()["data"]
        assert set(data) == {"id", "listing", "booking", "author", "rating", "comment", "created_at", "updated_at"}
        assert data["listing"] == {"id": listing.pk, "title": listing.title}
        assert data["booking"] == completed.pk
        assert data["author"]["name"] == seeker.name
        assert (data["rating"], data["comment"]) == (5, "Great")
        listing.refresh_from_db()
        assert (listing.rating_total, listing.review_count) == (5, 1)

    def test_a_second_review_of_the_booking_is_409(self, client_for, seeker, review, completed):
        response = client_for(seeker).post(REVIEWS, {"booking": completed.pk, "rating": 1})

        assert_error(response, 409)
        assert Review.objects.count() == 1

    @pytest.mark.parametrize("status", [BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.CANCELLED])
    def test_a_booking_not_completed_is_400(self, client_for, seeker, make_booking, status):
        booking = make_booking(start_in_hours=-5, status=status)

        body = assert_error(client_for(seeker).post(REVIEWS, {"booking": booking.pk, "rating": 5}), 400)

        assert "booking" in body["errors"]
        assert not Review.objects.exists()

    @pytest.mark.parametrize("rating", [0, 6, "five", None])
    def test_a_rating_outside_1_to_5_is_400(self, client_for, seeker, completed, rating):
        body = {"booking": completed.pk} if rating is None else {"booking": completed.pk, "rating": rating}

        assert "rating" in assert_error(client_for(seeker).post(REVIEWS, body, format="json"), 400)["errors"]

    def test_an_unknown_booking_is_400(self, client_for, seeker):
        assert_error(client_for(seeker).post(REVIEWS, {"booking": 999999, "rating": 5}), 400)

    def test_anonymous_is_401(self, api_client, completed):
        assert_error(api_client.post(REVIEWS, {"booking": completed.pk, "rating": 5}), 401)

    def test_a_host_account_is_403(self, client_for, host, completed):
        assert_error(client_for(host).post(REVIEWS, {"booking": completed.pk, "rating": 5}), 403)

    def test_another_seekers_booking_is_403(self, client_for, parking_account, completed):
        other = parking_account("BOTH", "other")

        assert_error(client_for(other).post(REVIEWS, {"booking": completed.pk, "rating": 5}), 403)
        assert not Review.objects.exists()


class TestList:
    def test_public_newest_first_filtered_by_listing_without_hidden(
        self, api_client, seeker, host, listing, make_booking, review
    ):
        other_listing = make_listing(host, title="Other")
        other = review_create(
            author=seeker, booking=make_booking(start_in_hours=-9, status="COMPLETED", on=other_listing), rating=2
        )
        hidden = review_create(author=seeker, booking=make_booking(start_in_hours=-20, status="COMPLETED"), rating=1)
        Review.objects.filter(pk=hidden.pk).update(hidden_at="2025-01-01T00:00:00Z")

        everything = api_client.get(REVIEWS).json()["data"]
        of_listing = api_client.get(REVIEWS, {"listing": listing.pk}).json()["data"]

        assert [r["id"] for r in everything["results"]] == [other.pk, review.pk]
        assert everything["count"] == 2
        assert [r["id"] for r in of_listing["results"]] == [review.pk]

    def test_a_bad_listing_filter_is_400(self, api_client):
        assert_error(api_client.get(REVIEWS, {"listing": "abc"}), 400)

    def test_query_count_is_flat_in_page_size(self, api_client, parking_account, host, make_booking):
        for n in range(6):
            guest = parking_account("SEEKER", f"guest{n}")
            booking = make_booking(start_in_hours=-5 - 4 * n, status="COMPLETED", guest=guest, on=make_listing(host))
            review_create(author=guest, booking=booking, rating=3)

        counts = []
        for size in (2, 6):
            with CaptureQueriesContext(connection) as queries:
                response = api_client.get(REVIEWS, {"page_size": size})
            assert len(response.json()["data"]["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestDetail:
    def test_anyone_reads_a_visible_review(self, api_client, review):
        response = api_client.get(detail(review.pk))

        assert response.status_code == 200
        assert response.json()["data"]["rating"] == 4

    def test_unknown_is_404(self, api_client):
        assert_error(api_client.get(detail(999999)), 404)
        assert_error(api_client.get(detail(2**63)), 404)

    def test_a_hidden_review_is_404_but_to_its_author_and_admins(
        self, api_client, client_for, review, seeker, both, admin
    ):
        Review.objects.filter(pk=review.pk).update(hidden_at="2025-01-01T00:00:00Z")

        assert_error(api_client.get(detail(review.pk)), 404)
        assert_error(client_for(both).get(detail(review.pk)), 404)
        assert client_for(seeker).get(detail(review.pk)).status_code == 200
        assert client_for(admin).get(detail(review.pk)).status_code == 200


class TestUpdate:
    def test_the_author_patches_and_the_listing_total_follows(self, client_for, seeker, review, listing):
        response = client_for(seeker).patch(detail(review.pk), {"rating": 2})

        assert response.status_code == 200, response.content
        assert (response.json()["data"]["rating"], response.json()["data"]["comment"]) == (2, "Fine spot.")
        listing.refresh_from_db()
        assert (listing.rating_total, listing.review_count) == (2, 1)

    def test_put_replaces_both_and_needs_both(self, client_for, seeker, review):
        client = client_for(seeker)

        assert "comment" in assert_error(client.put(detail(review.pk), {"rating": 5}), 400)["errors"]
        response = client.put(detail(review.pk), {"rating": 5, "comment": "Better"})

        assert response.status_code == 200
        review.refresh_from_db()
        assert (review.rating, review.comment) == (5, "Better")

    def test_a_bad_rating_is_400(self, client_for, seeker, review):
        assert_error(client_for(seeker).patch(detail(review.pk), {"rating": 9}), 400)

    def test_anonymous_is_401_and_others_403(self, api_client, client_for, both, admin, review):
        assert_error(api_client.patch(detail(review.pk), {"rating": 1}), 401)
        assert_error(client_for(both).patch(detail(review.pk), {"rating": 1}), 403)
        assert_error(client_for(admin).delete(detail(review.pk)), 403)
        review.refresh_from_db()
        assert review.rating == 4

    def test_unknown_is_404(self, client_for, seeker):
        assert_error(client_for(seeker).patch(detail(999999), {"rating": 1}), 404)

    def test_the_author_deletes_and_the_figures_drop(self, client_for, seeker, review, listing):
        assert client_for(seeker).delete(detail(review.pk)).status_code == 204

        assert not Review.objects.exists()
        listing.refresh_from_db()
        assert (listing.rating_total, listing.review_count) == (0, 0)


class TestReport:
    def test_reports_hide_the_review_at_the_threshold(self, client_for, api_client, review, reporters, listing):
        for n, reporter in enumerate(reporters, start=1):
            response = client_for(reporter).post(report(review.pk), {"reason": "spam"})
            assert response.status_code == 201, response.content
            assert response.json()["data"] is None
            listing.refresh_from_db()
            assert listing.review_count == (0 if n == HIDE_AFTER_REPORTS else 1)

        assert_error(api_client.get(detail(review.pk)), 404)
        assert api_client.get(REVIEWS).json()["data"]["count"] == 0
        assert ReviewReport.objects.filter(review=review).count() == HIDE_AFTER_REPORTS
        assert_figures_match_rows(listing)

    def test_once_per_user(self, client_for, review, both):
        client = client_for(both)
        assert client.post(report(review.pk), {"reason": "spam"}).status_code == 201

        assert_error(client.post(report(review.pk), {"reason": "again"}), 409)
        review.refresh_from_db()
        assert review.report_count == 1

    def test_the_author_cannot_report_403(self, client_for, seeker, review):
        assert_error(client_for(seeker).post(report(review.pk), {"reason": "mine"}), 403)

    def test_a_reason_is_needed_400(self, client_for, both, review):
        assert "reason" in assert_error(client_for(both).post(report(review.pk), {}), 400)["errors"]

    def test_anonymous_is_401_unknown_404(self, api_client, client_for, both, review):
        assert_error(api_client.post(report(review.pk), {"reason": "x"}), 401)
        assert_error(client_for(both).post(report(999999), {"reason": "x"}), 404)


class TestListingFigures:
    def test_after_a_series_of_operations_they_equal_the_rows_and_the_listing_api_shows_them(
        self, client_for, api_client, parking_account, listing, make_booking, reporters
    ):
        guests = [parking_account("SEEKER", f"g{n}") for n in range(4)]
        ids = []
        for n, (guest, rating) in enumerate(zip(guests, [5, 4, 2, 1], strict=True)):
            booking = make_booking(start_in_hours=-5 - 4 * n, status="COMPLETED", guest=guest)
            response = client_for(guest).post(REVIEWS, {"booking": booking.pk, "rating": rating})
            ids.append(response.json()["data"]["id"])
            assert_figures_match_rows(listing)
        client_for(guests[0]).patch(detail(ids[0]), {"rating": 3})
        assert_figures_match_rows(listing)
        client_for(guests[1]).delete(detail(ids[1]))
        assert_figures_match_rows(listing)
        for reporter in reporters:
            client_for(reporter).post(report(ids[2]), {"reason": "spam"})
        assert_figures_match_rows(listing)
        client_for(guests[2]).patch(detail(ids[2]), {"rating": 5})  # hidden: its author may still edit it
        assert_figures_match_rows(listing)
        client_for(guests[2]).delete(detail(ids[2]))
        assert_figures_match_rows(listing)

        data = api_client.get(f"{API}listings/{listing.pk}/").json()["data"]
        assert (data["rating"], data["review_count"]) == (2.0, 2)  # ratings 3 and 1
