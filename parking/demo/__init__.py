"""Demo data for Parking in a Pinch: host, seeker, both and admin logins, listings around Austin, TX with a photo
each and availability for the next weeks, the demo seeker's bookings in every state, reviews of earlier completed
stays and two conversations with the host. Idempotent.

With `seed_demo --scale N` (benchmarks), bulk data linear in N on top: see parking/demo/scale.py.
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from parking.demo.common import DAY_MULTIPLIERS, HOURLY_PRICES, KINDS, REVIEW_COMMENTS, STREETS
from parking.demo.scale import seed_at_scale
from parking.models import Booking, BookingStatus, Feature, Listing, ParkingProfile, PaymentStatus
from parking.services.bookings import booking_price
from parking.services.listings import listing_availability_replace, listing_create, listing_photos_add
from parking.services.messaging import conversation_start, message_send
from parking.services.reviews import review_create

CITY, CENTRE = "Austin", (30.2672, -97.7431)
LISTING_COUNT = 24
STORY_LISTINGS = 7  # the story's bookings, one per state, take the first listings
# Earlier stays of the demo seeker, each reviewed: (days ago, hours, rating); on the listings after the story's.
REVIEWED_STAYS = [(28, 3, 5), (24, 8, 4), (20, 2, 5), (15, 5, 3), (10, 24, 4), (4, 4, 5)]
CHATS = [
    (
        "Hi! Is the spot wide enough for a pickup truck?",
        "Yes, about 9 feet wide; plenty of room.",
        "Great, I just sent a booking request for Thursday.",
        "Got it, I'll confirm tonight. The gate code comes with the confirmation.",
    ),
    (
        "Can I arrive half an hour early?",
        "Sure, check-in opens 15 minutes before your start; text me if you are earlier.",
    ),
]
COLOURS = [(52, 101, 164), (78, 154, 6), (204, 0, 0), (117, 80, 123), (193, 125, 17)]


def seed(context) -> None:
    host = context.account(email="host@parking.demo", role="HOST", name="Demo Host")
    seeker = context.account(email="seeker@parking.demo", role="SEEKER", name="Demo Seeker")
    context.account(email="both@parking.demo", role="BOTH", name="Demo Both")
    admin = context.account(email="admin@parking.demo", role="ADMIN", name="Demo Admin")
    ParkingProfile.objects.get_or_create(
        user=host,
        defaults={
            "first_name": "Demo",
            "last_name": "Host",
            "identity_verified_at": timezone.now(),
            "verified_by": admin,
        },
    )
    if not Listing.objects.filter(host=host).exists():  # else seeded before
        _seed_small(host=host, seeker=seeker)
    if context.scale:
        seed_at_scale(scale=context.scale)


def _seed_small(*, host, seeker) -> None:
    rng = random.Random("parking-demo")  # noqa: S311 - demo data, not security
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    listings = []
    for n in range(LISTING_COUNT):
        spot_type = rng.choice(list(KINDS))
        street = rng.choice(STREETS)
        hourly = rng.choice(HOURLY_PRICES)
        listing = listing_create(
            host=host,
            title=f"{KINDS[spot_type]} on {street}",
            description=f"{KINDS[spot_type]} a short walk from downtown {CITY}.",
            address=f"{rng.randint(100, 2999)} {street}",
            city=CITY,
            latitude=round(CENTRE[0] + rng.uniform(-0.05, 0.05), 6),
            longitude=round(CENTRE[1] + rng.uniform(-0.05, 0.05), 6),
            price_per_hour=hourly,
            price_per_day=hourly * rng.choice(DAY_MULTIPLIERS),
            spot_type=spot_type,
            features=rng.sample([feature.value for feature in Feature], k=rng.randint(0, 3)),
        )
        listing_photos_add(listing=listing, files=[_photo(n, COLOURS[n % len(COLOURS)])])
        window = (today - timedelta(days=30), today + timedelta(days=60))
        listing_availability_replace(listing=listing, windows=[window])
        listings.append(listing)
    _bookings(seeker, listings, today)
    _reviews(seeker, listings[STORY_LISTINGS:], today, rng)
    _chats(seeker, host, listings)


def _bookings(seeker, listings, today) -> None:
    """One booking of the demo seeker in each state, on different listings, priced as the service prices them."""
    now = timezone.now()
    for listing, (status, start, hours, payment_status) in zip(listings, _story(today, now), strict=False):
        _booking(listing, seeker, status=status, start=start, hours=hours, payment_status=payment_status, now=now)


def _story(today, now):
    """(status, start, hours, payment status) of the story's bookings, one per state."""
    hour = timedelta(hours=1)
    return [
        (BookingStatus.PENDING, today + timedelta(days=3, hours=9), 3, PaymentStatus.UNPAID),
        (BookingStatus.CONFIRMED, today + timedelta(days=5, hours=8), 10, PaymentStatus.PAID),
        (BookingStatus.CHECKED_IN, now - 2 * hour, 4, PaymentStatus.PAID),
        (BookingStatus.COMPLETED, today - timedelta(days=7, hours=-10), 2, PaymentStatus.PAID),
        (BookingStatus.CANCELLED, today + timedelta(days=9, hours=12), 26, PaymentStatus.UNPAID),
        (BookingStatus.DECLINED, today + timedelta(days=2, hours=18), 5, PaymentStatus.UNPAID),
        (BookingStatus.EXPIRED, today - timedelta(days=1, hours=-7), 1, PaymentStatus.UNPAID),
    ]


