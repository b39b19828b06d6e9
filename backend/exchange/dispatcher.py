"""Delivering handed-off tasks to departments' systems: each delivery claimed by one worker
under a lease (SKIP LOCKED on PostgreSQL, one conditional UPDATE … RETURNING on SQLite, as the
outbox's dispatcher does), POSTed signed with a bounded timeout, retried with exponential
backoff and jitter, and given up (dead: logged once, counted, redelivered by an operator) after
its attempts. A 2xx whose body is not `{"ack_id": "..."}` is a wrong answer: a failure."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import orjson
import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from backend.exchange import payload, signing
from backend.exchange.deliveries import now
from backend.exchange.endpoints import endpoint_for
from backend.exchange.models import Delivery
from backend.infra import metrics
from backend.notifications.service import worker_name
from backend.settings import Settings

log = structlog.get_logger("zerorun.exchange")
BATCH = 10  # a worker claims no more than it delivers soon: the others share the load
MAX_ANSWER_BYTES = 16_384  # an acknowledgement is a few bytes; more is not read
ROUND_BACKOFF_MAX = 30.0  # seconds between rounds while the database is lost

READY = """"status" = 'pending' AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= $1)
    AND ("lease_until" IS NULL OR "lease_until" <= $1)"""
CLAIM = f"""
WITH picked AS (
    SELECT "id" FROM "exchange_delivery" WHERE {READY} ORDER BY "id" LIMIT $2 {{lock}}
)
UPDATE "exchange_delivery" SET "claim" = $3, "lease_until" = $4
WHERE "id" IN (SELECT "id" FROM picked)
RETURNING "id"
"""


class Refused(Exception):
    """The attempt failed: the system is down, slow, refused it or answered wrongly."""


async def claim(batch: int, until: dt.datetime, me: str) -> list[int]:
    """The ids this worker now holds; a read-only probe first, so an idle worker never takes
    SQLite's write lock."""
    connection: BaseDBAsyncClient = Delivery._meta.db
    sqlite = connection.capabilities.dialect == "sqlite"

    def sql(text: str) -> str:
        text = text.replace("{lock}", "" if sqlite else "FOR UPDATE SKIP LOCKED")
        return re.sub(r"\$(\d+)", r"?\1", text) if sqlite else text

    def param(value: dt.datetime) -> object:  # SQLite keeps times as text, compared as text
        return value.astimezone(dt.UTC).isoformat(" ", "microseconds") if sqlite else value

    at = param(now())
    probe = f'SELECT 1 FROM "exchange_delivery" WHERE {READY} LIMIT 1'
    _, found = await connection.execute_query(sql(probe), [at])
    if not found:
        return []
    _, rows = await connection.execute_query(sql(CLAIM), [at, batch, me, param(until)])
    return sorted(int(row["id"]) for row in rows)


