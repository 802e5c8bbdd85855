"""The issues' targets, checked per scenario: share of the ceiling and of the raw-SQL floor, p99, page-500 growth,
queries per list request, CPU ms per request of the hot writes."""

from dataclasses import dataclass, field

from bench.load import Measurement
from bench.scenarios import CEILING, FLOOR, LOGIN, READ, Scenario, floor_name

READ_SHARE = 0.50  # of the ceiling's req/s
WRITE_SHARE = 0.25
READ_P99_MS = 100.0
PAGE_GROWTH = 1.5  # p50 of a deep page over page 1
LIST_QUERIES = 6
READ_FLOOR_SHARE = 0.50  # of the raw-SQL floor's req/s (issue #16)
# CPU ms per request (server processes plus PostgreSQL backends), issue #16: 2x the original TownSpark's.
CPU_MS_MAX = {
    "townspark upvote toggle": 6.0,
    "townspark comment create": 5.0,
    # A small signed-in list: the stack's fixed cost per request, at most 3 ms (issue #16).
    "townspark categories signed in": 3.0,
}


@dataclass
class Result:
    """What happened to one scenario: measured (with its numbers), skipped or failed, and why."""

    scenario: Scenario
    status: str = "measured"  # measured | skipped | failed
    reason: str = ""
    measurement: Measurement | None = None
    queries: float | None = None
    notes: list[str] = field(default_factory=list)
    cpu_ms: float | None = None  # per request: the server's processes and the database's backends
    database_cpu_ms: float | None = None  # per request: the database's backends' part of cpu_ms
    misses: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.scenario.name


def check(result: Result, *, ceiling_rps: float | None, by_name: dict[str, Result]) -> str:
    """`pass`, `exempt`, or `miss: ...` with each missed target; fills result.misses."""
    kind, numbers = result.scenario.kind, result.measurement
    if kind in (CEILING, FLOOR) or numbers is None:
        return ""
    if kind == LOGIN:
        return "exempt"
    misses = []
    if numbers.errors:
        misses.append(f"{numbers.errors} errors")
    share = numbers.rps / ceiling_rps if ceiling_rps else None
    floor = READ_SHARE if kind == READ else WRITE_SHARE
    if share is not None and share < floor:
        misses.append(f"{share:.2f} < {floor:.2f} of ceiling")
    floor_share = share_of_floor(result, by_name)
    if kind == READ and floor_share is not None and floor_share < READ_FLOOR_SHARE:
        misses.append(f"{floor_share:.2f} < {READ_FLOOR_SHARE:.2f} of floor")
    cpu_max = CPU_MS_MAX.get(result.name)
    if cpu_max is not None and result.cpu_ms is not None and result.cpu_ms > cpu_max:
        misses.append(f"CPU {result.cpu_ms:.1f} ms > {cpu_max:g}")
    if kind == READ and numbers.p99_ms >= READ_P99_MS:
        misses.append(f"p99 {numbers.p99_ms:.0f} ms >= {READ_P99_MS:.0f}")
    if result.scenario.listing and result.queries is not None and result.queries > LIST_QUERIES:
        misses.append(f"{result.queries:g} queries > {LIST_QUERIES}")
    base = by_name.get(result.scenario.compare_to or "")
    if base is not None and base.measurement is not None and base.measurement.p50_ms > 0:
        growth = numbers.p50_ms / base.measurement.p50_ms
        if growth > PAGE_GROWTH:
            misses.append(f"p50 {growth:.1f}x page 1")
    result.misses = misses
    return "miss: " + "; ".join(misses) if misses else "pass"


def share_of_floor(result: Result, by_name: dict[str, Result]) -> float | None:
    """req/s over its floor's req/s, when both were measured without errors."""
    floor = by_name.get(floor_name(result.name))
    if result.measurement is None or floor is None or floor.measurement is None or not floor.measurement.rps:
        return None
    if floor.measurement.errors:
        return None
    return result.measurement.rps / floor.measurement.rps
