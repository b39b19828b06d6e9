"""A citizen's consent to an agent's filing (代办员帮办), by a one-time code sent to the mobile
on record for them, never to one the agent types. Six digits, kept only as an HMAC under the
server's key, for 10 minutes; five wrong tries lock the code (and any other sent meanwhile)
for the rest of its 10 minutes; an agent sends at most three codes to one citizen an hour.
Kept in the shared key-value store (Redis across workers), as the sign-in throttles are."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from backend.accounts.problems import problem
from backend.infra.kv import KeyValue

CODE_SECONDS = 600
MAX_TRIES = 5
SENDS_PER_HOUR = 3


def masked_mobile(mobile: str) -> str:
    """138****0001: enough for the citizen to recognise their number, not for the agent to learn it."""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) >= 7 else "****"


@dataclass
class ConsentCodes:
    kv: KeyValue
    secret: str
    prefix: str

    def _key(self, what: str, agent: str, id_number: str) -> str:
        return f"{self.prefix}:consent:{what}:{agent}:{id_number}"

    def _digest(self, agent: str, id_number: str, code: str) -> bytes:
        message = f"{agent}:{id_number}:{code}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest().encode()

    async def issue(self, agent: str, id_number: str) -> tuple[str, dt.datetime]:
        """A new code for the agent to ask the citizen for (sent by the caller), and when it
        expires; it replaces any code sent before."""
        sends = await self.kv.incr_window(self._key("sent", agent, id_number), 3600)
        if sends > SENDS_PER_HOUR:
            raise problem(
                "RATE_LIMITED",
                "一小时内最多给同一位群众发送 3 次验证码，请稍后再试，或改用纸质授权书。",
                "At most three codes an hour to one citizen; try later or use a signed paper consent.",
            )
        code = f"{secrets.randbelow(1_000_000):06d}"
        key = self._key("code", agent, id_number)
        await self.kv.set(key, self._digest(agent, id_number, code), CODE_SECONDS)
        return code, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=CODE_SECONDS)

    async def check(self, agent: str, id_number: str, code: str) -> None:
        """The code sent last, used once; raises CODE_WRONG, CODE_EXPIRED or LOCKED."""
        tries = await self.kv.incr_window(self._key("tries", agent, id_number), CODE_SECONDS)
        key = self._key("code", agent, id_number)
        if tries > MAX_TRIES:
            await self.kv.delete(key)
            raise _locked()
        stored = await self.kv.get(key)
        if stored is None:
            raise problem(
                "CODE_EXPIRED",
                "验证码已失效，请重新发送。",
                "The code has expired or was used; send a new one.",
            )
        if not hmac.compare_digest(stored, self._digest(agent, id_number, code.strip())):
            if tries == MAX_TRIES:
                await self.kv.delete(key)
                raise _locked()
            raise problem(
                "CODE_WRONG",
                f"验证码不正确，还可以再试 {MAX_TRIES - tries} 次。",
                f"Wrong code; {MAX_TRIES - tries} tries left.",
            )
        await self.kv.delete(key)


def _locked() -> Exception:
    return problem(
        "LOCKED",
        "验证码输错 5 次，已锁定 10 分钟；请稍后重新发送，或改用纸质授权书。",
        "Five wrong codes: locked for 10 minutes. Send a new one later or use a signed paper consent.",
    )