@dataclass
class Deliverer:
    """One worker's dispatcher of deliveries. `secret_of` gives a key id's HMAC secret."""

    http: httpx.AsyncClient
    secret_of: Callable[[str], str | None]
    timeout_seconds: float = 5.0
    max_attempts: int = 10
    lease_seconds: float = 60.0
    backoff_first: float = 5.0  # seconds before the second attempt, doubling up to backoff_max
    backoff_max: float = 3600.0
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    worker: str = field(default_factory=worker_name)

    async def deliver_due(self) -> int:
        """Deliver what this worker can claim now: how many were delivered."""
        ids = await claim(BATCH, now() + dt.timedelta(seconds=self.lease_seconds), self.worker)
        delivered = 0
        for delivery in await Delivery.filter(id__in=ids).order_by("id") if ids else []:
            if self.stopping.is_set():  # shutting down: leave the rest to the other workers
                await Delivery.filter(id=delivery.id, claim=self.worker).update(lease_until=None)
                continue
            with structlog.contextvars.bound_contextvars(delivery=delivery.id):
                delivered += await self._deliver(delivery)
        return delivered

    async def _deliver(self, delivery: Delivery) -> int:
        lease = now() + dt.timedelta(seconds=self.lease_seconds)
        mine = Delivery.filter(id=delivery.id, claim=self.worker, status="pending")
        if not await mine.update(lease_until=lease):  # our claim ran out, another took it
            return 0
        try:
            async with asyncio.timeout(min(self.timeout_seconds, self.lease_seconds / 2)):
                ack = await self._post(delivery)
        except (Refused, httpx.HTTPError, TimeoutError) as e:
            said = f"{type(e).__name__}: {e}" if isinstance(e, httpx.HTTPError) else str(e)
            await self._failed(delivery, (said or type(e).__name__)[:200])
            return 0
        # Delivered: a crash before this line delivers it again after the lease, with the same
        # Idempotency-Key, which the department's system answers once.
        await mine.update(
            status="delivered",
            delivered_at=now(),
            acknowledged_id=ack,
            attempts=delivery.attempts + 1,
            last_error=None,
            lease_until=None,
        )
        metrics.DELIVERED.inc()
        log.info("delivered to the department's system", ack=ack)
        return 1

    async def _post(self, delivery: Delivery) -> str:
        endpoint = await endpoint_for(delivery.department_code, delivery.region_code)
        if endpoint is None:
            raise Refused(f"no system declared for {delivery.department_code}")
        secret = self.secret_of(endpoint.key_id)
        if secret is None:
            raise Refused(f"no secret for key id {endpoint.key_id}")
        body = payload.encoded(delivery.body)
        headers = {
            **signing.signed_headers(endpoint.key_id, secret, body),
            "Content-Type": "application/json",
            "Idempotency-Key": str(delivery.id),
        }
        async with self.http.stream("POST", endpoint.url, content=body, headers=headers) as answer:
            if not 200 <= answer.status_code < 300:
                raise Refused(f"HTTP {answer.status_code}")
            content = b""
            async for chunk in answer.aiter_bytes():  # read no more than an answer needs
                content += chunk
                if len(content) > MAX_ANSWER_BYTES:
                    raise Refused("wrong answer: too long")
        return _ack(content)

    async def _failed(self, delivery: Delivery, error: str) -> None:
        attempts = delivery.attempts + 1
        mine = Delivery.filter(id=delivery.id, claim=self.worker, status="pending")
        if attempts >= self.max_attempts:
            if await mine.update(
                status="dead", attempts=attempts, last_error=error, lease_until=None
            ):
                metrics.DELIVERY_DEAD.inc()
                log.error(
                    "delivery given up: redeliver it with `zerorun exchange redeliver`",
                    attempts=attempts,
                    error=error,
                    department=delivery.department_code,
                )
            return
        wait = min(self.backoff_max, self.backoff_first * 2 ** (attempts - 1))
        wait *= random.uniform(0.5, 1.0)  # jitter: deliveries failed together spread out
        metrics.DELIVERY_FAILED.inc()
        log.warning("delivery failed, retrying", attempt=attempts, error=error, wait=wait)
        await mine.update(
            attempts=attempts,
            next_attempt_at=now() + dt.timedelta(seconds=wait),
            last_error=error,
            lease_until=None,
        )

    async def run(self, interval: float = 0.5) -> None:
        backoff = 0.0
        while not self.stopping.is_set():
            try:
                busy = await self.deliver_due()
            except Exception as e:  # the database is lost (or a bug): say so once, back off
                if not backoff:
                    log.warning("delivering failed; backing off", error=str(e) or repr(e))
                backoff = min(ROUND_BACKOFF_MAX, backoff * 2 or 0.2)
                await self._pause(backoff * random.uniform(0.5, 1.0))
                continue
            backoff = 0.0
            if not busy:
                await self._pause(interval)

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)


def _ack(content: bytes) -> str:
    """The department's receipt id from its answer; Refused for a wrong answer."""
    try:
        doc = orjson.loads(content)
    except orjson.JSONDecodeError:
        raise Refused("wrong answer: not JSON") from None
    ack = doc.get("ack_id") if isinstance(doc, dict) else None
    if not isinstance(ack, str) or not 0 < len(ack) <= 64:
        raise Refused("wrong answer: no ack_id")
    return ack


def deliverer_for(settings: Settings, http: httpx.AsyncClient) -> Deliverer:
    """The deliverer a worker or `zerorun dispatch` runs, as the settings say."""
    return Deliverer(
        http,
        settings.exchange_secret,
        settings.exchange_timeout_seconds,
        settings.exchange_max_attempts,
        settings.outbox_lease_seconds,
        settings.exchange_backoff_seconds,
    )
