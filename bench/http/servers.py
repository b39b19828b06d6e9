"""The processes a run starts (the stand-in registry, the app, the raw Starlette route), the
`zerorun` steps that prepare a database, and the PostgreSQL database made for the run.

Every process is started in a session of its own with its output in a log file, and stopped when
its `with` block ends, whatever happened inside."""

from __future__ import annotations

import asyncio
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]  # no stubs upstream
import httpx
import redis

ROOT = Path(__file__).resolve().parents[2]
READY_SECONDS = 60.0


class BenchError(Exception):
    """A step failed; the message says what went wrong and what to do next."""


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tail(log: Path, lines: int = 15) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def zerorun(args: list[str], env: dict[str, str], log: Path) -> None:
    """One `zerorun` step (`python -m backend …`), its output appended to the log."""
    say("zerorun " + " ".join(args))
    with log.open("ab") as out:
        done = subprocess.run(
            [sys.executable, "-m", "backend", *args], env=env, cwd=ROOT, stdout=out, stderr=out
        )
    if done.returncode != 0:
        raise BenchError(
            f"`zerorun {' '.join(args)}` failed (exit {done.returncode}); its last lines "
            f"({log}):\n{tail(log)}\nRun the same command by hand to see the whole story."
        )


@contextmanager
def serving(
    name: str, args: list[str], env: dict[str, str], ready_url: str, log: Path
) -> Iterator[None]:
    """Run a server until the block ends; ready once `ready_url` answers 200."""
    say(f"starting {name}: {' '.join(args)}")
    with log.open("ab") as out:
        process = subprocess.Popen(
            args, env=env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True
        )
    try:
        _wait_ready(name, process, ready_url, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        say(f"stopped {name}")


def _wait_ready(name: str, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(
                f"{name} exited with {process.returncode} before answering; its log ({log}):\n"
                f"{tail(log)}"
            )
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise BenchError(
        f"{name} did not answer {url} within {READY_SECONDS:.0f}s; its log ({log}):\n{tail(log)}"
    )


def secret_key() -> str:
    return secrets.token_urlsafe(36)  # 48 characters


# PostgreSQL and Redis


def _dsn(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/" + database))


async def _admin(url: str, sql: str) -> str:
    connection = await asyncpg.connect(_dsn(url, "postgres"), timeout=5)
    try:
        return str(
            await connection.fetchval(sql)
            if sql.startswith("SHOW")
            else await connection.execute(sql)
        )
    finally:
        await connection.close()


def postgres_version(url: str) -> str:
    try:
        return asyncio.run(_admin(url, "SHOW server_version"))
    except (OSError, asyncpg.PostgresError) as e:
        raise BenchError(
            f"PostgreSQL at {url} is not reachable: {e}. Start it, pass "
            "--postgres postgres://USER@HOST:PORT, or measure SQLite alone with --only sqlite."
        ) from e


@contextmanager
def postgres_database(url: str) -> Iterator[str]:
    """A fresh database on the server at `url`, dropped when the block ends; yields its URL."""
    name = f"zerorun_bench_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_admin(url, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as e:
        raise BenchError(
            f"cannot create a database on PostgreSQL at {url}: {e}. Start PostgreSQL, pass "
            "--postgres postgres://USER@HOST:PORT with a user that may CREATE DATABASE, "
            "or measure SQLite alone with --only sqlite."
        ) from e
    say(f"created PostgreSQL database {name}")
    try:
        yield urlunsplit(urlsplit(url)._replace(path="/" + name))
    finally:
        asyncio.run(_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        say(f"dropped PostgreSQL database {name}")


def redis_version(url: str) -> str:
    try:
        client = redis.Redis.from_url(url)
        version = str(client.info("server")["redis_version"])
        client.close()
    except redis.RedisError as e:
        raise BenchError(
            f"Redis at {url} is not reachable: {e}. Start Redis, pass --redis redis://HOST:PORT/DB, "
            "or measure SQLite alone with --only sqlite."
        ) from e
    return version


def forget_redis_keys(url: str, prefix: str) -> None:
    """Delete what the run left in Redis: every key under its own cache prefix."""
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=prefix + "*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
