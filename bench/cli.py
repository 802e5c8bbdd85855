"""Command line of `python -m bench`: full run (bench/RESULTS.md) or --smoke (tiny data, 2 s per scenario)."""

import argparse
from pathlib import Path

from bench.errors import HarnessError
from bench.runner import Options, run

FULL = {"scale": 1.0, "duration": 10, "rounds": 3}
SMOKE = {"scale": 0.01, "duration": 2, "rounds": 1}


def parse(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny data, 2 s per scenario, own database (CI)")
    parser.add_argument("--scale", type=float, help="seed_demo --scale N (default 1; smoke 0.01)")
    parser.add_argument("--duration", type=int, help="seconds of load per scenario (default 10; smoke 2)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument(
        "--rounds",
        type=int,
        help="rounds of each scenario with a floor or a CPU budget, median reported (default 3; smoke 1)",
    )
    parser.add_argument("--only", metavar="PATTERN", help="scenarios whose name matches (glob or substring)")
    parser.add_argument("--keep-server", action="store_true", help="leave the server running afterwards")
    parser.add_argument("--out", type=Path, help="report file (default bench/RESULTS.md; smoke bench/.work/)")
    args = parser.parse_args(argv)
    defaults = SMOKE if args.smoke else FULL
    if args.connections < 1 or any(value is not None and value < 1 for value in (args.duration, args.rounds)):
        parser.error("--connections, --duration and --rounds must be at least 1")
    return Options(
        smoke=args.smoke,
        scale=defaults["scale"] if args.scale is None else args.scale,
        duration=args.duration or defaults["duration"],
        connections=args.connections,
        only=args.only,
        keep_server=args.keep_server,
        out=args.out,
        rounds=args.rounds or defaults["rounds"],
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    try:
        return run(options)
    except HarnessError as exc:
        print(f"bench: {exc}")
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted")
        return 130
