"""An agent (代办员, at a township or village hall) files for a citizen present with them, with
the citizen's consent: a one-time code sent to the mobile on record for them (consent_codes),
or a paper consent they signed, scanned into the file store. The filing is a representation of
basis "agent" naming the agent's username, lasting two hours; its session is the citizen's
own endpoint, every step recorded as staff:<username> on their timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.accounts.grants import now, person, person_errors
from backend.accounts.models import Citizen, Representation
from backend.accounts.problems import invalid, problem
from backend.accounts.representation import represent

ASSISTED = dt.timedelta(hours=2)


async def on_record(resident_id: str, name: str) -> tuple[Citizen, str]:
    """The citizen with this resident ID and name, and the mobile on record for them (the one
    their identity provider verified); refused when there is none: the agent then uses a
    signed paper consent."""
    name = name.strip()
    errors = person_errors(resident_id, name)
    if errors:
        raise invalid(errors)
    citizen = await Citizen.filter(id_number=resident_id).order_by("id").first()
    mobile = str(citizen.profile.get("mobile") or "") if citizen else ""
    if citizen is None or citizen.name != name or not mobile:
        raise problem(
            "NO_MOBILE_ON_RECORD",
            "没有这位群众登记过的手机号码，无法发送验证码；请改用纸质授权书。",
            "No mobile number is on record for this citizen; use a signed paper consent.",
        )
    return citizen, mobile


async def assist(
    agent_username: str, resident_id: str, name: str, evidence: dict[str, Any]
) -> tuple[Citizen, Representation]:
    """The agent's filing for the citizen, the consent shown by `evidence` (checked by the
    caller); the citizen is registered by resident ID if they never signed in."""
    errors = person_errors(resident_id, name)
    if errors:
        raise invalid(errors)
    citizen = await person(resident_id, name)
    made = await represent(
        citizen,
        "agent",
        agent_staff=agent_username,
        valid_until=now() + ASSISTED,
        evidence=evidence,
    )
    return citizen, made


async def end_filings(agent_username: str) -> int:
    """End every filing a staff member (an agent, a window clerk) is doing for citizens, as
    when their account is deactivated or its sessions end: the citizen tokens acting under
    them are refused from their next request. How many ended."""
    return await Representation.filter(agent_staff=agent_username, revoked_at__isnull=True).update(
        revoked_at=now()
    )
