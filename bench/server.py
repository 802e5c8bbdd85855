"""The stack under test: gunicorn with 2 uvicorn workers on a free loopback port, in its own process group."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import http, scenarios
from bench.database import ROOT
from bench.errors import HarnessError

WORKERS = 2
APPLICATION = "bench.floor.asgi:application"
# The writes' after-commit tasks go to a queue of the bench's own, which no worker reads (the bench
# measures the request path): the harness empties it after each run (database.drop_task_queue).
TASK_QUEUE = "bench.tasks"


def server_env(*, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings, DEBUG off, plain HTTP on loopback, the X-Query-Count header, a fresh secret key."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        QUERY_COUNT_HEADER="True",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ENVIRONMENT="bench",
        # Production's own database settings: psycopg's connection pool (DB_POOL_*).
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
        # The login scenario measures hashing, not the brute-force limit.
        AUTH_RATE_LIMIT="off",
        CELERY_TASK_DEFAULT_QUEUE=TASK_QUEUE,
    )
    env.pop("JWT_SIGNING_KEY", None)  # tokens are signed with the generated key
    env.update(scenarios.server_env())
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`start()` returns the base URL once /health/live/ answers; `stop()` ends the whole process group."""

    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None
        self.base_url = ""

    def start(self, timeout: float = 90) -> str:
        port = _free_port()
        # config.asgi behind a dispatcher that serves the raw-SQL floor's routes itself (bench/floor/asgi.py).
        command = [sys.executable, "-m", "gunicorn", APPLICATION, "-k", "uvicorn_worker.UvicornWorker"]
        command += ["-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--graceful-timeout", "5", "--no-control-socket"]
        command += ["--log-level", "info"]  # the workers' "Application startup complete" lines are awaited
        with self.log.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HarnessError(f"the server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                response = http.send(self.base_url, "GET", "/health/live/", timeout=2)
            except OSError:
                time.sleep(0.25)
                continue
            if response.status != 200:
                raise HarnessError(f"/health/live/ answered {response.status}: {response.snippet()}")
            if http.QUERY_COUNT.lower() not in response.headers:
                raise HarnessError("the server sends no X-Query-Count header: QUERY_COUNT_HEADER is not honoured")
            self._wait_for_workers()
            return self.base_url
        raise HarnessError(f"the server did not answer /health/live/ within {timeout:.0f} s:\n{self.log_tail()}")

    def _wait_for_workers(self, timeout: float = 30) -> None:
        """Both workers booted (each imports Django on its own), so the first scenario doesn't measure a boot."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log.read_text().count("Application startup complete") >= WORKERS:
                return
            time.sleep(0.25)
        raise HarnessError(f"{WORKERS} workers did not start within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""
