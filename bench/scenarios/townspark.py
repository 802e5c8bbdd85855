"""TownSpark scenarios: the feed (pages 1 and 500, filters, nearby), detail, comments, notifications, writes, login."""

from bench.scenarios import DEMO_PASSWORD, LOGIN, WRITE, Account, Call, Scenario, Setup, Skip

API = "/townspark/api/v1"
CITIZEN = Account(
    f"{API}/auth/login/", {"email": "citizen@townspark.demo", "password": DEMO_PASSWORD}, ("data", "tokens", "access")
)
FEED = f"{API}/issues/"


def _page(setup: Setup, query: str = "") -> dict:
    return setup.get(f"{FEED}?{query}")["data"]


def _issues(setup: Setup, query: str = "page_size=100") -> list[dict]:
    issues = _page(setup, query)["results"]
    if not issues:
        raise Skip("no issues seeded")
    return issues


def _deep_page(setup: Setup) -> str:
    """Page 500 of the feed, or its last page on smaller data (the smoke run)."""
    last = _page(setup)["total_pages"]
    if last < 2:
        raise Skip("fewer than 2 feed pages seeded")
    if last < 500:
        setup.note(f"page {last} (the last)")
    return f"{FEED}?page={min(500, last)}"


def _filtered(setup: Setup) -> str:
    """Open issues of the first category matching a word of its newest title (so the search finds some)."""
    category = setup.get(f"{API}/categories/")["data"][0]["id"]
    words = [word for word in _issues(setup, f"category={category}&page_size=1")[0]["title"].split() if len(word) > 3]
    term = words[0] if words else "road"
    query = f"status=reported,acknowledged,in-progress&category={category}&search={term}&sort=most_upvotes"
    setup.note(f"{_page(setup, query)['count']} matches")
    return f"{FEED}?{query}"


def _nearby(setup: Setup) -> str:
    """Centred on the seeded issues (the feed shows no coordinates, so ask the database)."""
    lat, lng = setup.sql("SELECT avg(latitude), avg(longitude) FROM townspark_issue WHERE latitude IS NOT NULL")[0]
    if lat is None:
        raise Skip("no issue with coordinates seeded")
    path = f"{FEED}?lat={lat:.5f}&lng={lng:.5f}&radius=5"
    setup.note(f"{setup.get(path)['data']['count']} issues within 5 km")
    return path


def _issue(setup: Setup) -> str:
    return f"{FEED}{_issues(setup, 'page_size=1&sort=most_upvotes')[0]['id']}/"


def _busy_comments(setup: Setup) -> str:
    issue = _issues(setup, "page_size=1&sort=most_comments")[0]
    if not issue.get("comments"):
        raise Skip("no commented issue seeded")
    setup.note(f"{issue['comments']} comments")
    return f"{FEED}{issue['id']}/comments/"


def _upvotes(setup: Setup) -> list[Call]:
    """Toggles spread over up to 100 issues, so concurrent toggles rarely meet on one row."""
    token = setup.token(CITIZEN)
    return [Call("POST", f"{FEED}{issue['id']}/upvote/", token=token) for issue in _issues(setup)]


def _comments(setup: Setup) -> list[Call]:
    """New top-level comments spread over up to 100 issues, as the upvotes are."""
    token = setup.token(CITIZEN)
    body = {"content": "Seen it this morning too: the hole is deeper after the rain."}
    return [Call("POST", f"{FEED}{issue['id']}/comments/", body=body, token=token) for issue in _issues(setup)]


def _new_issue(setup: Setup) -> dict:
    category = setup.get(f"{API}/categories/")["data"][0]["id"]
    return {
        "title": "Benchmark pothole on Main Street",
        "description": "A deep pothole next to the bus stop, reported by the benchmark.",
        "category": category,
        "urgency": "normal",
        "address": "12 Main Street",
        "area": "Ward A",
        "latitude": 27.7172,
        "longitude": 85.324,
    }


SCENARIOS = [
    Scenario("townspark feed p1 anon", f"{FEED}?page=1", listing=True, floor=True),
    Scenario("townspark feed p1 auth", f"{FEED}?page=1", auth=CITIZEN, listing=True, floor=True),
    Scenario("townspark feed p500 anon", _deep_page, listing=True, compare_to="townspark feed p1 anon"),
    Scenario("townspark feed p500 auth", _deep_page, auth=CITIZEN, listing=True, compare_to="townspark feed p1 auth"),
    Scenario("townspark feed filters+search", _filtered, listing=True),
    Scenario("townspark nearby", _nearby, listing=True),
    Scenario("townspark issue detail", _issue, floor=True),
    Scenario("townspark comments of a busy issue", _busy_comments, listing=True),
    Scenario("townspark notifications", f"{API}/notifications/", auth=CITIZEN, listing=True),
    # The per-request fixed cost (token, account, product, permissions, envelope, rendering): a signed-in
    # request for a small list whose own work is one indexed query of ten rows.
    Scenario("townspark categories signed in", f"{API}/categories/", auth=CITIZEN, listing=True),
    Scenario("townspark upvote toggle", kind=WRITE, calls=_upvotes, floor=True),
    Scenario("townspark comment create", kind=WRITE, calls=_comments),
    Scenario("townspark issue create", FEED, "POST", WRITE, auth=CITIZEN, body=_new_issue),
    Scenario("townspark login", CITIZEN.login_path, "POST", LOGIN, body=CITIZEN.credentials),
]
