"""GatherHub scenarios: events, the busiest event, tasks, votes and results; join/leave and cast-vote writes.

The data comes from gatherhub/demo.py at scale: the busiest event (the town hall, 200 participants),
a year-long assembly with half of all votes that no demo account has voted in, and thousands of
events with free places. Writes are spread over the eight demo accounts.
"""

from itertools import chain, zip_longest

from bench.scenarios import DEMO_PASSWORD, WRITE, Account, Call, Scenario, Setup, Skip

API = "/gatherhub/api/v1"


def _account(username: str) -> Account:
    return Account(f"{API}/auth/login/", {"username": username, "password": DEMO_PASSWORD})


ALICE = _account("alice_demo")
# The demo accounts of gatherhub/demo.py at scale (PEOPLE and MORE_PEOPLE): connections take them in turn.
WRITERS = [ALICE, *(_account(f"{name}_demo") for name in ("bob", "carol", "dave", "erin", "frank", "grace", "heidi"))]
# Ballots per connection at most: ample for 10 s (a connection casts a few hundred at the most), and the
# generated wrk script stays small (every thread parses all of it).
BALLOTS_PER_CONNECTION = 400
# The documented limits (100/min anonymous, 1000/min per account) would answer 429 after the first second.
SERVER_ENV = {"GATHERHUB_RATE_LIMIT_ANON": "off", "GATHERHUB_RATE_LIMIT_USER": "off"}


def _first(setup: Setup, query: str, what: str, params: tuple = ()) -> int:
    rows = setup.sql(query, params)
    if not rows:
        raise Skip(f"no {what} seeded")
    return rows[0][0]


def _busiest_event(setup: Setup) -> str:
    query = "SELECT id, current_participants FROM gatherhub_event ORDER BY current_participants DESC, id LIMIT 1"
    rows = setup.sql(query)
    if not rows:
        raise Skip("no event seeded")
    setup.note(f"{rows[0][1]} participants")
    return f"{API}/events/{rows[0][0]}/"


def _busiest_vote(setup: Setup) -> int:
    query = """SELECT v.id FROM gatherhub_vote v LEFT JOIN gatherhub_ballot b ON b.vote_id = v.id
               GROUP BY v.id ORDER BY count(b.id) DESC, v.id LIMIT 1"""
    return _first(setup, query, "vote")


def _user_id(setup: Setup, account: Account) -> int:
    return setup.login(account)["user"]["id"]


def _interleaved(lists: list[list]) -> list:
    """The first item of every list, then the second of every list, and so on: writers take turns."""
    return [item for item in chain.from_iterable(zip_longest(*lists)) if item is not None]


def _join_leave(setup: Setup) -> list[list[Call]]:
    """Per connection, one writer joins then leaves one event of its own: never two connections on one row."""
    query = """SELECT e.id FROM gatherhub_event e
               WHERE e.creator_id <> %s AND e.current_participants < e.max_participants
               AND NOT EXISTS (SELECT 1 FROM gatherhub_participation p WHERE p.event_id = e.id AND p.user_id = %s)
               ORDER BY e.id LIMIT %s"""
    candidates = []
    for account in WRITERS:
        user, token = _user_id(setup, account), setup.token(account)
        candidates.append([(event, token) for (event,) in setup.sql(query, (user, user, setup.connections * 2))])
    sequences, taken = [], set()
    for event, token in _interleaved(candidates):
        if event not in taken and len(sequences) < setup.connections:
            taken.add(event)
            sequences.append(
                [
                    Call("POST", f"{API}/events/{event}/join/", token=token),
                    Call("POST", f"{API}/events/{event}/leave/", token=token),
                ]
            )
    return sequences


def _ballots(setup: Setup) -> list[list[Call]]:
    """Fresh ballots (open votes of the writers' events they have not voted in), dealt over the connections.

    A ballot can be cast once: when a connection has cast all of its ballots, it starts again and
    gets 400s, counted as errors. The scale seed leaves every demo account each open vote of the
    assembly (2,500 at scale 1), far more than rate x duration.
    """
    query = """SELECT v.id, min(o.id) FROM gatherhub_vote v
               JOIN gatherhub_participation p ON p.event_id = v.event_id AND p.user_id = %s
               JOIN gatherhub_voteoption o ON o.vote_id = v.id
               WHERE v.ends_at > now() + interval '1 hour'
               AND NOT EXISTS (SELECT 1 FROM gatherhub_ballot b WHERE b.vote_id = v.id AND b.user_id = %s)
               GROUP BY v.id ORDER BY v.id LIMIT 100000"""
    per_writer = []
    for account in WRITERS:
        user, token = _user_id(setup, account), setup.token(account)
        per_writer.append(
            [
                Call("POST", f"{API}/voting/{vote}/vote/", {"options": [option]}, token)
                for vote, option in setup.sql(query, (user, user))
            ]
        )
    fresh = sum(len(calls) for calls in per_writer)
    calls = _interleaved(per_writer)[: setup.connections * BALLOTS_PER_CONNECTION]
    setup.note(f"{len(calls)} of {fresh} fresh ballots")
    return [calls[index :: setup.connections] for index in range(setup.connections)]


SCENARIOS = [
    Scenario("gatherhub events list", f"{API}/events/", auth=ALICE, listing=True),
    Scenario("gatherhub event detail (busiest)", _busiest_event, auth=ALICE, floor=True),
    Scenario("gatherhub tasks list", f"{API}/tasks/", auth=ALICE, listing=True),
    Scenario("gatherhub vote detail", lambda setup: f"{API}/voting/{_busiest_vote(setup)}/", auth=ALICE),
    Scenario("gatherhub vote results", lambda setup: f"{API}/voting/{_busiest_vote(setup)}/results/", auth=ALICE),
    Scenario("gatherhub join/leave pair", kind=WRITE, per_connection=_join_leave),
    Scenario("gatherhub cast vote", kind=WRITE, per_connection=_ballots, repeatable=False),
]
