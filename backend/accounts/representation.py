"""People acting for a citizen (代办 / 帮办): the representation that allows it, and the citizen
a window or an agent serves, found by resident ID. What each basis needs shown before a
representation is made (an authorisation granted, a guardian's relation, a consent code) is
checked by the use case that makes it; a representation made here is in force at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.accounts.models import Citizen, Representation

BASES = ("authorisation", "guardian", "agent", "walk_in")


async def represent(
    principal: Citizen,
    basis: str,
    *,
    agent_citizen: Citizen | None = None,
    agent_staff: str | None = None,
    matters: list[str] | None = None,
    valid_until: dt.datetime | None = None,
    evidence: dict[str, Any] | None = None,
) -> Representation:
    """Record that the agent (a citizen or a staff member, exactly one) may act for `principal`
    in the matters named (all when None) until `valid_until` (no end when None)."""
    if basis not in BASES or (agent_citizen is None) == (agent_staff is None):
        raise ValueError(f"a representation needs one agent and a basis of {BASES}")
    return await Representation.create(
        principal=principal,
        agent_citizen=agent_citizen,
        agent_staff=agent_staff,
        basis=basis,
        matters=matters,
        valid_until=valid_until,
        evidence=evidence,
    )


def covers_matter(representation: Representation | None, code: str | None) -> bool:
    """Whether acting under the representation may touch an application of this matter or
    life event (always, when acting as oneself or under an unscoped representation)."""
    if representation is None or representation.matters is None:
        return True
    return code is not None and code in representation.matters


async def citizen_by_id_number(id_number: str, name: str, profile: dict[str, Any]) -> Citizen:
    """The citizen with this resident ID, as an identity provider made them; or, for someone
    who never signed in (a walk-in, a minor), one registered now from what the window or the
    household register verified; when they sign in themself later, sign_in adopts this
    account (their applications stay theirs)."""
    found = await Citizen.filter(id_number=id_number).order_by("id").first()
    if found is not None:
        return found
    citizen, _ = await Citizen.get_or_create(
        provider="resident_id",
        subject=id_number,
        defaults={"name": name, "id_number": id_number, "profile": {**profile, "name": name}},
    )
    return citizen
