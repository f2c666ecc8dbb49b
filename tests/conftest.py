"""Shared fixtures: users, a logged-in client, and a real Celery worker on the real broker.

In CI (CI or FACTCHECK_REQUIRE_SERVICES set) the suite must run against PostgreSQL and Redis:
when they are not configured or not reachable every test fails instead of skipping.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def services_required() -> bool:
    return bool(os.environ.get("FACTCHECK_REQUIRE_SERVICES") or os.environ.get("CI"))


@pytest.fixture(scope="session", autouse=True)
def _required_services():
    if not services_required():
        return
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL does not point at PostgreSQL")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    else:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
        except redis.RedisError as exc:
            problems.append(f"Redis at {settings.REDIS_URL} is unreachable: {exc}")
    if problems:
        pytest.fail("CI needs PostgreSQL and Redis: " + "; ".join(problems), pytrace=False)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="checker", password="pw-checker-1")


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


def _database_url_for_worker() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def _purge_broker() -> None:
    from factcheck.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)


class Worker:
    """A real `celery worker` process consuming the test broker and using the test database."""

    def __init__(
        self, concurrency: int = 1, extra_args: tuple[str, ...] = (), new_session: bool = False
    ):
        """new_session: own process group, so a test can SIGKILL the worker and its children."""
        env = os.environ.copy()
        env.update(
            DJANGO_SETTINGS_MODULE="tests.settings",
            DATABASE_URL=_database_url_for_worker(),
            PYTHONUNBUFFERED="1",
        )
        self.log_path = Path(settings.VAR_DIR) / f"worker-{os.getpid()}-{time.time_ns()}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "factcheck", "worker",
                "--loglevel", "INFO", "--concurrency", str(concurrency),
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "-n", f"test-{time.time_ns()}@%h", *extra_args,
            ],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=new_session,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.output()}")
            if b" ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready after {timeout}s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start a real worker for one test; the test's data must be committed (transactional_db)."""
    _purge_broker()
    worker = Worker()
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    detail = f"\nworker log:\n{worker.output()}" if worker else ""
    raise AssertionError(f"condition not met within {timeout}s{detail}")


@pytest.fixture(scope="session", autouse=True)
def _close_stray_database_sessions(django_db_setup, django_db_blocker):
    """Workers and the live server may leave a PostgreSQL session closing as the suite ends;
    end them so the test database can be dropped cleanly."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
