"""Reviews under concurrency (PostgreSQL): one review per booking, reports hide once, figures equal the rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parking.models import HIDE_AFTER_REPORTS, Booking, BookingStatus, Listing, Review
from parking.services.reviews import review_create
from parking.tests.api.test_messaging_races import run_together
from parking.tests.api.test_reviews import REVIEWS, assert_figures_match_rows, report
from parking.tests.conftest import assert_error, make_listing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def completed_booking(listing: Listing, guest, hours_ago: int) -> Booking:
    start = timezone.now() - timedelta(hours=hours_ago)
    return Booking.objects.create(
        listing=listing,
        guest=guest,
        start_time=start,
        end_time=start + timedelta(hours=2),
        total_price=600,
        status=BookingStatus.COMPLETED,
    )


def test_concurrent_reviews_of_one_booking_one_wins(client_for, seeker, host):
    listing = make_listing(host)
    booking = completed_booking(listing, seeker, 5)
    clients = [client_for(seeker) for _ in range(4)]

    responses = run_together([lambda c=c: c.post(REVIEWS, {"booking": booking.pk, "rating": 5}) for c in clients])

    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409]
    for response in responses:
        if response.status_code == 409:
            assert_error(response, 409)
    assert Review.objects.count() == 1
    assert_figures_match_rows(listing)


def test_concurrent_reviews_of_one_listing_keep_its_figures(client_for, parking_account, host):
    listing = make_listing(host)
    guests = [parking_account("SEEKER", f"g{n}") for n in range(5)]
    bookings = [completed_booking(listing, guest, 5 + 3 * n) for n, guest in enumerate(guests)]
    clients = [client_for(guest) for guest in guests]
    calls = [
        lambda c=c, b=b, r=r: c.post(REVIEWS, {"booking": b.pk, "rating": r})
        for c, b, r in zip(clients, bookings, [5, 4, 3, 2, 1], strict=True)
    ]

    responses = run_together(calls)

    assert [r.status_code for r in responses] == [201] * 5
    listing.refresh_from_db()
    assert (listing.rating_total, listing.review_count) == (15, 5)
    assert_figures_match_rows(listing)


def test_concurrent_reports_and_edits_hide_once_and_keep_the_figures(client_for, parking_account, seeker, host):
    listing = make_listing(host)
    review = review_create(author=seeker, booking=completed_booking(listing, seeker, 5), rating=4)
    other = parking_account("SEEKER", "other")
    review_create(author=other, booking=completed_booking(listing, other, 9), rating=2)
    reporters = [parking_account("BOTH", f"r{n}") for n in range(HIDE_AFTER_REPORTS + 1)]
    clients = [client_for(reporter) for reporter in reporters]
    author = client_for(seeker)
    calls = [lambda c=c: c.post(report(review.pk), {"reason": "spam"}) for c in clients]
    calls.append(lambda: author.patch(f"{REVIEWS}{review.pk}/", {"rating": 1}))

    responses = run_together(calls)

    # The last reporter may find it hidden already (404) or report it anyway (201); the edit always lands.
    assert all(r.status_code in (200, 201, 404) for r in responses)
    review.refresh_from_db()
    assert review.hidden_at is not None and review.rating == 1
    assert_figures_match_rows(listing)
    listing.refresh_from_db()
    assert (listing.rating_total, listing.review_count) == (2, 1)
