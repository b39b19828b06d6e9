"""A worker stays live while it is abused: `/healthz` answers promptly while each abuse issue 13
found is in flight against the same worker process — giant anonymous queries, JSON nested 5,000
deep, 400-digit integers, megabyte persisted-query registrations, a flood of staff sign-ins
(argon2), a ReDoS answer to a staff-written pattern, a 15 MB PDF upload, and, when it is
configured, Redis killed under it.

Before the fixes each of these held the worker's event loop for 1 to 10 s. The bound here is
STALL_SECONDS: ten times the issue's 100 ms, because the shared test machine is noisy and this
is no benchmark, yet far below any of those stalls. The figures are printed (`-s`)."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import json
import os
import random
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from authoring.authoring_support import senior_card
from files.files_support import pdf
from private_redis import PrivateRedis
from support import STAFF_PASSWORD, gql, make_settings, server_process, sign_in, upload

from backend import db
from backend.catalog import service as catalog
from backend.staff import service as staff

STALL_SECONDS = 1.0
PING_EVERY = 0.02
IN_FLIGHT_SECONDS = 1.0
REDOS_MATTER = "330106-ZR-098"
GIANT = "query Giant { " + " ".join(f"a{i:05d}: __typename" for i in range(30_000)) + " }"
START = "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
ANSWER = "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename } }"
STAFF_SIGN_IN = (
    "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { __typename } }"
)


@dataclass
class Pings:
    """`/healthz` asked every PING_EVERY seconds; each answer's latency, by when it was asked."""

    url: str
    seen: list[tuple[float, float]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    async def run(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as client:
            while True:
                asked = time.monotonic()
                try:
                    response = await client.get("/healthz")
                    if response.status_code != 200:
                        self.failed.append(f"{response.status_code} {response.text[:200]}")
                except httpx.HTTPError as e:
                    self.failed.append(repr(e))
                self.seen.append((asked, time.monotonic() - asked))
                await asyncio.sleep(PING_EVERY)

    def worst(self, since: float, until: float) -> float:
        return max(
            (latency for asked, latency in self.seen if since <= asked <= until), default=0.0
        )


@dataclass
class Worker:
    url: str
    token: str  # a demo citizen's
    application_id: str  # their draft with a 20 MB material (sale_contract)
    redos_application_id: str  # their draft of the matter with the catastrophic pattern


@pytest.fixture
async def worker(
    templates: dict[str, str], tmp_path: Path, registry_server: str, private_redis: PrivateRedis
) -> AsyncIterator[Worker]:
    """A worker on a copy of the demo database with Redis (the test's own redis-server), a
    county administrator, and a matter published with `^(a+)+$` before patterns were checked."""
    database = tmp_path / "liveness.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    await db.init(make_settings(f"sqlite://{database}"))
    try:
        await staff.create("admin", "管理员", "county_admin", "330106", None, STAFF_PASSWORD)
        document = copy.deepcopy(senior_card(REDOS_MATTER))
        document["form"]["schema"]["properties"]["applicant_name"]["pattern"] = "^(a+)+$"
        await catalog.publish(document, document, note="published before the check")
    finally:
        await db.close()
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "REDIS_URL": private_redis.url,
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"liveness-{tmp_path.name}",
        "ZERORUN_STAFF_SIGN_INS_PER_ADDRESS": "1000",  # every sign-in hashes: none is throttled
        "ZERORUN_RATE_LIMIT_PER_MINUTE": "1000000",  # the pings are one client
    }
    with server_process(env, tmp_path / "worker.log") as url:
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            token = await sign_in(client, "demo-1")
            started = [
                (await gql(client, START, {"c": code}, token))["data"]["startApplication"]["id"]
                for code in ("330106-ZJ-002", REDOS_MATTER)
            ]
        yield Worker(url, token, *started)


def junk_registration(seed: int) -> dict[str, object]:
    """A 0.9 MB persisted-query registration of a text that is no GraphQL."""
    text = f"junk {seed} " + "x" * 900_000
    digest = hashlib.sha256(text.encode()).hexdigest()
    return {"query": text, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}


def abuses(
    w: Worker, redis: PrivateRedis
) -> dict[str, Callable[[httpx.AsyncClient], Awaitable[object]]]:
    def post(
        body: bytes | dict[str, object], path: str = "/graphql"
    ) -> Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return lambda c: c.post(path, content=content, headers={"content-type": "application/json"})

    def times(
        n: int, one: Callable[[httpx.AsyncClient], Awaitable[object]]
    ) -> Callable[[httpx.AsyncClient], Awaitable[object]]:
        return lambda c: asyncio.gather(*(one(c) for _ in range(n)))

    deep = b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 5000 + b"]" * 5000 + b"}}"
    digits = b'{"query": "query($n: Int) { __typename }", "variables": {"n": ' + b"9" * 400 + b"}}"
    hostile = {"applicant_name": "a" * 40 + "!"}
    document = pdf(random.Random(15).randbytes(15 * 1024 * 1024))  # noise: no compression

    async def sign_ins(c: httpx.AsyncClient) -> object:
        return await asyncio.gather(
            *(
                c.post(
                    "/staff/graphql",
                    json={"query": STAFF_SIGN_IN, "variables": {"u": u, "p": "wrong"}},
                )
                for u in ["admin", "nobody", *(f"guess{i}" for i in range(18))]
            )
        )

    async def redis_killed(c: httpx.AsyncClient) -> object:
        redis.kill()
        try:
            return await asyncio.gather(
                *(c.get("/graphql", params={"query": "{ __typename }"}) for _ in range(50))
            )
        finally:
            redis.start()

    return {
        "five 990 KB anonymous queries": times(5, post({"query": GIANT})),
        "five bodies nested 5,000 deep": times(5, post(deep)),
        "five 400-digit integers": times(5, post(digits)),
        "25 junk 0.9 MB persisted queries": lambda c: asyncio.gather(
            *(post(junk_registration(i))(c) for i in range(25))
        ),
        "20 staff sign-ins at once": sign_ins,
        "a ReDoS answer": lambda c: gql(
            c, ANSWER, {"id": w.redos_application_id, "a": hostile}, w.token
        ),
        "a 15 MB PDF upload": lambda c: upload(
            c, w.token, w.application_id, "sale_contract", document, "合同.pdf"
        ),
        "Redis killed": redis_killed,
    }


@pytest.mark.timeout(300)
async def test_healthz_answers_promptly_while_each_abuse_is_in_flight(
    worker: Worker, private_redis: PrivateRedis
) -> None:
    pings = Pings(worker.url)
    pinging = asyncio.create_task(pings.run())
    worst: dict[str, float] = {}
    try:
        # A fresh connection for each request, as hostile clients open them: a kept-alive one
        # idle past uvicorn's keep-alive timeout may be closed just as it is reused.
        fresh = httpx.Limits(max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=worker.url, timeout=120, limits=fresh) as client:
            for name, abuse in abuses(worker, private_redis).items():
                since = time.monotonic()
                while True:  # for at least IN_FLIGHT_SECONDS, so that pings meet it
                    answers = await abuse(client)
                    for response in answers if isinstance(answers, list) else []:
                        if isinstance(response, httpx.Response):
                            assert response.status_code < 500, (name, response.text[:300])
                    if time.monotonic() - since >= IN_FLIGHT_SECONDS:
                        break
                worst[name] = pings.worst(since, time.monotonic())
    finally:
        pinging.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pinging

    print("\nworst /healthz latency while in flight:")
    for name, seconds in worst.items():
        print(f"  {name:<36} {seconds * 1000:7.1f} ms")
    assert pings.failed == []
    assert {name: s for name, s in worst.items() if s > STALL_SECONDS} == {}
