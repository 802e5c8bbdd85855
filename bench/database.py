"""The bench's PostgreSQL and Redis on loopback, and its database: seeded once per scale and code, cloned per run."""

import hashlib
import ipaddress
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.errors import HarnessError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
# What decides the seeded data: a change to any of these files seeds a fresh database.
SEED_INPUTS = [
    "*/migrations/*.py",
    "*/demo.py",
    "*/demo/**/*.py",
    "core/demo.py",
    "core/management/commands/seed_demo.py",
]
MARKER_TABLE = "bench_seed_marker"


def database_url(*, smoke: bool) -> str:
    """BENCH_DATABASE_URL as given, else the server of DATABASE_URL (when PostgreSQL) with the bench's own database.

    The database is `bench` (`bench_smoke` for smoke runs): a developer's DATABASE_URL is never seeded or dropped.
    """
    url = os.environ.get("BENCH_DATABASE_URL")
    name = None
    if not url:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            url = DEFAULT_DATABASE_URL
        name = "bench"
    parts = urlsplit(url)
    name = name or parts.path.lstrip("/") or "bench"
    if smoke:
        name += "_smoke"
    return urlunsplit(parts._replace(path=f"/{name}"))


def redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def drop_task_queue(url: str, queue: str) -> int:
    """Deletes a Celery queue's keys on Redis (its messages, priority sub-queues and bindings); how many went.

    The bench server's tasks pile up in their queue, since no worker runs: a queue name of the
    bench's own (server.TASK_QUEUE) is deleted, never the Redis database it may share with a
    developer's setup.
    """
    import redis as redis_client
    from kombu.transport.redis import Channel

    client = redis_client.Redis.from_url(url, socket_timeout=5)
    try:
        # Celery's default exchange is named after its default queue: the bindings are keyed by that name.
        keys = [queue, Channel.keyprefix_queue % queue, Channel.keyprefix_binding_permanent % queue]
        keys += client.scan_iter(match=f"{queue}{Channel.sep}*")  # the priority queues: queue, separator, step
        return client.delete(*keys)
    except redis_client.RedisError as exc:
        raise HarnessError(f"the bench's task queue {queue!r} could not be emptied: {exc}") from exc
    finally:
        client.close()


def _loopback(host: str | None) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _port_open(host: str, port: int) -> bool:
    import socket

    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def ensure_service(url: str, default_port: int, name: str, variable: str) -> None:
    """Refuses non-loopback hosts; starts the machine's own PostgreSQL or Redis when nothing listens (as root)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or default_port
    if not _loopback(host):
        raise HarnessError(f"{name} must be on loopback for benchmarks, not {host}")
    if _port_open(host, port):
        return
    if os.geteuid() == 0:
        print(f"Starting {name} on {host}:{port}", flush=True)
        if name == "PostgreSQL" and Path("/etc/postgresql").is_dir():
            for version in sorted(os.listdir("/etc/postgresql")):
                command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"]
                subprocess.run(command, timeout=60, check=False)
        elif name == "Redis":
            command = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(port)]
            subprocess.run([*command, "--save", "", "--appendonly", "no"], timeout=30, check=False)
        for _ in range(30):
            if _port_open(host, port):
                return
            time.sleep(1)
    raise HarnessError(f"{name} is not reachable on {host}:{port}: start it, or set {variable}")


def _connect(url: str, **kwargs):
    import psycopg

    try:
        return psycopg.connect(url, connect_timeout=5, **kwargs)
    except psycopg.OperationalError as exc:
        raise HarnessError(f"cannot connect to {url}: {exc}") from exc


def seed_key(scale: float) -> str:
    digest = hashlib.sha256(f"scale={scale}".encode())
    for pattern in SEED_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            if ".venv" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _marker(url: str) -> str | None:
    with _connect(url, autocommit=True) as connection:
        if connection.execute("SELECT to_regclass(%s)", (MARKER_TABLE,)).fetchone()[0] is None:
            return None
        row = connection.execute(f"SELECT key FROM {MARKER_TABLE}").fetchone()  # noqa: S608 - a constant
        return row[0] if row else None


def _write_marker(url: str, key: str) -> None:
    with _connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key text, seeded_at timestamptz)")
        connection.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608 - a constant
        connection.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, now())", (key,))  # noqa: S608


def _manage(args: list[str], *, env: dict, log: Path, timeout: int) -> None:
    with log.open("a") as output:
        output.write(f"\n$ manage.py {' '.join(args)}\n")
        output.flush()
        try:
            done = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise HarnessError(f"manage.py {args[0]} took over {timeout} s (log: {log})") from exc
    if done.returncode != 0:
        tail = "\n".join(log.read_text().splitlines()[-15:])
        raise HarnessError(f"manage.py {args[0]} failed (exit {done.returncode}, log: {log}):\n{tail}")


RANDOM_PAGE_COST = 1.1


def _with_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare(url: str, *, scale: float, env: dict, log: Path) -> str:
    """Seeds `<name>_template` unless its marker matches this scale and code, then clones it as `<name>`.

    Every run starts from the same data, whatever earlier runs' writes did (ballots cast, issues
    created); the clone is a file copy, cheap next to seeding. The bench owns both databases.
    """
    from psycopg import sql

    key = seed_key(scale)
    name = urlsplit(url).path.lstrip("/")
    template = f"{name}_template"
    template_url = _with_name(url, template)
    status = f"reused (seed key {key})"
    with _connect(_with_name(url, "postgres"), autocommit=True) as admin:

        def execute(statement: str, *names: str) -> None:
            admin.execute(sql.SQL(statement).format(*(sql.Identifier(each) for each in names)))

        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (template,)).fetchone()
        if not exists or _marker(template_url) != key:
            execute("DROP DATABASE IF EXISTS {} WITH (FORCE)", template)
            execute("CREATE DATABASE {}", template)
            started = time.monotonic()
            log.write_text("")
            print(f"Migrating and seeding {template} at scale {scale} (log: {log}) ...", flush=True)
            seeding = {**env, "DATABASE_URL": template_url}
            _manage(["migrate", "--noinput"], env=seeding, log=log, timeout=900)
            _manage(["seed_demo", "--scale", str(scale)], env=seeding, log=log, timeout=3600)
            _write_marker(template_url, key)
            status = f"seeded in {time.monotonic() - started:.0f} s (seed key {key})"
        execute("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        execute("CREATE DATABASE {} TEMPLATE {}", name, template)
        # The data sits in memory (or on SSD): PostgreSQL's default random_page_cost of 4 (spinning
        # disks) made the planner scan all 25,000 users rather than look 200 up by key (GatherHub's
        # event detail: 6.0 -> 2.5 ms). 1.1 is what PostgreSQL's documentation suggests for SSDs,
        # and what production should set (the README's deployment notes).
        execute(f"ALTER DATABASE {{}} SET random_page_cost = {RANDOM_PAGE_COST}", name)
    return f"{status}, cloned from {template}, random_page_cost {RANDOM_PAGE_COST}"


def versions(database: str, redis: str) -> dict[str, str]:
    """PostgreSQL's and Redis's server versions, for the report."""
    import redis as redis_client

    with _connect(database, autocommit=True) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    try:
        redis_version = redis_client.Redis.from_url(redis, socket_timeout=2).info("server")["redis_version"]
    except redis_client.RedisError:
        redis_version = "?"
    return {"PostgreSQL": postgres, "Redis": redis_version}
