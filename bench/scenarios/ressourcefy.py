"""Ressourcefy scenarios: the feed (first page and a deep one), a busy resource's detail, and a comment vote.

The data comes from ressourcefy/demo/scale.py: 100,000 resources at N=1, 1% of them by the demo
author, 500,000 comments with 500,000 votes. The vote scenario alternates +1 and -1 on comments the
demo reader has not voted on (documented: repeating the same vote is a 422, changing it is allowed).
"""

from bench.scenarios import DEMO_PASSWORD, WRITE, Account, Call, Scenario, Setup, Skip

API = "/ressourcefy/api"
READER = Account(
    f"{API}/auth/login/",
    {"email": "reader@ressourcefy.demo", "password": DEMO_PASSWORD},
    token_at=("data", "access_token"),
)
VOTES_PER_CONNECTION = 100  # comments per connection, each voted +1 then -1
DEEP_PAGE = 50


def _busy_resource(setup: Setup) -> str:
    """The public resource with the most comments."""
    rows = setup.sql(
        "SELECT id, comment_count FROM ressourcefy_resource WHERE visibility = 'public' AND deleted_at IS NULL "
        "ORDER BY comment_count DESC, id LIMIT 1"
    )
    if not rows:
        raise Skip("no public resource seeded")
    setup.note(f"{rows[0][1]} comments")
    return f"{API}/resources/{rows[0][0]}/detail/"


def _deep_page(setup: Setup) -> str:
    """Page 50 of the feed, or its last page on smaller data (the smoke run)."""
    first = setup.get(f"{API}/feed/?page=1")["data"]
    last = -(-first["count"] // max(1, len(first["results"])))
    if last < 2:
        raise Skip("fewer than 2 pages of feed seeded")
    if last < DEEP_PAGE:
        setup.note(f"page {last} (the last)")
    return f"{API}/feed/?page={min(DEEP_PAGE, last)}"


def _votes(setup: Setup) -> list[list[Call]]:
    """Per connection, its own public comments the reader has not voted on, each voted +1 then -1.

    Every call changes the reader's vote (200); repeating the same vote would be a 422. Connections
    never share a comment, so no two calls race on one vote, and a connection that starts its list
    again (+1 after -1) still changes the vote. One more comment is voted by the probe alone (the
    scenario is not repeatable: the probe's call is not replayed), so the lists stay in step.
    """
    reader = setup.sql(
        "SELECT id FROM core_user WHERE realm = 'ressourcefy' AND email = %s", (READER.credentials["email"],)
    )
    if not reader:
        raise Skip("no demo reader seeded")
    rows = setup.sql(
        "SELECT c.id FROM ressourcefy_comment c JOIN ressourcefy_resource r ON r.id = c.resource_id "
        "WHERE r.visibility = 'public' AND r.deleted_at IS NULL AND c.deleted_at IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM ressourcefy_commentvote v WHERE v.comment_id = c.id AND v.user_id = %s) "
        "ORDER BY c.created_at DESC LIMIT %s",
        (reader[0][0], setup.connections * VOTES_PER_CONNECTION + 1),
    )
    probe, rows = rows[:1], rows[1:]
    per_connection = len(rows) // setup.connections
    if not per_connection:
        raise Skip("too few comments seeded for one per connection")
    token = setup.token(READER)
    setup.note(f"{setup.connections} connections, {per_connection} comments each")

    def vote(comment_id, value: int) -> Call:
        return Call("POST", f"{API}/comments/vote/", {"comment_id": str(comment_id), "vote_value": value}, token)

    sequences = [
        [
            vote(comment_id, value)
            for (comment_id,) in rows[n * per_connection : (n + 1) * per_connection]
            for value in (1, -1)
        ]
        for n in range(setup.connections)
    ]
    sequences[0].insert(0, vote(probe[0][0], 1))
    return sequences


SCENARIOS = [
    Scenario("ressourcefy feed", f"{API}/feed/?page=1", auth=READER, listing=True),
    Scenario("ressourcefy feed page 50", _deep_page, auth=READER, listing=True, compare_to="ressourcefy feed"),
    Scenario("ressourcefy resource detail (busy)", _busy_resource, auth=READER),
    Scenario("ressourcefy comment vote", kind=WRITE, per_connection=_votes, repeatable=False),
]
