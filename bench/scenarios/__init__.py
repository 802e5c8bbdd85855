"""The scenario model and registry: the ceiling first, then each product module's SCENARIOS (see bench/README.md)."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import import_module
from typing import Any

from bench import http
from bench.floor import PREFIX as FLOOR_PREFIX  # the floor's copy of a scenario sends its calls there

READ, WRITE, LOGIN, CEILING, FLOOR = "read", "write", "login", "ceiling", "floor"
# core.demo.DEMO_PASSWORD: every account seed_demo creates logs in with it.
DEMO_PASSWORD = "DemoPass123!"
# Product modules under bench/scenarios/, in report order; each defines SCENARIOS and may define SERVER_ENV.
PRODUCT_MODULES = ["townspark", "gatherhub", "alistpros", "parking", "ressourcefy"]


def floor_name(name: str) -> str:
    return f"{name} [floor]"


class Skip(Exception):  # noqa: N818 - reads as `raise Skip("no issues seeded")`
    """Raised by a resolver when the data or endpoint a scenario needs is not there (yet)."""


@dataclass(frozen=True)
class Account:
    """A demo login: the product's login endpoint, its credentials, and the keys leading to the access token."""

    login_path: str
    credentials: dict
    token_at: tuple[str, ...] = ("access",)


@dataclass(frozen=True)
class Call:
    """One HTTP request of a scenario; `body` is sent as JSON."""

    method: str
    path: str
    body: Any = None
    token: str | None = None


Resolver = Callable[["Setup"], Any]


@dataclass(frozen=True)
class Scenario:
    """What to drive and how to judge it.

    The simple case is `path` (a string, or a resolver taking the Setup) with `method`, `body` and `auth`.
    `calls` resolves a list of Calls that every wrk thread cycles through (toggles over many rows);
    `per_connection` resolves one list of Calls per connection (wrk runs one thread per connection),
    for strict alternation such as join then leave of the same event. `listing` marks list endpoints
    (at most 6 queries); `compare_to` names the scenario whose p50 this one may exceed by 1.5x at most.
    `repeatable=False` means a call cannot be sent twice (a ballot): the probe's call is not replayed.
    """

    name: str
    path: str | Resolver = ""
    method: str = "GET"
    kind: str = READ
    auth: Account | None = None
    body: Any = None
    listing: bool = False
    compare_to: str | None = None
    calls: Resolver | None = None
    per_connection: Resolver | None = None
    repeatable: bool = True
    # With a raw-SQL floor (bench/floor serves its path): the floor runs right after it and it reports the ratio.
    floor: bool = False
    path_prefix: str = ""  # put before every call's path (the floor's copy of a scenario)

    def floor_scenario(self) -> "Scenario":
        """The same requests, sent to the floor's handler of this endpoint."""
        return replace(self, name=floor_name(self.name), kind=FLOOR, floor=False, path_prefix=FLOOR_PREFIX)

    def plan(self, setup: "Setup") -> "Plan":
        plan = self._plan(setup)
        if self.path_prefix:
            plan.sequences = [
                [replace(call, path=self.path_prefix + call.path) for call in sequence] for sequence in plan.sequences
            ]
        return plan

    def _plan(self, setup: "Setup") -> "Plan":
        """Resolves ids, logs in, and returns the request sequences to drive; raises Skip when it cannot."""
        if self.per_connection is not None:
            sequences = [list(sequence) for sequence in self.per_connection(setup) if sequence]
            if not sequences:
                raise Skip("no data for any connection")
            return Plan(sequences[: setup.connections], per_connection=True)
        if self.calls is not None:
            calls = list(self.calls(setup))
            if not calls:
                raise Skip("no data")
            return Plan([calls])
        path = self.path(setup) if callable(self.path) else self.path
        if not path:
            raise Skip("no data")
        body = self.body(setup) if callable(self.body) else self.body
        token = setup.token(self.auth) if self.auth else None
        return Plan([[Call(self.method, path, body, token)]])


@dataclass
class Plan:
    """Resolved request sequences: one shared by all connections, or one per connection."""

    sequences: list[list[Call]]
    per_connection: bool = False
    note: str = ""


@dataclass
class Setup:
    """What resolvers get: the running server, logins (cached), JSON look-ups and SQL on the bench database."""

    base_url: str
    database_url: str
    connections: int
    smoke: bool
    notes: list[str] = field(default_factory=list)
    _logins: dict = field(default_factory=dict)

    def note(self, text: str) -> None:
        """A remark for the report row of the scenario being planned (e.g. `212 participants`)."""
        self.notes.append(text)

    def login(self, account: Account) -> dict:
        """The login answer of an account (logged in once per run); Skip when the login fails."""
        key = (account.login_path, tuple(sorted(account.credentials.items())))
        if key not in self._logins:
            response = http.send(self.base_url, "POST", account.login_path, body=account.credentials)
            if response.status == 404:
                raise Skip(f"404 on probe: login endpoint {account.login_path} not available")
            if response.status != 200:
                who = account.credentials.get("email") or account.credentials.get("username")
                raise Skip(f"login of {who} failed: HTTP {response.status} {response.snippet(120)}")
            self._logins[key] = response.json()
        return self._logins[key]

    def token(self, account: Account) -> str:
        value = self.login(account)
        for key in account.token_at:
            value = value[key]
        return value

    def get(self, path: str, account: Account | None = None) -> Any:
        """GET a JSON document; Skip on a 404 (not there yet), an error on anything else but 200."""
        token = self.token(account) if account else None
        response = http.send(self.base_url, "GET", path, token=token)
        if response.status == 404:
            raise Skip(f"404 on GET {path}: endpoint not available")
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} on GET {path}: {response.snippet(150)}")
        return response.json()

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """Rows of a read-only query on the bench database (for ids the API cannot rank, e.g. the busiest event)."""
        import psycopg

        with psycopg.connect(self.database_url, connect_timeout=5, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()


CEILING_SCENARIO = Scenario("ceiling: /health/live/", "/health/live/", kind=CEILING)


@functools.cache
def product_modules() -> list:
    return [import_module(f"bench.scenarios.{name}") for name in PRODUCT_MODULES]


def all_scenarios() -> list[Scenario]:
    """The ceiling, then every product's scenarios: reads, then writes, then logins (writes change the data)."""
    scenarios = [scenario for module in product_modules() for scenario in module.SCENARIOS]
    order = {READ: 0, WRITE: 1, LOGIN: 2}
    return [CEILING_SCENARIO, *sorted(scenarios, key=lambda scenario: order[scenario.kind])]


def server_env() -> dict[str, str]:
    """Environment the product modules need on the server (e.g. rate limits off), merged."""
    env: dict[str, str] = {}
    for module in product_modules():
        env.update(getattr(module, "SERVER_ENV", {}))
    return env
