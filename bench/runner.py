"""One bench run: services, database, server, then probe and load each scenario, check targets, write the report."""

import fnmatch
import os
import signal
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import cpu, database, http, load, report, rounds, scenarios
from bench.errors import HarnessError
from bench.scenarios import CEILING, Plan, Scenario, Setup, Skip
from bench.server import APPLICATION, TASK_QUEUE, WORKERS, Server, server_env
from bench.targets import Result, check

WORKDIR = database.ROOT / "bench" / ".work"
RESULTS = database.ROOT / "bench" / "RESULTS.md"


@dataclass(frozen=True)
class Options:
    smoke: bool = False
    scale: float = 1.0
    duration: int = 10
    connections: int = 32
    only: str | None = None
    keep_server: bool = False
    out: Path | None = None
    rounds: int = 1  # of each scenario with a floor or a CPU budget (bench/rounds.py)

    @property
    def output(self) -> Path:
        if self.out:
            return self.out
        if self.smoke:
            return WORKDIR / "RESULTS-smoke.md"
        return WORKDIR / "RESULTS-partial.md" if self.only else RESULTS


def selected(options: Options) -> list[Scenario]:
    """The ceiling always, then the scenarios whose name matches --only (a glob, or else a substring)."""
    chosen = scenarios.all_scenarios()
    if not options.only:
        return chosen
    pattern = options.only.lower()
    glob = any(char in pattern for char in "*?[")

    def matches(name: str) -> bool:
        return fnmatch.fnmatch(name.lower(), pattern) if glob else pattern in name.lower()

    return [scenario for scenario in chosen if scenario.kind == CEILING or matches(scenario.name)]


def groups(chosen: list[Scenario]) -> list[list[Scenario]]:
    """The selection as it is measured: each scenario alone, or followed by its floor's copy (same conditions)."""
    return [[scenario, scenario.floor_scenario()] if scenario.floor else [scenario] for scenario in chosen]


def _measured(scenario: Scenario, setup: Setup, options: Options, use_wrk: bool, meter, broken: list[str]) -> Result:
    try:
        result = measure(scenario, setup, options, use_wrk=use_wrk, meter=meter)
    except load.LoadError as exc:
        result = Result(scenario, status="failed", reason=str(exc))
        broken.append(f"{scenario.name}: {exc}")
    _print_row(result)
    return result


def _probe_calls(scenario: Scenario, plan: Plan) -> list:
    first = plan.sequences[0]
    # A short per-connection sequence (join, leave) is probed whole, so the data is left as it was.
    return list(first) if plan.per_connection and scenario.repeatable and len(first) <= 4 else first[:1]


def measure(
    scenario: Scenario, setup: Setup, options: Options, *, use_wrk: bool, meter: cpu.CpuMeter | None = None
) -> Result:
    """Plan, probe once (status and X-Query-Count), then drive the scenario with the load generator."""
    result = Result(scenario)
    setup.notes.clear()
    try:
        plan = scenario.plan(setup)
    except Skip as skip:
        result.status, result.reason = "skipped", str(skip)
        return result
    except Exception as exc:  # a resolver's look-up failed: this scenario fails, the run goes on
        result.status, result.reason = "failed", f"setup: {exc}"
        return result
    finally:
        result.notes = list(setup.notes)
    probed = _probe_calls(scenario, plan)
    counts = []
    for call in probed:
        response = http.send(setup.base_url, call.method, call.path, body=call.body, token=call.token)
        if response.status == 404:
            result.status, result.reason = "skipped", f"404 on {call.method} {call.path}: endpoint not available"
            return result
        if response.status >= 400:
            result.status = "failed"
            result.reason = f"probe: HTTP {response.status} on {call.method} {call.path}: {response.snippet(150)}"
            return result
        counts.append(response.headers.get(http.QUERY_COUNT.lower()))
    if None not in counts:
        result.queries = round(sum(int(count) for count in counts) / len(counts), 1)
    if not scenario.repeatable:
        plan.sequences[0] = plan.sequences[0][1:]
        plan.sequences = [sequence for sequence in plan.sequences if sequence]
        if not plan.sequences:
            result.status, result.reason = "skipped", "no data left after the probe"
            return result
    if plan.per_connection and len(plan.sequences) < options.connections:
        result.notes.append(f"{len(plan.sequences)} connections: not enough data for {options.connections}")
    run = load.run_wrk if use_wrk else load.run_python
    if meter is not None:
        meter.start()
    result.measurement = run(
        scenario.name, plan, setup.base_url, connections=options.connections, duration=options.duration, workdir=WORKDIR
    )
    if meter is not None and result.measurement.requests:
        result.cpu_ms = meter.stop() / result.measurement.requests
        result.database_cpu_ms = meter.database_ms / result.measurement.requests
    if result.measurement.requests == 0:
        result.notes.append(f"no request completed within {options.duration} s")
    return result


def _print_row(result: Result) -> None:
    numbers = result.measurement
    if numbers is None:
        print(f"  {result.name:<42} {result.status}: {result.reason}", flush=True)
    else:
        print(
            f"  {result.name:<42} {numbers.rps:8.0f} req/s  p50 {numbers.p50_ms:6.1f} ms  p99 {numbers.p99_ms:6.1f} ms"
            f"  errors {numbers.errors}  queries {result.queries if result.queries is not None else '?'}"
            f"  CPU {result.cpu_ms if result.cpu_ms is not None else float('nan'):.1f} ms/req"
            f" (database {result.database_cpu_ms if result.database_cpu_ms is not None else float('nan'):.1f})",
            flush=True,
        )


