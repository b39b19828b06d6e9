"""The outbox dispatcher: every timeline step is published for live updates (on any worker,
through the bus) and handed to the notifier until it is sent, with backoff.

Claims. Every worker runs a dispatcher on the one outbox. Each side effect of an entry, its
publication and its notice, is claimed before it is done: the claim names the worker and holds
for a lease (`outbox_lease_seconds`, 60 s by default), and is taken in one statement, a
`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL (two workers never take, or wait for, the same
rows) and a conditional `UPDATE … RETURNING` on SQLite (whose writers take turns). An entry is
marked done only after its side effect succeeded; a worker that dies holding a claim leaves the
entry to the others once the lease has run out. Live updates keep each application's order: an
entry is only claimed with every earlier unpublished entry of its application.

Exactly once, and the window where it is only at least once. A notice goes out once, unless its
worker dies (or loses the database) after the gateway took the notice and before the worker
recorded that: another worker then sends it again when the lease has run out. Every request
carries the entry's `Idempotency-Key` (`<cache prefix>:outbox:<id>`) so that the gateway can
drop such a repeat. A live update has the same window (a subscriber may see a step twice).
Workers' clocks must agree to well within a lease.

Losing the database. A dispatcher whose round fails (the database refuses or drops connections)
says so once, tries again after 0.2 s, then twice as long each time up to BACKOFF_MAX (each wait
jittered, so that many workers do not knock together), says once that it answers again, and
carries on at its usual pace. Each line about an entry carries the request id that wrote it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import random
import re
import secrets
import socket
from dataclasses import dataclass, field

import orjson
import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from backend.infra import metrics
from backend.infra.bus import Bus
from backend.notifications.models import Outbox
from backend.notifications.notifiers import Notifier
from backend.notifications.outbox import MAX_ATTEMPTS, channel, now, queue_channels

log = structlog.get_logger("zerorun.notify")
PUBLISH_BATCH = 100
NOTICE_BATCH = 20  # a worker claims no more notices than it sends soon: the others share the load
LEASE_SECONDS = 60.0
PUBLISH_RETRY = dt.timedelta(seconds=2)  # live updates the bus refused are tried again after
BACKOFF_FIRST, BACKOFF_MAX = 0.2, 30.0  # seconds between rounds while the database is lost


def worker_name() -> str:
    """Who holds a claim, for an operator reading the outbox: host, process, and a few random
    characters that keep two dispatchers of one process apart (32 characters at most)."""
    return f"{socket.gethostname()[:15]}:{os.getpid()}:{secrets.token_hex(3)}"


# Each claim is written once, in PostgreSQL's dialect; `{lock}` is FOR UPDATE SKIP LOCKED there
# and nothing on SQLite, where one statement runs at a time and sees every committed claim.
UNPUBLISHED = """"published_at" IS NULL
    AND ("publish_lease_until" IS NULL OR "publish_lease_until" <= $1)"""
# The oldest unpublished entries nobody holds, but never one whose application has an earlier
# unpublished entry left out (held by another worker, or being claimed by one right now): so
# each application's steps go out in order, and those written together go out together.
CLAIM_PUBLICATIONS = f"""
WITH picked AS (
    SELECT "id", "application_id" FROM "outbox" WHERE {UNPUBLISHED}
    ORDER BY "id" LIMIT $2 {{lock}}
), ready AS (
    SELECT p."id" FROM picked p WHERE NOT EXISTS (
        SELECT 1 FROM "outbox" e
        WHERE e."application_id" = p."application_id" AND e."published_at" IS NULL
            AND e."id" < p."id" AND e."id" NOT IN (SELECT "id" FROM picked)
    )
)
UPDATE "outbox" SET "publish_claim" = $3, "publish_lease_until" = $4
WHERE "id" IN (SELECT "id" FROM ready)
RETURNING "id"
"""
UNNOTIFIED = """"notified_at" IS NULL AND "attempts" < $2
    AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= $1)
    AND ("notify_lease_until" IS NULL OR "notify_lease_until" <= $1)"""
CLAIM_NOTICES = f"""
WITH picked AS (
    SELECT "id" FROM "outbox" WHERE {UNNOTIFIED} ORDER BY "id" LIMIT $3 {{lock}}
)
UPDATE "outbox" SET "notify_claim" = $4, "notify_lease_until" = $5
WHERE "id" IN (SELECT "id" FROM picked)
RETURNING "id"
"""


async def _claim(
    statement: str, probe: str, values: list[object], batch: int, until: dt.datetime, me: str
) -> list[int]:
    """The ids this worker now holds. A read-only probe first: an idle worker never takes
    SQLite's write lock."""
    connection: BaseDBAsyncClient = Outbox._meta.db
    sqlite = connection.capabilities.dialect == "sqlite"

    def sql(text: str) -> str:
        text = text.replace("{lock}", "" if sqlite else "FOR UPDATE SKIP LOCKED")
        return re.sub(r"\$(\d+)", r"?\1", text) if sqlite else text

    def param(value: object) -> object:  # SQLite keeps times as text, compared as text
        if sqlite and isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).isoformat(" ", "microseconds")
        return value

    params = [param(v) for v in values]
    _, found = await connection.execute_query(
        sql(f'SELECT 1 FROM "outbox" WHERE {probe} LIMIT 1'), params
    )
    if not found:
        return []
    claimed = [*params, batch, me, param(until)]
    _, rows = await connection.execute_query(sql(statement), claimed)
    return sorted(int(row["id"]) for row in rows)


