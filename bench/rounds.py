"""Repeated rounds of the scenarios that have targets of their own, reported by their median round.

A shared machine's speed drifts within minutes (bench/RESULTS.md, sessions 4 and 5: the ceiling's
CPU per request moved from 0.5 to 1.0 ms in one session), more than the margins of the floor and
CPU targets. So a scenario with a raw-SQL floor or a CPU budget runs `rounds` times, alternating
with its floor (A, floor, A, floor, ...), and the report keeps the round whose figure is the median:
the ratio to the floor for a floor pair (both measured in that round, under the same conditions),
the CPU per request otherwise. The other rounds' figures are listed in the notes.
"""

from collections.abc import Sequence

from bench.scenarios import Scenario
from bench.targets import CPU_MS_MAX, Result


def rounds_for(scenario: Scenario, rounds: int) -> int:
    """How many rounds `scenario` (and its floor) runs: `rounds` when a target of its own needs it, else one.

    A call that cannot be sent twice (a ballot) is measured once: its data would run out.
    """
    if not scenario.repeatable or not (scenario.floor or scenario.name in CPU_MS_MAX):
        return 1
    return rounds


def _floor_ratio(group: Sequence[Result]) -> float | None:
    scenario, floor = group
    if scenario.measurement is None or floor.measurement is None or not floor.measurement.rps:
        return None
    if floor.measurement.errors:
        return None
    return scenario.measurement.rps / floor.measurement.rps


def median_round(rounds: Sequence[Sequence[Result]]) -> tuple[Sequence[Result], str]:
    """The median round of a scenario (one Result, or two with its floor), and a note listing every round.

    A pair is ranked by its ratio to the floor, a single scenario by its CPU per request (or its
    req/s where CPU was not measured). Rounds without the figure rank last; with an even count
    the lower middle round is kept.
    """
    if len(rounds) == 1:
        return rounds[0], ""
    paired = len(rounds[0]) == 2
    if paired:
        figures = [_floor_ratio(group) for group in rounds]
        label, fmt = "x floor", "{:.2f}"
    elif all(group[0].cpu_ms is not None for group in rounds):
        figures = [group[0].cpu_ms for group in rounds]
        label, fmt = "CPU ms/req", "{:.1f}"
    else:
        figures = [group[0].measurement.rps if group[0].measurement else None for group in rounds]
        label, fmt = "req/s", "{:.0f}"
    known = sorted((figure, index) for index, figure in enumerate(figures) if figure is not None)
    if not known:
        return rounds[0], f"{len(rounds)} rounds, none measured"
    _, chosen = known[(len(known) - 1) // 2]
    listed = ", ".join("—" if figure is None else fmt.format(figure) for figure in figures)
    return rounds[chosen], f"median of {len(rounds)} rounds by {label} ({listed}): round {chosen + 1}"
