"""Ressourcefy scenarios: the feed (first page and a deep one), a busy resource's detail, and a comment vote.

The data comes from ressourcefy/demo/scale.py: 100,000 resources at N=1, 1% of them by the demo
author, 500,000 comments with 500,000 votes. The vote scenario alternates +1 and -1 on comments of the
demo reader (documented: repeating the same vote is a 422, changing it is allowed).
"""

from bench.scenarios import DEMO_PASSWORD, WRITE, Account, Call, Scenario, Setup, Skip

API = "/ressourcefy/api"
READER = Account(
    f"{API}/auth/login/",
    {"email": "reader@ressourcefy.demo", "password": DEMO_PASSWORD},
    token_at=("data", "access_token"),
)
VOTE_COMMENTS = 200


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


def _votes(setup: Setup) -> list[Call]:
    """+1 then -1 on each of a few hundred public comments: every call changes the reader's vote."""
    rows = setup.sql(
        "SELECT c.id FROM ressourcefy_comment c JOIN ressourcefy_resource r ON r.id = c.resource_id "
        "WHERE r.visibility = 'public' AND c.deleted_at IS NULL ORDER BY c.created_at DESC LIMIT %s",
        (VOTE_COMMENTS,),
    )
    if not rows:
        raise Skip("no comment seeded")
    token = setup.token(READER)
    return [
        Call("POST", f"{API}/comments/vote/", {"comment_id": str(comment_id), "vote_value": value}, token)
        for (comment_id,) in rows
        for value in (1, -1)
    ]


SCENARIOS = [
    Scenario("ressourcefy feed", f"{API}/feed/?page=1", auth=READER, listing=True),
    Scenario(
        "ressourcefy feed page 50", f"{API}/feed/?page=50", auth=READER, listing=True, compare_to="ressourcefy feed"
    ),
    Scenario("ressourcefy resource detail (busy)", _busy_resource, auth=READER),
    Scenario("ressourcefy comment vote", kind=WRITE, calls=_votes),
]
