"""The outbox dispatcher: every timeline step is published once for live updates (on any
worker, through the bus) and handed to the notifier until it is sent, with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx
import orjson

from backend.accounts.models import Citizen
from backend.applications.models import Outbox
from backend.infra.bus import Bus

log = logging.getLogger("zerorun.notify")
BATCH = 100
MAX_ATTEMPTS = 8


class Notifier(Protocol):
    """Where a citizen's notice goes: a mini-program subscription message, an SMS…"""

    async def send(self, citizen_id: int, kind: str, text: dict[str, str]) -> None: ...


class LoggingNotifier:
    """The default adapter: writes the notice to the log."""

    async def send(self, citizen_id: int, kind: str, text: dict[str, str]) -> None:
        log.info("notify citizen %s: %s %s", citizen_id, kind, text["zh"])


class Gateway:
    """An HTTP gateway with a bearer token; any failure raises, and the dispatcher retries."""

    def __init__(self, url: str, token: str, http: httpx.AsyncClient) -> None:
        self.url, self.token, self.http = url, token, http

    async def post(self, body: dict[str, object]) -> None:
        response = await self.http.post(
            self.url, json=body, headers={"Authorization": f"Bearer {self.token}"}, timeout=5
        )
        response.raise_for_status()


class MiniProgramNotifier:
    """A mini-program subscription message (订阅消息): the citizen's account on the platform,
    a template, and the template's fields."""

    TEMPLATE = "zerorun_progress"

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def send(self, citizen_id: int, kind: str, text: dict[str, str]) -> None:
        citizen = await Citizen.get(id=citizen_id)
        await self.gateway.post(
            {
                "touser": f"{citizen.provider}:{citizen.subject}",
                "template_id": self.TEMPLATE,
                "data": {"thing1": {"value": text["zh"][:20]}, "phrase2": {"value": kind}},
                "page": "pages/applications/index",
            }
        )


class SmsNotifier:
    """A text message to the mobile number the identity provider verified."""

    SIGN = "浙里办"

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def send(self, citizen_id: int, kind: str, text: dict[str, str]) -> None:
        citizen = await Citizen.get(id=citizen_id)
        mobile = citizen.profile.get("mobile")
        if not mobile:
            raise LookupError(f"citizen {citizen_id} has no verified mobile number")
        await self.gateway.post({"phone": mobile, "sign": self.SIGN, "content": text["zh"]})


ADAPTERS: dict[str, Callable[[Gateway], Notifier]] = {
    "mini_program": MiniProgramNotifier,
    "sms": SmsNotifier,
}


def channel(prefix: str, application_id: str) -> str:
    return f"{prefix}:application:{application_id}"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Dispatcher:
    bus: Bus
    notifier: Notifier
    prefix: str
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def publish_pending(self) -> int:
        """Publish the unpublished entries. One conditional UPDATE claims the whole batch for
        this dispatcher, so of several workers exactly one publishes each entry, and entries
        written together (one transaction) go out together, in order."""
        pending = [
            e.id for e in await Outbox.filter(published_at__isnull=True).order_by("id").limit(BATCH)
        ]
        if not pending:
            return 0
        token = uuid.uuid4().hex
        await Outbox.filter(id__in=pending, published_at__isnull=True).update(
            published_at=now(), claimed_by=token
        )
        claimed = await Outbox.filter(id__in=pending, claimed_by=token).order_by("id")
        for entry in claimed:
            await self.bus.publish(
                channel(self.prefix, str(entry.application_id)), orjson.dumps(entry.payload)
            )
        return len(claimed)

    async def notify_due(self) -> int:
        """Hand published entries to the notifier; a failure is retried later with backoff."""
        sent = 0
        due = Outbox.filter(
            published_at__isnull=False, notified_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        )
        for entry in await due.order_by("id").limit(BATCH):
            if entry.next_attempt_at and entry.next_attempt_at > now():
                continue
            try:
                await self.notifier.send(
                    entry.citizen_id,
                    entry.kind,
                    {"zh": entry.payload["zh"], "en": entry.payload["en"]},
                )
            except Exception as e:  # any adapter failure is retried; the entry records why
                delay = dt.timedelta(seconds=2**entry.attempts)
                await Outbox.filter(id=entry.id).update(
                    attempts=entry.attempts + 1,
                    next_attempt_at=now() + delay,
                    last_error=str(e)[:200],
                )
                continue
            await Outbox.filter(id=entry.id).update(notified_at=now(), attempts=entry.attempts + 1)
            sent += 1
        return sent

    async def run(self, interval: float = 0.2) -> None:
        while not self.stopping.is_set():
            try:
                busy = await self.publish_pending() + await self.notify_due()
            except Exception:  # keep dispatching; the next round retries
                log.exception("outbox dispatch failed")
                busy = 0
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stopping.wait(), interval)
