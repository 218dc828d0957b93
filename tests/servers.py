"""Helpers for tests that run the CMS as its own processes, on a database of their own."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import dj_database_url
import psycopg
import pytest
import redis
from django.conf import settings

SERVER_START_SECONDS = 30
# A Redis database of the tests' own, emptied before use.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# The task backend that runs each task as it is enqueued, for tests that say so.
IMMEDIATE_TASK_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def fresh_database_url(name, folder):
    """A new, empty database of the kind the suite runs on, dropped afterwards.

    On PostgreSQL (DATABASE_URL) it is ``<database>_<name>`` on the same server; on
    SQLite, a file in ``folder``.
    """
    config = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://"))
    if config["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{folder}/db.sqlite3"
        return

    database = f"{config['NAME']}_{name}"
    server = {
        key.lower(): config[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if config[key]
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        yield os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
            connection.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def manage(environment, *command):
    """Runs a management command in its own process; returns what it printed."""
    completed = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, f"{' '.join(command)} failed:\n{completed.stderr[-3000:]}"
    return completed.stdout


@contextmanager
def gunicorn_servers(environment, count, *options):
    """``count`` gunicorn processes serving the CMS with ``environment`` and gunicorn's
    ``options``; yields their base URLs, and stops them afterwards."""
    urls = [f"http://127.0.0.1:{free_port()}" for _ in range(count)]
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "cms.wsgi"),
                *("--bind", url.removeprefix("http://"), *options),
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for url in urls
    ]
    try:
        for url in urls:
            wait_for(f"{url}/api/v2/pages/")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait()


def wait_for(url):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            urllib.request.urlopen(url)  # noqa: S310 (our own server)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def redis_environment():
    """The environment of processes that share the tests' Redis, emptied; CI needs it."""
    try:
        redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    except redis.ConnectionError:
        reason = f"Redis is not reachable at {TEST_REDIS_URL}"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs these tests on Redis, but {reason}")
        pytest.skip(reason)
    return {"REDIS_URL": TEST_REDIS_URL}