def run(options: Options) -> int:
    """0 when the harness worked (targets missed or not), 2 when it broke."""
    started, load_before = time.monotonic(), os.getloadavg()[0]
    WORKDIR.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so the server is stopped
    use_wrk = load.ensure_wrk(allow_fallback=options.smoke)
    database_url, redis_url = database.database_url(smoke=options.smoke), database.redis_url()
    database.ensure_service(database_url, 5432, "PostgreSQL", "BENCH_DATABASE_URL")
    database.ensure_service(redis_url, 6379, "Redis", "BENCH_REDIS_URL")
    env = server_env(database_url=database_url, redis_url=redis_url)
    seeded = database.prepare(database_url, scale=options.scale, env=env, log=WORKDIR / "seed.log")
    print(f"Database {database_url}: {seeded}", flush=True)
    server = Server(env, WORKDIR / "server.log")
    results: list[Result] = []
    broken: list[str] = []
    try:
        base_url = server.start()
        print(f"Server {base_url} (log: {server.log})", flush=True)
        setup = Setup(base_url, database_url, options.connections, options.smoke)
        meter = cpu.CpuMeter(server.process.pid, database_url) if cpu.PROC.is_dir() else None
        if not options.smoke:  # warm both workers before the ceiling is measured
            measure(
                scenarios.CEILING_SCENARIO, setup, Options(duration=3, connections=options.connections), use_wrk=use_wrk
            )
        for group in groups(selected(options)):
            count = rounds.rounds_for(group[0], options.rounds)
            measured = []
            for number in range(count):
                if count > 1:
                    print(f"  round {number + 1} of {count}:", flush=True)
                measured.append([_measured(scenario, setup, options, use_wrk, meter, broken) for scenario in group])
            kept, note = rounds.median_round(measured)
            if note:
                kept[0].notes.append(note)
            results.extend(kept)
    except HarnessError as exc:
        broken.append(str(exc))
    finally:
        if options.keep_server and server.process and server.process.poll() is None:
            print(f"Server left running at {server.base_url}: stop it with `kill -- -{server.process.pid}`")
        else:
            server.stop()
            try:
                database.drop_task_queue(redis_url, TASK_QUEUE)
            except HarnessError as exc:
                broken.append(str(exc))
    ceiling = results[0] if results else None
    if ceiling is None or ceiling.measurement is None:
        broken.append(f"the ceiling was not measured: {ceiling.reason if ceiling else 'no result'}")
    elif ceiling.measurement.errors:
        broken.append(f"the ceiling had {ceiling.measurement.errors} errors ({ceiling.measurement.error_detail})")
    ceiling_rps = ceiling.measurement.rps if ceiling and ceiling.measurement else None
    by_name = {result.name: result for result in results}
    for result in results:
        if result.measurement is not None and result.status == "measured":
            result.reason = check(result, ceiling_rps=ceiling_rps, by_name=by_name)
    facts = _facts(options, env, seeded, use_wrk, time.monotonic() - started)
    facts["Machine"] += f"; 1-minute load average {load_before:.1f} when the run started"
    report.write(options.output, report.document(results, ceiling_rps=ceiling_rps, facts=facts, smoke=options.smoke))
    print(f"\n{report.table(results, ceiling_rps)}\n\nWritten to {options.output} in {facts['Run time']}.")
    if broken:
        print("\nThe harness broke:\n  " + "\n  ".join(broken), file=sys.stderr)
        return 2
    return 0


def _facts(options: Options, env: dict, seeded: str, use_wrk: bool, seconds: float) -> dict:
    tool = "wrk" if use_wrk else "Python fallback (wrk unavailable)"
    database_url = env["DATABASE_URL"]
    try:
        services = database.versions(database_url, env["REDIS_URL"])
    except HarnessError:
        services = {}
    extra = ", ".join(f"{key}={value}" for key, value in scenarios.server_env().items())
    extra = "psycopg pool" + (f", {extra}" if extra else "")
    return {
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "Commit": report.commit(),
        "Machine": report.machine(),
        "Software": report.software(services, tool),
        "Server": f"gunicorn {APPLICATION} (config.asgi; the raw-SQL floor under /bench-floor/), {WORKERS} uvicorn "
        "workers, config.settings.production "
        f"(DEBUG off, QUERY_COUNT_HEADER on), {extra}; PostgreSQL and Redis on loopback",
        "Data": f"seed_demo --scale {options.scale:g} in database `{database_url.rsplit('/', 1)[-1]}`: {seeded}",
        "Load": f"{tool}, {options.connections} connections, {options.duration} s per scenario, 2 threads "
        "(one per connection for per-connection scenarios); the ceiling first, in the same run"
        + (
            f"; {options.rounds} rounds of each scenario with a floor or a CPU budget, alternating with its floor, "
            "the median round reported"
            if options.rounds > 1
            else ""
        )
        + (f"; only `{options.only}`" if options.only else ""),
        "Run time": f"{seconds:.0f} s",
    }