def _booking(listing, seeker, *, status, start, hours, payment_status, now) -> Booking:
    """A booking of `seeker` priced as the service prices it, with the times its status implies."""
    end = start + timedelta(hours=hours)
    price = booking_price(
        price_per_hour=listing.price_per_hour, price_per_day=listing.price_per_day, start_time=start, end_time=end
    )
    return Booking.objects.create(
        listing=listing,
        guest=seeker,
        start_time=start,
        end_time=end,
        status=status,
        total_price=price.total,
        price_days=price.days,
        price_hours=price.hours,
        payment_status=payment_status,
        vehicle_plate="DEMO-123",
        checked_in_at=start if status in (BookingStatus.CHECKED_IN, BookingStatus.COMPLETED) else None,
        checked_out_at=end if status == BookingStatus.COMPLETED else None,
        cancelled_at=now if status == BookingStatus.CANCELLED else None,
    )


def _reviews(seeker, listings, today, rng) -> None:
    """Earlier completed stays of the demo seeker, each reviewed through the service (which keeps the figures).

    The story's own completed booking stays unreviewed: writing that review is left to whoever tries the demo.
    """
    now = timezone.now()
    for listing, (days_ago, hours, rating) in zip(listings, REVIEWED_STAYS, strict=False):
        start = today - timedelta(days=days_ago) + timedelta(hours=rng.choice([7, 9, 13]))
        booking = _booking(
            listing, seeker, status=BookingStatus.COMPLETED, start=start, hours=hours,
            payment_status=PaymentStatus.PAID, now=now,
        )  # fmt: skip
        review_create(author=seeker, booking=booking, rating=rating, comment=rng.choice(REVIEW_COMMENTS))


def _chats(seeker, host, listings) -> None:
    """The demo seeker asks the host about the first listings (the pending and the confirmed booking's)."""
    for listing, lines in zip(listings, CHATS, strict=False):
        conversation, _ = conversation_start(seeker=seeker, listing=listing)
        for n, line in enumerate(lines):
            message_send(conversation=conversation, sender=seeker if n % 2 == 0 else host, content=line)


def _photo(n: int, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A plain picture standing in for a spot's photo (real JPEG bytes: uploads are checked by content)."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="JPEG", quality=70)
    return SimpleUploadedFile(f"spot-{n}.jpg", buffer.getvalue(), content_type="image/jpeg")
