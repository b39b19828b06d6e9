"""Staff sign-in holds under a flood: at most five passwords are checked per lockout, whatever
arrives at once; locked, unknown and wrong read alike; attempts are throttled per username and
per client address; argon2 never runs on the event loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from private_redis import PrivateRedis
from support import Registry, app_client, make_settings, staff_gql

from backend.staff import service
from backend.staff.models import StaffMember

PASSWORD = "correct horse battery staple"
SIGN_IN = """
mutation SignIn($u: String!, $p: String!) {
  signIn(username: $u, password: $p) {
    __typename
    ... on StaffSession { token }
    ... on StaffError { code message { zh en } }
  }
}
"""


@dataclass
class Verifications:
    """Every argon2 verification the app runs, against which hash; the threads of every
    argon2 hash and verification."""

    calls: list[str] = field(default_factory=list)
    threads: set[int] = field(default_factory=set)

    def of(self, stored_hash: str) -> int:
        return self.calls.count(stored_hash)


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> Verifications:
    """argon2's own hash and verify, watched: they still do the work, and are counted."""
    seen = Verifications()
    verify, hash_ = PasswordHasher.verify, PasswordHasher.hash

    def verifying(self: PasswordHasher, stored_hash: str | bytes, password: str | bytes) -> bool:
        seen.calls.append(str(stored_hash))
        seen.threads.add(threading.get_ident())
        return verify(self, stored_hash, password)

    def hashing(self: PasswordHasher, password: str | bytes, **kwargs: Any) -> str:
        seen.threads.add(threading.get_ident())
        return hash_(self, password, **kwargs)

    monkeypatch.setattr(PasswordHasher, "verify", verifying)
    monkeypatch.setattr(PasswordHasher, "hash", hashing)
    return seen


@pytest.fixture
async def unthrottled(database_url: str, registry: Registry) -> AsyncIterator[httpx.AsyncClient]:
    """The real app with the per-username and per-address throttles out of the way, so only
    the account's own lockout stands between a flood and the password."""
    settings = make_settings(
        database_url, staff_sign_ins_per_username=10_000, staff_sign_ins_per_address=10_000
    )
    async with app_client(settings) as client:
        yield client


async def sign_in(client: httpx.AsyncClient, username: str, password: str) -> dict[str, Any]:
    answer: dict[str, Any] = (await staff_gql(client, SIGN_IN, {"u": username, "p": password}))[
        "data"
    ]["signIn"]
    return answer


async def test_forty_sign_ins_at_once_with_the_right_password_among_them_get_no_session(
    unthrottled: httpx.AsyncClient, verifications: Verifications
) -> None:
    member = await service.create("flood", "窗口", "window_clerk", "330106", None, PASSWORD)
    guesses = [f"wrong guess {n}" for n in range(39)]
    guesses.insert(20, PASSWORD)

    answers = await asyncio.gather(*(sign_in(unthrottled, "flood", p) for p in guesses))
    after = await sign_in(unthrottled, "flood", PASSWORD)

    locked = await StaffMember.get(id=member.id)
    assert [a["__typename"] for a in answers] == ["StaffError"] * 40
    assert {a["code"] for a in answers} == {"INVALID_CREDENTIALS"}
    assert after["__typename"] == "StaffError"
    assert locked.locked_until is not None and locked.locked_until > service.now()
    assert verifications.of(member.password_hash) <= service.MAX_FAILURES
    assert len(verifications.calls) == 41  # the others were checked against a dummy hash


async def test_locked_unknown_and_wrong_get_the_same_answer_after_the_same_work(
    client: httpx.AsyncClient, verifications: Verifications
) -> None:
    await service.create("locked", "窗口", "window_clerk", "330106", None, PASSWORD)
    await service.create("open", "窗口", "window_clerk", "330106", None, PASSWORD)
    for n in range(service.MAX_FAILURES):
        await sign_in(client, "locked", f"wrong {n}")
    verifications.calls.clear()

    locked = await sign_in(client, "locked", PASSWORD)
    unknown = await sign_in(client, "nobody", PASSWORD)
    wrong = await sign_in(client, "open", "wrong")

    assert locked == unknown == wrong
    assert locked["code"] == "INVALID_CREDENTIALS"
    assert locked["message"]["zh"] and locked["message"]["en"]
    assert len(verifications.calls) == 3  # one argon2 verification each


