"""seed_demo --scale for Parking: bulk data linear in the scale, no overlapping holds, figures equal to the rows."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from parking.demo.scale import CITIES, DAYS_AHEAD, MIN_SCALE, host_email, scale_counts, seeker_email
from parking.models import (
    HOLDING_STATUSES,
    AvailabilityWindow,
    Booking,
    BookingStatus,
    Listing,
    ParkingProfile,
    Review,
)

pytestmark = pytest.mark.django_db
SCALE = 0.001
User = get_user_model()


def rows() -> dict[str, int]:
    return {
        "hosts": User.objects.filter(realm="parking", email__startswith="bulkhost").count(),
        "seekers": User.objects.filter(realm="parking", email__startswith="bulkseeker").count(),
        "listings": Listing.objects.count(),
        "bookings": Booking.objects.count(),
        "reviews": Review.objects.count(),
        "windows": AvailabilityWindow.objects.count(),
        "profiles": ParkingProfile.objects.count(),
    }


def test_scale_counts_are_the_issue_s_and_linear():
    assert scale_counts(1) == {"hosts": 10_000, "seekers": 50_000, "listings": 100_000, "bookings": 1_000_000}
    assert scale_counts(2 * SCALE) == {name: 2 * count for name, count in scale_counts(SCALE).items()}


def test_seed_demo_at_scale_once(capsys):
    call_command("seed_demo", "--product", "parking")
    small = rows()
    call_command("seed_demo", "--product", "parking", "--scale", str(SCALE))
    assert "seeker@parking.demo" in capsys.readouterr().out
    bulk = {name: count - small[name] for name, count in rows().items()}
    counts = scale_counts(SCALE)
    assert {name: bulk[name] for name in counts} == counts
    assert bulk["profiles"] == counts["hosts"] + counts["seekers"]
    assert User.objects.filter(email=host_email(counts["hosts"] - 1), role__in=["HOST", "BOTH"]).exists()
    assert User.objects.filter(email=seeker_email(counts["seekers"] - 1), role="SEEKER").exists()
    assert 0 < bulk["windows"] < counts["listings"]

    # Listings lie around the seeded cities, within 60 km (8 km per axis, so seven standard deviations).
    bulk_listings = Listing.objects.filter(host__email__startswith="bulkhost")
    assert set(bulk_listings.values_list("city", flat=True)) <= {city[0] for city in CITIES}
    centres = {city: (lat, lng) for city, lat, lng, _ in CITIES}
    for listing in bulk_listings:
        lat, lng = centres[listing.city]
        assert abs(listing.latitude - lat) < 0.55 and abs(listing.longitude - lng) < 0.75

    # Every state; nothing after DAYS_AHEAD (the benchmark books there); one booking per listing and day at most,
    # so holding bookings of a listing never overlap.
    bulk_bookings = Booking.objects.filter(listing__in=bulk_listings)
    assert set(bulk_bookings.values_list("status", flat=True)) >= set(BookingStatus.values) - {"CHECKED_IN"}
    last = bulk_bookings.order_by("-end_time").values_list("end_time", flat=True).first()
    assert timezone.now() < last <= timezone.now() + timedelta(days=DAYS_AHEAD + 1)
    per_day = bulk_bookings.annotate(day=TruncDate("start_time")).values("listing", "day").annotate(n=Count("id"))
    assert not per_day.filter(n__gt=1).exists()
    holding = Booking.objects.filter(status__in=HOLDING_STATUSES)
    clashes = holding.filter(
        listing__bookings__status__in=HOLDING_STATUSES,
        listing__bookings__start_time__lt=F("end_time"),
        listing__bookings__end_time__gt=F("start_time"),
    ).exclude(listing__bookings__pk=F("pk"))
    assert not clashes.exists()
    assert not bulk_bookings.filter(Q(status="COMPLETED") & Q(end_time__gt=timezone.now())).exists()
    assert not bulk_bookings.filter(status="PENDING", start_time__lte=timezone.now()).exists()

    # Reviews are of COMPLETED bookings, by their guest; each listing's figures equal its review rows.
    assert bulk["reviews"] > 0
    assert not Review.objects.exclude(booking__status=BookingStatus.COMPLETED).exists()
    mismatched = ~Q(author_id=F("booking__guest_id")) | ~Q(listing_id=F("booking__listing_id"))
    assert not Review.objects.filter(mismatched).exists()
    counted = Listing.objects.annotate(n=Count("reviews"), total=Sum("reviews__rating"))
    assert not counted.exclude(review_count=F("n")).exists()
    assert all(listing.rating_total == (listing.total or 0) for listing in counted)

    # A second run adds nothing; another scale is refused.
    seeded = rows()
    call_command("seed_demo", "--product", "parking", "--scale", str(SCALE))
    assert rows() == seeded
    with pytest.raises(CommandError, match="another scale"):
        call_command("seed_demo", "--product", "parking", "--scale", str(2 * SCALE))


def test_too_small_a_scale_is_refused():
    with pytest.raises(CommandError, match=f"--scale {MIN_SCALE}"):
        call_command("seed_demo", "--product", "parking", "--scale", str(MIN_SCALE / 2))
