"""A-List scenarios: the pro profile list (search + filters, a deep page), the busy conversation, booking.

The data comes from alistpros/demo/scale.py: thousands of pros named after their first trade, the
busy conversation between the demo client and the demo pro (1% of all messages), and no appointment
later than 90 days ahead, where the bookings of "appointment create" go.
"""

from datetime import UTC, datetime, timedelta

from bench.scenarios import DEMO_PASSWORD, WRITE, Account, Call, Scenario, Setup, Skip

API = "/alistpros/api"
PROFILES = f"{API}/alistpros/profiles/"
CLIENT = Account(f"{API}/users/token/", {"email": "client@alistpros.demo", "password": DEMO_PASSWORD})
SEARCH_TRADE = "Plumbing"
DEEP_PAGE = 100
# Bookings start after the seeded appointments (alistpros.demo.scale.DAYS_AHEAD is 90) and take
# one-hour slots, 8:00 to 18:00: 10 a day per pro, each connection with its own pro. The server runs in UTC.
FIRST_BOOKING_DAY = 120
HOURS = range(8, 18)
BOOKINGS_PER_CONNECTION = 400


def _category(setup: Setup, name: str) -> int:
    rows = setup.sql("SELECT id FROM alistpros_servicecategory WHERE name = %s", (name,))
    if not rows:
        raise Skip(f"no {name} category")
    return rows[0][0]


def _filtered(setup: Setup) -> str:
    """Pros matching the trade's name, offering it, with 5+ years, most experienced first."""
    query = (
        f"search={SEARCH_TRADE.lower()}&service_categories={_category(setup, SEARCH_TRADE)}"
        "&years_of_experience__gte=5&ordering=-years_of_experience"
    )
    setup.note(f"{setup.get(f'{PROFILES}?{query}')['count']} matches")
    return f"{PROFILES}?{query}"


def _deep_page(setup: Setup) -> str:
    """Page 100 of the whole list, or its last page on smaller data (the smoke run)."""
    first = setup.get(f"{PROFILES}?page=1")
    last = -(-first["count"] // max(1, len(first["results"])))
    if last < 2:
        raise Skip("fewer than 2 pages of profiles seeded")
    if last < DEEP_PAGE:
        setup.note(f"page {last} (the last)")
    return f"{PROFILES}?page={min(DEEP_PAGE, last)}"


def _busy_conversation(setup: Setup) -> str:
    """The demo client's conversation with the most messages."""
    query = """SELECT m.conversation_id, count(*) FROM alistpros_message m
               JOIN alistpros_conversation_participants p ON p.conversation_id = m.conversation_id
               JOIN core_user u ON u.id = p.user_id AND u.realm = 'alistpros' AND u.email = %s
               GROUP BY m.conversation_id ORDER BY count(*) DESC, m.conversation_id LIMIT 1"""
    rows = setup.sql(query, (CLIENT.credentials["email"],))
    if not rows:
        raise Skip("no conversation of the demo client seeded")
    setup.note(f"{rows[0][1]} messages")
    return f"{API}/messaging/conversations/{rows[0][0]}/messages/"


def _bookings(setup: Setup) -> list[list[Call]]:
    """Per connection, one pro (with a category they offer) and its free slots from FIRST_BOOKING_DAY on.

    Each call books a different slot, so every one succeeds (201); a connection that used up its
    slots would start again and get 409s, counted as errors.
    """
    query = """SELECT p.id, min(c.servicecategory_id) FROM alistpros_proprofile p
               JOIN alistpros_proprofile_service_categories c ON c.proprofile_id = p.id
               GROUP BY p.id ORDER BY p.id LIMIT %s"""
    pros = setup.sql(query, (setup.connections,))
    if not pros:
        raise Skip("no pro profile seeded")
    token, start = setup.token(CLIENT), datetime.now(UTC).date() + timedelta(days=FIRST_BOOKING_DAY)
    slots = [(start + timedelta(days=n // len(HOURS)), HOURS[n % len(HOURS)]) for n in range(BOOKINGS_PER_CONNECTION)]
    setup.note(f"{len(pros)} pros, {len(slots)} slots each")
    return [
        [
            Call(
                "POST",
                f"{API}/scheduling/appointments/",
                {
                    "contractor": pro,
                    "service_category": category,
                    "appointment_date": day.isoformat(),
                    "start_time": f"{hour:02d}:00",
                    "end_time": f"{hour + 1:02d}:00",
                },
                token,
            )
            for day, hour in slots
        ]
        for pro, category in pros
    ]


SCENARIOS = [
    Scenario("alistpros profile list", f"{PROFILES}?page=1", listing=True),
    Scenario("alistpros profile list search+filters", _filtered, listing=True),
    Scenario("alistpros profile list page 100", _deep_page, listing=True, compare_to="alistpros profile list"),
    Scenario("alistpros conversation messages (busy)", _busy_conversation, auth=CLIENT, listing=True),
    Scenario("alistpros appointment create", kind=WRITE, per_connection=_bookings, repeatable=False),
]