async def test_the_right_password_is_refused_while_locked_and_accepted_once_the_lock_expires(
    client: httpx.AsyncClient,
) -> None:
    member = await service.create("patient", "窗口", "window_clerk", "330106", None, PASSWORD)
    for n in range(service.MAX_FAILURES):
        await sign_in(client, "patient", f"wrong {n}")

    while_locked = await sign_in(client, "patient", PASSWORD)
    await StaffMember.filter(id=member.id).update(
        locked_until=service.now() - dt.timedelta(seconds=1)
    )
    after = await sign_in(client, "patient", PASSWORD)
    reset = await StaffMember.get(id=member.id)

    assert while_locked["code"] == "INVALID_CREDENTIALS"
    assert after["__typename"] == "StaffSession"
    assert (reset.failed_attempts, reset.locked_until) == (0, None)


async def test_four_wrong_passwords_then_the_right_one_sign_in(
    client: httpx.AsyncClient,
) -> None:
    await service.create("typo", "窗口", "window_clerk", "330106", None, PASSWORD)
    for n in range(service.MAX_FAILURES - 1):
        await sign_in(client, "typo", f"wrong {n}")

    right = await sign_in(client, "typo", PASSWORD)

    assert right["__typename"] == "StaffSession"
    assert (await StaffMember.get(username="typo")).failed_attempts == 0


async def test_sign_ins_are_throttled_per_username_before_any_password_is_checked(
    database_url: str, registry: Registry, verifications: Verifications
) -> None:
    settings = make_settings(database_url, staff_sign_ins_per_username=3)
    async with app_client(settings) as client:
        member = await service.create("slow", "窗口", "window_clerk", "330106", None, PASSWORD)
        for n in range(3):
            await sign_in(client, "slow", f"wrong {n}")

        right = await sign_in(client, "slow", PASSWORD)
        counted = await StaffMember.get(id=member.id)

    assert right["code"] == "INVALID_CREDENTIALS"
    assert verifications.of(member.password_hash) == 3
    assert (counted.failed_attempts, counted.locked_until) == (3, None)  # not locked: throttled


async def test_sign_ins_are_throttled_per_client_address_across_usernames(
    database_url: str, registry: Registry
) -> None:
    app = app_client(make_settings(database_url, staff_sign_ins_per_address=3), "203.0.113.7")
    async with app as sprayer:
        await service.create("sprayed", "窗口", "window_clerk", "330106", None, PASSWORD)
        for n in range(3):
            await sign_in(sprayer, f"guess-{n}", PASSWORD)
        from_sprayer = await sign_in(sprayer, "sprayed", PASSWORD)
        elsewhere = httpx.ASGITransport(app=app.app, client=("198.51.100.2", 50000))
        async with httpx.AsyncClient(transport=elsewhere, base_url="http://testserver") as other:
            from_elsewhere = await sign_in(other, "sprayed", PASSWORD)

    assert from_sprayer["code"] == "INVALID_CREDENTIALS"
    assert from_elsewhere["__typename"] == "StaffSession"


async def test_argon2_runs_in_threads_while_the_event_loop_answers_healthz(
    client: httpx.AsyncClient, verifications: Verifications
) -> None:
    finished: list[str] = []

    async def signing_in(n: int) -> None:
        await sign_in(client, f"busy{n}", PASSWORD)  # unknown: verified against the dummy hash
        finished.append("sign-in")

    async def health() -> int:
        await asyncio.sleep(0)  # once the sign-ins are under way
        status = (await client.get("/healthz")).status_code
        finished.append("healthz")
        return status

    *_, status = await asyncio.gather(*(signing_in(n) for n in range(20)), health())

    assert status == 200
    assert finished.index("healthz") < len(finished) - 1  # answered while sign-ins ran
    assert verifications.threads and threading.get_ident() not in verifications.threads
    assert len(verifications.calls) == 20


async def test_sign_in_goes_on_with_the_workers_own_counts_when_redis_dies(
    database_url: str, registry: Registry, private_redis: PrivateRedis
) -> None:
    settings = make_settings(
        database_url, redis_url=private_redis.url, staff_sign_ins_per_username=3
    )
    async with app_client(settings) as client:
        await service.create("steady", "窗口", "window_clerk", "330106", None, PASSWORD)
        for n in range(3):
            await sign_in(client, "steady", f"wrong {n}")
        throttled = await sign_in(client, "steady", PASSWORD)  # counted in Redis
        private_redis.kill()
        answered = await staff_gql(client, SIGN_IN, {"u": "steady", "p": PASSWORD})

    assert throttled["code"] == "INVALID_CREDENTIALS"
    assert answered["data"]["signIn"]["__typename"] == "StaffSession"  # counted alone, anew
