"""Parking scenarios: listings near a city centre, search with availability and filters, a listing, booking create.

The data comes from parking/demo/scale.py: listings spread around eight US cities (Austin among them),
30% with an availability window from a year ago to 120-365 days ahead, and no booking later than 90 days
ahead, where the bookings of "booking create" go (on listings without windows, which take any time).
"""

from datetime import UTC, datetime, time, timedelta

from bench.scenarios import DEMO_PASSWORD, WRITE, Account, Call, Scenario, Setup, Skip

API = "/parking/api/v1"
SEEKER = Account(f"{API}/auth/login/", {"email": "seeker@parking.demo", "password": DEMO_PASSWORD}, ("data", "access"))
# Austin's centre in parking.demo.scale.CITIES; the small demo's listings lie there too.
NEARBY = f"{API}/listings/nearby/?lat=30.2672&lng=-97.7431&radius=5"
# A four-hour afternoon a month ahead: inside the seeded windows, among the seeded bookings.
SEARCH_DAY, SEARCH_HOURS = 30, (12, 16)
SEARCH_FILTERS = "spot_type=GARAGE,COVERED&max_price_per_hour=6.00"
# Bookings start after the seeded ones (parking.demo.scale.DAYS_AHEAD is 90) and take one-hour slots,
# 8:00 to 18:00 UTC: 10 a day per listing, each connection with its own listing.
FIRST_BOOKING_DAY = 120
HOURS = range(8, 18)
BOOKINGS_PER_CONNECTION = 400
BOOKABLE = """SELECT l.id FROM parking_listing l
              JOIN core_user h ON h.id = l.host_id AND h.email LIKE 'bulkhost%%'
              WHERE l.is_active AND l.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM parking_availabilitywindow w WHERE w.listing_id = l.id)
              ORDER BY l.id LIMIT %s"""


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _search(setup: Setup) -> str:
    """Garages and covered spots at most $6 an hour, free for the whole afternoon SEARCH_DAY days ahead."""
    day = datetime.now(UTC).date() + timedelta(days=SEARCH_DAY)
    start, end = (datetime.combine(day, time(hour), tzinfo=UTC) for hour in SEARCH_HOURS)
    path = f"{API}/listings/search/?available_from={_iso(start)}&available_to={_iso(end)}&{SEARCH_FILTERS}"
    setup.note(f"{setup.get(path)['data']['count']} matches")
    return path


def _listing(setup: Setup) -> str:
    """The visible listing with the most reviews."""
    rows = setup.sql(
        "SELECT id, review_count FROM parking_listing WHERE is_active AND deleted_at IS NULL "
        "ORDER BY review_count DESC, id LIMIT 1"
    )
    if not rows:
        raise Skip("no listing seeded")
    setup.note(f"{rows[0][1]} reviews")
    return f"{API}/listings/{rows[0][0]}/"


def _nearby(setup: Setup) -> str:
    setup.note(f"{setup.get(NEARBY)['data']['count']} within 5 km")
    return NEARBY


def _bookings(setup: Setup) -> list[list[Call]]:
    """Per connection, one bulk listing without windows and its free slots from FIRST_BOOKING_DAY on.

    Each call books a different slot, so every one succeeds (201); a connection that used up its
    slots would start again and get 409s, counted as errors.
    """
    listings = [row[0] for row in setup.sql(BOOKABLE, (setup.connections,))]
    if not listings:
        raise Skip("no bookable bulk listing seeded")
    token, first = setup.token(SEEKER), datetime.now(UTC).date() + timedelta(days=FIRST_BOOKING_DAY)
    starts = [
        datetime.combine(first + timedelta(days=n // len(HOURS)), time(HOURS[n % len(HOURS)]), tzinfo=UTC)
        for n in range(BOOKINGS_PER_CONNECTION)
    ]
    setup.note(f"{len(listings)} listings, {len(starts)} slots each")
    return [
        [
            Call(
                "POST",
                f"{API}/bookings/",
                {"listing": listing, "start_time": _iso(start), "end_time": _iso(start + timedelta(hours=1))},
                token,
            )
            for start in starts
        ]
        for listing in listings
    ]


SCENARIOS = [
    Scenario("parking nearby", _nearby, listing=True),
    Scenario("parking search with availability", _search, listing=True),
    Scenario("parking listing detail", _listing),
    Scenario("parking booking create", kind=WRITE, per_connection=_bookings, repeatable=False),
]
