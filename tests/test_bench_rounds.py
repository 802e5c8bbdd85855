"""The bench's rounds: which scenarios repeat, how the median round is chosen, how floors stay paired."""

import pytest

from bench import cli, rounds
from bench.load import Measurement
from bench.runner import groups
from bench.scenarios import READ, WRITE, Scenario
from bench.targets import Result


def _result(scenario: Scenario, rps: float | None, cpu_ms: float | None = None, errors: int = 0) -> Result:
    measurement = None
    if rps is not None:
        measurement = Measurement(
            requests=int(rps * 10), seconds=10, p50_ms=5, p99_ms=20, errors=errors, error_detail="", tool="wrk"
        )
    return Result(scenario, measurement=measurement, cpu_ms=cpu_ms)


FEED = Scenario("feed", "/feed/", kind=READ, floor=True)
FEED_FLOOR = FEED.floor_scenario()
COMMENT = Scenario("townspark comment create", "/comments/", method="POST", kind=WRITE)
LIST = Scenario("tasks list", "/tasks/", kind=READ)
BALLOT = Scenario("cast vote", "/ballots/", method="POST", kind=WRITE, floor=True, repeatable=False)


def test_only_scenarios_with_a_floor_or_a_cpu_budget_repeat_and_never_a_one_shot_call():
    assert rounds.rounds_for(FEED, 3) == 3
    assert rounds.rounds_for(COMMENT, 3) == 3  # its CPU budget (bench/targets.py)
    assert rounds.rounds_for(LIST, 3) == 1
    assert rounds.rounds_for(BALLOT, 3) == 1


def test_a_floor_is_measured_with_its_scenario_in_every_round():
    assert groups([FEED, LIST]) == [[FEED, FEED_FLOOR], [LIST]]


def test_a_pair_keeps_the_round_of_the_median_ratio_with_both_of_its_measurements():
    measured = [
        [_result(FEED, 600), _result(FEED_FLOOR, 1000)],  # 0.60
        [_result(FEED, 500), _result(FEED_FLOOR, 1250)],  # 0.40
        [_result(FEED, 800), _result(FEED_FLOOR, 1600)],  # 0.50
    ]
    kept, note = rounds.median_round(measured)
    assert kept is measured[2]
    assert note == "median of 3 rounds by x floor (0.60, 0.40, 0.50): round 3"


def test_a_round_without_its_figure_ranks_last_and_an_even_count_keeps_the_lower_middle():
    measured = [
        [_result(FEED, 600), _result(FEED_FLOOR, 1000, errors=3)],  # a floor with errors gives no ratio
        [_result(FEED, 450), _result(FEED_FLOOR, 1000)],
        [_result(FEED, 550), _result(FEED_FLOOR, 1000)],
    ]
    kept, note = rounds.median_round(measured)
    assert kept is measured[1]
    assert note.startswith("median of 3 rounds by x floor (—, 0.45, 0.55)")
    cpu = [[_result(COMMENT, 300, cpu_ms=ms)] for ms in (5.5, 4.1, 4.9, 6.0)]
    kept, note = rounds.median_round(cpu)
    assert kept is cpu[2]  # 4.1, 4.9 | 5.5, 6.0: the lower middle
    assert note == "median of 4 rounds by CPU ms/req (5.5, 4.1, 4.9, 6.0): round 3"


def test_one_round_is_kept_as_it_is():
    measured = [[_result(LIST, 300)]]
    assert rounds.median_round(measured) == (measured[0], "")


def test_full_runs_take_three_rounds_smoke_runs_one():
    assert cli.parse([]).rounds == 3
    assert cli.parse(["--smoke"]).rounds == 1
    assert cli.parse(["--rounds", "5"]).rounds == 5
    with pytest.raises(SystemExit):
        cli.parse(["--rounds", "0"])
