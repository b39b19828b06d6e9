"""Where a citizen's notice goes: the adapters of the notice gateway (a mini-program
subscription message, an SMS), or the log when no gateway is configured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import httpx
import structlog

from backend.accounts.service import Citizen
from backend.settings import Settings

log = structlog.get_logger("zerorun.notify")


class Notifier(Protocol):
    """Where a citizen's notice goes: a mini-program subscription message, an SMS… `key` is the
    same for every attempt at one notice (the gateway's idempotency key)."""

    async def send(self, citizen_id: int, kind: str, text: dict[str, str], key: str) -> None: ...


class LoggingNotifier:
    """The adapter when no gateway is configured: each notice becomes a log line, so that an
    operator sees what "sent" means in the outbox. The line names the citizen, the kind of step
    and the idempotency key, not the text: a notice's text may quote a reviewer's reasons or a
    citizen's own details, which do not belong in a log kept and shipped elsewhere; the key
    leads to the outbox entry, which holds the text."""

    async def send(self, citizen_id: int, kind: str, text: dict[str, str], key: str) -> None:
        log.info("notice logged, not delivered", citizen_id=citizen_id, kind=kind, key=key)


class Gateway:
    """An HTTP gateway with a bearer token; any failure raises, and the dispatcher retries."""

    def __init__(self, url: str, token: str, http: httpx.AsyncClient) -> None:
        self.url, self.token, self.http = url, token, http

    async def post(self, body: dict[str, object], key: str) -> None:
        response = await self.http.post(
            self.url,
            json=body,
            headers={"Authorization": f"Bearer {self.token}", "Idempotency-Key": key},
            timeout=5,
        )
        response.raise_for_status()


class MiniProgramNotifier:
    """A mini-program subscription message (订阅消息): the citizen's account on the platform,
    a template, and the template's fields."""

    TEMPLATE = "zerorun_progress"

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def send(self, citizen_id: int, kind: str, text: dict[str, str], key: str) -> None:
        citizen = await Citizen.get(id=citizen_id)
        await self.gateway.post(
            {
                "touser": f"{citizen.provider}:{citizen.subject}",
                "template_id": self.TEMPLATE,
                "data": {"thing1": {"value": text["zh"][:20]}, "phrase2": {"value": kind}},
                "page": "pages/applications/index",
            },
            key,
        )


class SmsNotifier:
    """A text message to the mobile number the identity provider verified."""

    SIGN = "浙里办"

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def send(self, citizen_id: int, kind: str, text: dict[str, str], key: str) -> None:
        citizen = await Citizen.get(id=citizen_id)
        mobile = citizen.profile.get("mobile")
        if not mobile:
            raise LookupError(f"citizen {citizen_id} has no verified mobile number")
        await self.gateway.post({"phone": mobile, "sign": self.SIGN, "content": text["zh"]}, key)


ADAPTERS: dict[str, Callable[[Gateway], Notifier]] = {
    "mini_program": MiniProgramNotifier,
    "sms": SmsNotifier,
}


def notifier_for(settings: Settings, http: httpx.AsyncClient) -> Notifier:
    """The configured gateway's adapter; without a gateway, the log, which is said once here
    (where a dispatcher starts) so that nobody takes "sent" for delivered."""
    if settings.notify_url:
        gateway = Gateway(settings.notify_url, settings.notify_token, http)
        return ADAPTERS[settings.notify_adapter](gateway)
    log.warning("no notice gateway configured: notices are logged, not delivered")
    return LoggingNotifier()