@dataclass
class Dispatcher:
    bus: Bus
    notifier: Notifier
    prefix: str
    lease_seconds: float = LEASE_SECONDS  # how long a claim holds
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    worker: str = field(default_factory=worker_name)
    _bus_down: bool = field(default=False, init=False)  # to log an outage once

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.lease_seconds)

    async def publish_pending(self) -> int:
        """Publish the entries this worker can claim, in order; those the bus refuses stay
        claimed for PUBLISH_RETRY, then any worker tries them again, still in order."""
        at = now()
        ids = await _claim(
            CLAIM_PUBLICATIONS,
            UNPUBLISHED,
            [at],
            PUBLISH_BATCH,
            at + self.lease,
            self.worker,
        )
        if not ids:
            return 0
        entries = await Outbox.filter(id__in=ids).order_by("id")
        done: list[int] = []
        try:
            async with asyncio.timeout(self.lease_seconds / 2):
                for entry in entries:
                    await self.bus.publish(
                        channel(self.prefix, str(entry.application_id)),
                        orjson.dumps({**entry.payload, "seq": entry.id}),
                    )
                    where = entry.payload.get("region"), entry.payload.get("hall")
                    for queue in queue_channels(self.prefix, *where):  # the clerks' queues
                        await self.bus.publish(queue, str(entry.application_id).encode())
                    done.append(entry.id)
        except Exception as e:  # the bus is down or slow: the rest waits, in order
            if not self._bus_down:
                log.warning("live updates not published, retrying", error=str(e) or repr(e))
            self._bus_down = True
            await Outbox.filter(
                id__in=ids[len(done) :], publish_claim=self.worker, published_at__isnull=True
            ).update(publish_lease_until=now() + PUBLISH_RETRY)
        else:
            if self._bus_down:
                log.warning("live updates published again")
            self._bus_down = False
        if done:
            await Outbox.filter(id__in=done, publish_claim=self.worker).update(published_at=now())
        return len(done)

    async def notify_due(self) -> int:
        """Hand the notices this worker can claim to the notifier; a failure is retried later
        with backoff (by any worker), up to MAX_ATTEMPTS."""
        at = now()
        ids = await _claim(
            CLAIM_NOTICES,
            UNNOTIFIED,
            [at, MAX_ATTEMPTS],
            NOTICE_BATCH,
            at + self.lease,
            self.worker,
        )
        if not ids:
            return 0
        sent = 0
        for entry in await Outbox.filter(id__in=ids).order_by("id"):
            if self.stopping.is_set():  # shutting down: leave the rest to the other workers
                await self._release(entry)
                continue
            sent += await self._notify(entry)
        return sent

    async def _notify(self, entry: Outbox) -> int:
        """Send one notice under a renewed claim, cut at half the lease, so that its outcome
        is recorded before another worker could take it over; its lines carry the id of the
        request that wrote it."""
        with structlog.contextvars.bound_contextvars(request_id=entry.request_id):
            return await self._notify_one(entry)

    async def _notify_one(self, entry: Outbox) -> int:
        renewed = await Outbox.filter(
            id=entry.id, notify_claim=self.worker, notified_at__isnull=True
        ).update(notify_lease_until=now() + self.lease)
        if not renewed:  # our claim ran out and another worker took the entry
            return 0
        mine = Outbox.filter(id=entry.id, notify_claim=self.worker)
        try:
            async with asyncio.timeout(self.lease_seconds / 2):
                await self.notifier.send(
                    entry.citizen_id,
                    entry.kind,
                    {"zh": entry.payload["zh"], "en": entry.payload["en"]},
                    f"{self.prefix}:outbox:{entry.id}",
                )
        except Exception as e:  # any adapter failure is retried; the entry records why
            metrics.NOTICE_FAILED.inc()
            error = (str(e) or repr(e))[:200]
            attempts = entry.attempts + 1
            log.warning(
                "notice not sent",
                entry=entry.id,
                attempt=attempts,
                last=attempts >= MAX_ATTEMPTS,
                error=error,
            )
            await mine.update(
                attempts=attempts,
                next_attempt_at=now() + dt.timedelta(seconds=2**entry.attempts),
                last_error=error,
                notify_lease_until=None,
            )
            return 0
        metrics.NOTICE_SENT.inc()
        # Sent: a crash before this line sends the notice again after the lease (see above).
        await mine.update(notified_at=now(), attempts=entry.attempts + 1)
        return 1

    async def _release(self, entry: Outbox) -> None:
        await Outbox.filter(id=entry.id, notify_claim=self.worker, notified_at__isnull=True).update(
            notify_lease_until=None
        )

    async def run(self, interval: float = 0.2) -> None:
        backoff = 0.0  # while rounds fail: the longest wait before the next one
        while not self.stopping.is_set():
            try:
                busy = await self.publish_pending() + await self.notify_due()
            except Exception as e:  # the database is lost (or a bug): say so once, back off
                if not backoff:
                    log.warning(
                        "outbox dispatch failed; backing off until it succeeds",
                        error=str(e) or repr(e),
                        exc_info=True,
                    )
                backoff = min(BACKOFF_MAX, backoff * 2 or BACKOFF_FIRST)
                await self._pause(backoff * random.uniform(0.5, 1.0))
                continue
            if backoff:
                log.warning("outbox dispatch succeeds again")
                backoff = 0.0
            if not busy:
                await self._pause(interval)

    async def _pause(self, seconds: float) -> None:
        """Wait `seconds`, or less when the dispatcher is told to stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)
