"""Demo data for Parking in a Pinch: host, seeker, both and admin logins, listings around Austin, TX with a photo
each and availability for the next weeks, and the demo seeker's bookings in every state. Idempotent. Reviews and
chats join as those areas land."""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from parking.models import Booking, BookingStatus, Feature, Listing, ParkingProfile, PaymentStatus, SpotType
from parking.services.bookings import booking_price
from parking.services.listings import listing_availability_replace, listing_create, listing_photos_add

CITY, CENTRE = "Austin", (30.2672, -97.7431)
LISTING_COUNT = 24
STREETS = ["Congress Ave", "Lamar Blvd", "Guadalupe St", "Cesar Chavez St", "Red River St", "Rainey St", "6th St"]
KINDS = {
    SpotType.GARAGE: "Secure garage spot",
    SpotType.DRIVEWAY: "Private driveway",
    SpotType.LOT: "Lot space",
    SpotType.STREET: "Reserved street spot",
    SpotType.COVERED: "Covered parking",
}
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
    if Listing.objects.filter(host=host).exists():
        return  # seeded before
    rng = random.Random("parking-demo")  # noqa: S311 - demo data, not security
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    listings = []
    for n in range(LISTING_COUNT):
        spot_type = rng.choice(list(KINDS))
        street = rng.choice(STREETS)
        hourly = rng.choice([300, 400, 500, 650, 800])
        listing = listing_create(
            host=host,
            title=f"{KINDS[spot_type]} on {street}",
            description=f"{KINDS[spot_type]} a short walk from downtown {CITY}.",
            address=f"{rng.randint(100, 2999)} {street}",
            city=CITY,
            latitude=round(CENTRE[0] + rng.uniform(-0.05, 0.05), 6),
            longitude=round(CENTRE[1] + rng.uniform(-0.05, 0.05), 6),
            price_per_hour=hourly,
            price_per_day=hourly * rng.choice([6, 8, 10]),
            spot_type=spot_type,
            features=rng.sample([feature.value for feature in Feature], k=rng.randint(0, 3)),
        )
        listing_photos_add(listing=listing, files=[_photo(n, COLOURS[n % len(COLOURS)])])
        window = (today - timedelta(days=30), today + timedelta(days=60))
        listing_availability_replace(listing=listing, windows=[window])
        listings.append(listing)
    _bookings(seeker, listings, today)


def _bookings(seeker, listings, today) -> None:
    """One booking of the demo seeker in each state, on different listings, priced as the service prices them."""
    now = timezone.now()
    hour = timedelta(hours=1)
    plan = [
        (BookingStatus.PENDING, today + timedelta(days=3, hours=9), 3, PaymentStatus.UNPAID),
        (BookingStatus.CONFIRMED, today + timedelta(days=5, hours=8), 10, PaymentStatus.PAID),
        (BookingStatus.CHECKED_IN, now - 2 * hour, 4, PaymentStatus.PAID),
        (BookingStatus.COMPLETED, today - timedelta(days=7, hours=-10), 2, PaymentStatus.PAID),
        (BookingStatus.CANCELLED, today + timedelta(days=9, hours=12), 26, PaymentStatus.UNPAID),
        (BookingStatus.DECLINED, today + timedelta(days=2, hours=18), 5, PaymentStatus.UNPAID),
        (BookingStatus.EXPIRED, today - timedelta(days=1, hours=-7), 1, PaymentStatus.UNPAID),
    ]
    for listing, (status, start, hours, payment_status) in zip(listings, plan, strict=False):
        end = start + hours * hour
        price = booking_price(
            price_per_hour=listing.price_per_hour, price_per_day=listing.price_per_day, start_time=start, end_time=end
        )
        Booking.objects.create(
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


def _photo(n: int, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A plain picture standing in for a spot's photo (real JPEG bytes: uploads are checked by content)."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="JPEG", quality=70)
    return SimpleUploadedFile(f"spot-{n}.jpg", buffer.getvalue(), content_type="image/jpeg")
