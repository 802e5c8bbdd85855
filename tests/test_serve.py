"""`make serve` and `make prod` as the Makefile runs them: SQLite under concurrent writes, forged X-Forwarded-For.

Each test starts the Makefile's own server command (read with `make -n`) in a
subprocess on a free loopback port, against a migrated SQLite file of its own,
so it runs the same whatever database the suite itself is on.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent
# The suite's own services stay out of the servers' way; each server gets what it needs.
DROPPED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "FORWARDED_ALLOW_IPS", "HOST", "PORT"}


def server_command(target: str) -> str:
    """The line of `make <target>` that starts the server, as the shell would be given it."""
    dry_run = subprocess.run(  # noqa: S603 - fixed arguments
        ["make", "-n", target, f"VENV={VENV}"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60  # noqa: S607
    ).stdout.splitlines()
    start = next(i for i, line in enumerate(dry_run) if line.startswith("exec ") and "config.asgi:application" in line)
    command = []
    for line in dry_run[start:]:
        command.append(line.rstrip("\\").strip())
        if not line.endswith("\\"):
            return " ".join(command)
    raise AssertionError(f"unterminated command in make -n {target}")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied by each test that needs a database."""
    path = tmp_path_factory.mktemp("serve-template") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=f"sqlite:///{path}")
    migrate = [sys.executable, "manage.py", "migrate", "--noinput"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The Makefile's server command on a copy of the migrated database; `url()` once /health/live/ answers."""

    def __init__(self, target: str, database: Path, tmp_path: Path, **env: str):
        self.db = tmp_path / "db.sqlite3"
        shutil.copy(database, self.db)
        self.port = free_port()
        self.env = {k: v for k, v in os.environ.items() if k not in DROPPED}
        self.env.update(DATABASE_URL=f"sqlite:///{self.db}", PORT=str(self.port), HOST="127.0.0.1", **env)
        self.log = tmp_path / "server.log"
        self.command = server_command(target)
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the Makefile's own command
                ["sh", "-c", self.command],  # noqa: S607
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                with urllib.request.urlopen(self.url("/health/live/"), timeout=2):  # noqa: S310 - loopback
                    return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"no answer on port {self.port}:\n{self.log.read_text()}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def post_json(url: str, body: dict, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_thirty_concurrent_registrations_on_the_sqlite_default(migrated_sqlite, tmp_path):
    """SQLite allows one writer: each sign-up must wait for the lock, not fail with "database is locked" (500)."""
    statuses: Counter = Counter()
    start = threading.Barrier(30)

    # Test settings only for their fast password hasher: lock hold times shrink, the race stays.
    with Server("serve", migrated_sqlite, tmp_path, DJANGO_SETTINGS_MODULE="config.settings.test") as server:

        def register(n: int) -> None:
            password = f"Sturdy-pass-{n}-x9"
            body = {"name": f"Citizen {n}", "email": f"c{n}@example.com", "password": password}
            body["confirm_password"] = password
            start.wait()
            status, _ = post_json(server.url("/townspark/api/v1/auth/register/"), body)
            statuses[status] += 1

        threads = [threading.Thread(target=register, args=(n,)) for n in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        log = server.log

    assert statuses == Counter({201: 30}), f"{dict(statuses)}\n{log.read_text()[-3000:]}"


def _in_one_minute_window(seconds_needed: float = 20.0) -> None:
    """Waits for the next minute when fewer than `seconds_needed` are left in this one.

    Rate limits count in fixed windows aligned to the clock (core/api/throttling.py): attempts
    that straddle a minute's end are counted in two windows, and a slow machine's few login
    attempts (each hashes a password) can take seconds.
    """
    left = 60 - time.time() % 60
    if left < seconds_needed:
        time.sleep(left + 0.1)


def login_attempts_with_rotating_forwarded_for(server: Server, attempts: int) -> list[int]:
    body = {"email": "nobody@example.com", "password": "wrong"}
    _in_one_minute_window()
    return [
        post_json(server.url("/townspark/api/v1/auth/login/"), body, {"X-Forwarded-For": f"203.0.113.{n}"})[0]
        for n in range(attempts)
    ]


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "WEB_CONCURRENCY": "1",  # one process: one local-memory rate-limit counter
}


@pytest.mark.parametrize(("target", "env"), [("serve", {}), ("prod", PRODUCTION)])
def test_a_forged_forwarded_for_from_loopback_does_not_escape_the_login_limit(migrated_sqlite, tmp_path, target, env):
    with Server(target, migrated_sqlite, tmp_path, AUTH_RATE_LIMIT="3/minute", **env) as server:
        statuses = login_attempts_with_rotating_forwarded_for(server, 5)
    assert statuses[:3] == [400] * 3 or statuses[:3] == [401] * 3, statuses
    assert statuses[3:] == [429, 429], statuses


def test_a_proxy_named_in_forwarded_allow_ips_is_believed(migrated_sqlite, tmp_path):
    """The other side of the setting: addresses from a trusted proxy each get their own limit."""
    trusting = {"AUTH_RATE_LIMIT": "3/minute", "FORWARDED_ALLOW_IPS": "127.0.0.1"}
    with Server("serve", migrated_sqlite, tmp_path, **trusting) as server:
        statuses = login_attempts_with_rotating_forwarded_for(server, 5)
    assert 429 not in statuses, statuses
