"""The issue's targets, checked per scenario: share of the ceiling, p99, page-500 growth, queries per list request."""

from dataclasses import dataclass, field

from bench.load import Measurement
from bench.scenarios import CEILING, LOGIN, READ, Scenario

READ_SHARE = 0.50  # of the ceiling's req/s
WRITE_SHARE = 0.25
READ_P99_MS = 100.0
PAGE_GROWTH = 1.5  # p50 of a deep page over page 1
LIST_QUERIES = 6


@dataclass
class Result:
    """What happened to one scenario: measured (with its numbers), skipped or failed, and why."""

    scenario: Scenario
    status: str = "measured"  # measured | skipped | failed
    reason: str = ""
    measurement: Measurement | None = None
    queries: float | None = None
    notes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.scenario.name


def check(result: Result, *, ceiling_rps: float | None, by_name: dict[str, Result]) -> str:
    """`pass`, `exempt`, or `miss: ...` with each missed target; fills result.misses."""
    kind, numbers = result.scenario.kind, result.measurement
    if kind == CEILING or numbers is None:
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
