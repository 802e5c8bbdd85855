"""Benchmarks: every product's read and write paths on the production stack, against the /health/live/ ceiling.

Run `python -m bench` (or `make bench`); `--smoke` is the quick run CI keeps working. See bench/README.md.
"""
