"""The bench's CPU accounting (/proc/<pid>/stat) and how the floor's ratio and CPU ms reach the targets and report."""

import os
import time
from pathlib import Path

import pytest

from bench import cpu, report
from bench.load import Measurement
from bench.scenarios import READ, WRITE, Scenario, floor_name
from bench.targets import Result, check

# proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
STAT = "4242 (uvicorn: (worker) 1) S 4200 4200 4200 0 -1 4194560 100 0 0 0 {utime} {stime} 0 0 20 0 3 0 99 1 2\n"


def _fake_proc(tmp_path: Path, processes: dict[int, tuple[int, int, int]]) -> Path:
    """A /proc holding `pid: (pgrp, utime, stime)`, plus a non-process entry as the real one has."""
    for pid, (pgrp, utime, stime) in processes.items():
        (tmp_path / str(pid)).mkdir()
        line = f"{pid} (gunicorn) S 1 {pgrp} {pgrp} 0 -1 0 0 0 0 0 {utime} {stime} 0 0 20 0 1 0 5 1 2\n"
        (tmp_path / str(pid) / "stat").write_text(line)
    (tmp_path / "self").mkdir()
    return tmp_path


def test_parse_stat_reads_past_a_command_name_with_spaces_and_parentheses():
    stat = cpu.parse_stat(STAT.format(utime=120, stime=30))
    assert (stat.pid, stat.ppid, stat.pgrp, stat.ticks) == (4242, 4200, 4200, 150)


def test_process_group_finds_the_master_and_its_workers_only(tmp_path):
    proc = _fake_proc(tmp_path, {10: (10, 1, 1), 11: (10, 50, 5), 12: (10, 60, 6), 20: (20, 999, 9)})
    assert sorted(cpu.process_group(10, proc)) == [10, 11, 12]
    assert cpu.snapshot([11, 12, 99], proc) == {11: 55, 12: 66}  # a pid that is gone is left out


def test_ticks_spent_counts_deltas_and_processes_born_in_between():
    before = {1: 100, 2: 40, 3: 7}
    after = {1: 130, 2: 40, 4: 12}  # 3 ended (its ticks are lost), 4 was born during the load
    assert cpu.ticks_spent(before, after) == 30 + 0 + 12
    assert cpu.milliseconds(cpu.TICKS_PER_SECOND) == 1000


def test_the_meter_sees_cpu_spent_by_a_process_of_the_group(tmp_path, monkeypatch):
    if not cpu.PROC.is_dir():
        pytest.skip("no /proc on this system")
    monkeypatch.setattr(cpu, "database_backends", lambda url: [])
    meter = cpu.CpuMeter(os.getpgrp(), "postgres://unused/db")
    meter.start()
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:  # burn 200 ms of CPU in this process (of its own group)
        pass
    assert 150 <= meter.stop() <= 2000
    assert meter.database_ms == 0


def test_the_meter_splits_out_the_database_backends(monkeypatch):
    if not cpu.PROC.is_dir():
        pytest.skip("no /proc on this system")
    monkeypatch.setattr(cpu, "process_group", lambda pgrp, proc=cpu.PROC: [])
    monkeypatch.setattr(cpu, "database_backends", lambda url: [os.getpid()])  # this process plays the backend
    meter = cpu.CpuMeter(os.getpgrp(), "postgres://unused/db")
    meter.start()
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    total = meter.stop()
    assert 150 <= total <= 2000 and meter.database_ms == total


def _result(name: str, kind: str, rps: float, cpu_ms: float | None = None) -> Result:
    measurement = Measurement(
        requests=int(rps * 10), seconds=10, p50_ms=5, p99_ms=20, errors=0, error_detail="", tool="wrk"
    )
    return Result(Scenario(name, "/x/", kind=kind, floor=True), measurement=measurement, cpu_ms=cpu_ms)


def test_reads_are_held_to_half_their_floor_and_writes_to_their_cpu_budget():
    read, read_floor = _result("feed", READ, 400, 4.0), _result(floor_name("feed"), "floor", 1000, 1.0)
    write = _result("townspark upvote toggle", WRITE, 900, 6.5)
    by_name = {result.name: result for result in (read, read_floor, write)}
    assert check(read, ceiling_rps=500, by_name=by_name) == "miss: 0.40 < 0.50 of floor"
    assert check(read_floor, ceiling_rps=500, by_name=by_name) == ""  # a floor has no target of its own
    assert check(write, ceiling_rps=500, by_name=by_name) == "miss: CPU 6.5 ms > 6"
    read.measurement = _result("feed", READ, 500).measurement
    assert check(read, ceiling_rps=500, by_name=by_name) == "pass"

    table = report.table([read, read_floor, write], 500)
    header, _, feed_row, floor_row, write_row = table.splitlines()
    assert "| x floor | CPU ms/req |" in header
    assert feed_row.startswith("| feed | read | 500 | 1.00 | 0.50 | 4.0 |")
    assert floor_row.startswith("| feed [floor] | floor | 1000 | 2.00 | — | 1.0 |")
    assert write_row.startswith("| townspark upvote toggle | write | 900 | 1.80 | — | 6.5 |")
