"""The window's identity check (身份核验): a resident ID's format and check character always;
then, where the province's identity service answers, whether the ID and the name belong
together. The service being down, slow or garbled never turns a citizen away by itself: the
clerk holds the ID card, and the check is recorded as not verified."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from backend.forms.formats import resident_id_problem

TIMEOUT = httpx.Timeout(3.0)
log = logging.getLogger("zerorun.identity")


@dataclass(frozen=True)
class IdentityService:
    """Where the province's identity service is (no url: not configured, never verified)."""

    url: str
    token: str


async def verified(service: IdentityService, id_number: str, name: str) -> bool | None:
    """True when the service says the ID and name match, False when it says they do not, None
    when it cannot say (not configured, down, too slow, an answer that is not one)."""
    if not service.url:
        return None
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as http:
            response = await http.post(
                f"{service.url}/identity/verify",
                json={"id_number": id_number, "name": name},
                headers={"Authorization": f"Bearer {service.token}"},
            )
        response.raise_for_status()
        match = response.json()["match"]
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as e:
        log.warning("identity service unavailable: %s", type(e).__name__)
        return None
    return match if isinstance(match, bool) else None


def format_problem(id_number: str) -> str | None:
    """What is wrong with the resident ID's form (length, digits, date, check character)."""
    return resident_id_problem(id_number)
