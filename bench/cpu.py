"""CPU time of the server's processes and the database's backends, from /proc/<pid>/stat, per measured scenario."""

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Stat:
    """The fields of /proc/<pid>/stat the bench needs: parent, process group, and CPU ticks (user + system)."""

    pid: int
    ppid: int
    pgrp: int
    ticks: int


def parse_stat(text: str) -> Stat:
    """One /proc/<pid>/stat line; the command name (field 2) may hold spaces and parentheses, so split after it."""
    pid, _, rest = text.partition(" (")
    fields = rest.rsplit(") ", 1)[1].split()
    # fields[0] is field 3 (state): ppid is field 4, pgrp 5, utime 14, stime 15 (proc(5)).
    return Stat(int(pid), int(fields[1]), int(fields[2]), int(fields[11]) + int(fields[12]))


def read_stat(pid: int, proc: Path = PROC) -> Stat | None:
    try:
        return parse_stat((proc / str(pid) / "stat").read_text())
    except (OSError, IndexError, ValueError):  # the process ended between listing and reading
        return None


def all_stats(proc: Path = PROC) -> list[Stat]:
    stats = (read_stat(int(entry.name), proc) for entry in proc.iterdir() if entry.name.isdigit())
    return [stat for stat in stats if stat is not None]


def process_group(pgrp: int, proc: Path = PROC) -> list[int]:
    """Every process of a group: the server runs in its own session, so its master and all its workers."""
    return [stat.pid for stat in all_stats(proc) if stat.pgrp == pgrp]


def snapshot(pids: Iterable[int], proc: Path = PROC) -> dict[int, int]:
    """CPU ticks so far of each pid that still exists."""
    stats = (read_stat(pid, proc) for pid in pids)
    return {stat.pid: stat.ticks for stat in stats if stat is not None}


def ticks_spent(before: dict[int, int], after: dict[int, int]) -> int:
    """Ticks spent between two snapshots; a process born in between counts whole (it did all of it in the window).

    A process that ended in between is lost (its ticks are gone with it): the pool keeps the
    server's database connections open, so its backends live through a scenario.
    """
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items())


def milliseconds(ticks: int) -> float:
    return ticks * 1000 / TICKS_PER_SECOND


def database_backends(database_url: str) -> list[int]:
    """The PostgreSQL backends connected to the bench database (not this look-up's own)."""
    import psycopg

    name = database_url.rsplit("/", 1)[-1].split("?", 1)[0]
    query = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    with psycopg.connect(database_url, connect_timeout=5, autocommit=True) as connection:
        return [pid for (pid,) in connection.execute(query, (name,)).fetchall()]


class CpuMeter:
    """`start()` before the load, `stop()` after: CPU ms of the server's process group plus the database's backends.

    Backends are listed at both ends, so connections the pool opens during the load are counted.
    """

    def __init__(self, server_pgrp: int, database_url: str, proc: Path = PROC):
        self.server_pgrp, self.database_url, self.proc = server_pgrp, database_url, proc
        self._before: dict[int, int] = {}
        self.database_ms = 0.0  # the database backends' share of what stop() last returned

    def _pids(self) -> tuple[list[int], list[int]]:
        return process_group(self.server_pgrp, self.proc), database_backends(self.database_url)

    def start(self) -> None:
        server, database = self._pids()
        self._before = snapshot([*server, *database], self.proc)

    def stop(self) -> float:
        """CPU ms spent since start() (of which `database_ms` by the database's backends)."""
        server, database = self._pids()
        after = snapshot([*server, *database], self.proc)
        in_database = {pid: ticks for pid, ticks in after.items() if pid in set(database)}
        self.database_ms = milliseconds(ticks_spent(self._before, in_database))
        return milliseconds(ticks_spent(self._before, after))
