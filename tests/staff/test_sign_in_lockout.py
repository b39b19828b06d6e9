"""Staff sign-in holds under a flood: at most five passwords are checked per lockout of an
account from one client address, whatever arrives at once; a stranger's failures lock the
stranger's address out, never the owner's; locked, unknown and wrong read alike; attempts are
throttled per username (but from an address the owner signed in from) and per client address;
argon2 never runs on the event loop."""

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
from backend.staff.models import SignInAttempts

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

    locked = await SignInAttempts.get(member_id=member.id, address="127.0.0.1")
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
    too_long = await sign_in(client, "x" * 65, PASSWORD)  # longer than any username kept

    assert locked == unknown == wrong == too_long
    assert locked["code"] == "INVALID_CREDENTIALS"
    assert locked["message"]["zh"] and locked["message"]["en"]
    assert len(verifications.calls) == 4  # one argon2 verification each


async def test_the_right_password_is_refused_while_locked_and_accepted_once_the_lock_expires(
    client: httpx.AsyncClient,
) -> None:
    member = await service.create("patient", "窗口", "window_clerk", "330106", None, PASSWORD)
    for n in range(service.MAX_FAILURES):
        await sign_in(client, "patient", f"wrong {n}")

    while_locked = await sign_in(client, "patient", PASSWORD)
    await SignInAttempts.filter(member_id=member.id).update(
        locked_until=service.now() - dt.timedelta(seconds=1)
    )
    after = await sign_in(client, "patient", PASSWORD)
    reset = await SignInAttempts.get(member_id=member.id)

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
    assert (await SignInAttempts.get(member__username="typo")).failed_attempts == 0


async def test_sign_ins_are_throttled_per_username_before_any_password_is_checked(
    database_url: str, registry: Registry, verifications: Verifications
) -> None:
    settings = make_settings(database_url, staff_sign_ins_per_username=3)
    async with app_client(settings) as client:
        member = await service.create("slow", "窗口", "window_clerk", "330106", None, PASSWORD)
        for n in range(3):
            await sign_in(client, "slow", f"wrong {n}")

        right = await sign_in(client, "slow", PASSWORD)
        counted = await SignInAttempts.get(member_id=member.id)

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


def elsewhere(app: app_client, address: str) -> httpx.AsyncClient:
    """Another client of the same app, from another address."""
    transport = httpx.ASGITransport(app=app.app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_a_strangers_failures_lock_the_strangers_address_out_and_not_the_owners(
    database_url: str, registry: Registry
) -> None:
    app = app_client(make_settings(database_url), "203.0.113.7")
    async with app as stranger, elsewhere(app, "198.51.100.2") as owner:
        member = await service.create("owned", "窗口", "window_clerk", "330106", None, PASSWORD)
        for n in range(service.MAX_FAILURES):
            await sign_in(stranger, "owned", f"guess {n}")

        strangers_right_guess = await sign_in(stranger, "owned", PASSWORD)
        owners = await sign_in(owner, "owned", PASSWORD)
        stranger_row = await SignInAttempts.get(member_id=member.id, address="203.0.113.7")

    assert strangers_right_guess["code"] == "INVALID_CREDENTIALS"
    assert owners["__typename"] == "StaffSession"
    assert stranger_row.locked_until is not None and stranger_row.locked_until > service.now()


async def test_a_flood_from_a_stranger_at_the_moment_the_owner_signs_in_lets_the_owner_in(
    database_url: str, registry: Registry, verifications: Verifications
) -> None:
    settings = make_settings(
        database_url, staff_sign_ins_per_username=10_000, staff_sign_ins_per_address=10_000
    )
    app = app_client(settings, "203.0.113.7")
    async with app as stranger, elsewhere(app, "198.51.100.2") as owner:
        member = await service.create("busy", "窗口", "window_clerk", "330106", None, PASSWORD)
        guesses = [sign_in(stranger, "busy", f"guess {n}") for n in range(30)]
        *refused, owners = await asyncio.gather(*guesses, sign_in(owner, "busy", PASSWORD))

    assert {a["code"] for a in refused} == {"INVALID_CREDENTIALS"}
    assert owners["__typename"] == "StaffSession"
    # the stranger's address had five of its guesses checked, the owner's one
    assert verifications.of(member.password_hash) <= service.MAX_FAILURES + 1


async def test_the_username_throttle_does_not_slow_an_address_the_owner_signed_in_from(
    database_url: str, registry: Registry
) -> None:
    settings = make_settings(database_url, staff_sign_ins_per_username=3)
    app = app_client(settings, "198.51.100.2")
    async with app as owner, elsewhere(app, "203.0.113.7") as stranger:
        await service.create("known", "窗口", "window_clerk", "330106", None, PASSWORD)
        first = await sign_in(owner, "known", PASSWORD)
        for n in range(4):
            await sign_in(stranger, "known", f"guess {n}")  # the username's minute is spent
        async with elsewhere(app, "192.0.2.9") as new_place:
            from_a_new_address = await sign_in(new_place, "known", PASSWORD)
        from_the_owners_address = await sign_in(owner, "known", PASSWORD)

    assert first["__typename"] == "StaffSession"
    assert from_a_new_address["code"] == "INVALID_CREDENTIALS"  # throttled like anyone new
    assert from_the_owners_address["__typename"] == "StaffSession"


async def test_the_sweep_forgets_addresses_unused_for_a_month_but_not_a_lock(
    client: httpx.AsyncClient,
) -> None:
    member = await service.create("old", "窗口", "window_clerk", "330106", None, PASSWORD)
    month_ago = service.now() - dt.timedelta(days=31)
    await SignInAttempts.create(member=member, address="192.0.2.1", changed_at=month_ago)
    await SignInAttempts.create(
        member=member,
        address="192.0.2.2",
        changed_at=month_ago,
        locked_until=service.now() + service.LOCKOUT,
    )
    await SignInAttempts.create(member=member, address="192.0.2.3", changed_at=service.now())

    purged = await service.purge_expired()

    assert purged == 1
    assert sorted(await SignInAttempts.filter(member=member).values_list("address", flat=True)) == [
        "192.0.2.2",
        "192.0.2.3",
    ]
