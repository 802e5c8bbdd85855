"""Command line of `python -m bench`: full run (bench/RESULTS.md) or --smoke (tiny data, 2 s per scenario)."""

import argparse
from pathlib import Path

from bench.errors import HarnessError
from bench.runner import Options, run

FULL = {"scale": 1.0, "duration": 10}
SMOKE = {"scale": 0.01, "duration": 2}


def parse(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny data, 2 s per scenario, own database (CI)")
    parser.add_argument("--scale", type=float, help="seed_demo --scale N (default 1; smoke 0.01)")
    parser.add_argument("--duration", type=int, help="seconds of load per scenario (default 10; smoke 2)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--only", metavar="PATTERN", help="scenarios whose name matches (glob or substring)")
    parser.add_argument("--keep-server", action="store_true", help="leave the server running afterwards")
    parser.add_argument("--out", type=Path, help="report file (default bench/RESULTS.md; smoke bench/.work/)")
    args = parser.parse_args(argv)
    defaults = SMOKE if args.smoke else FULL
    if args.connections < 1 or (args.duration is not None and args.duration < 1):
        parser.error("--connections and --duration must be at least 1")
    return Options(
        smoke=args.smoke,
        scale=defaults["scale"] if args.scale is None else args.scale,
        duration=args.duration or defaults["duration"],
        connections=args.connections,
        only=args.only,
        keep_server=args.keep_server,
        out=args.out,
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
