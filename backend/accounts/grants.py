"""Authorisations a citizen grants another (家人代办): to whom (resident ID and name), for which
matters (or all), until when; revocable by the person who granted it, or given up by the person
it was granted to. Both see it in their ledger (`ledger`). Acting under one (`act_for`) needs it
in force; a session acting under it lasts no longer than it does."""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import Q

from backend.accounts.models import Citizen, Representation
from backend.accounts.problems import AccountProblem, invalid, problem
from backend.accounts.representation import citizen_by_id_number, represent
from backend.catalog.service import LifeEvent, Matter
from backend.forms.formats import resident_id_problem
from backend.forms.validation import FieldError

MAX_MATTERS = 20
MAX_IN_FORCE = 20  # authorisations one citizen has granted and not revoked, still valid
MAX_VALIDITY = dt.timedelta(days=366)  # a year, a leap day included
MAX_NAME = 50
LEDGER_SIZE = 200
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def person_errors(resident_id: str, name: str) -> list[FieldError]:
    """A resident ID that GB 11643 accepts and a name of 1 to 50 characters."""
    errors = []
    if resident_id_problem(resident_id) is not None:
        errors.append(
            FieldError(
                "/residentId",
                "INVALID_RESIDENT_ID",
                "公民身份号码不正确，请核对后重新填写。",
                "This is not a valid resident ID number.",
            )
        )
    if not 1 <= len(name.strip()) <= MAX_NAME:
        errors.append(
            FieldError(
                "/name",
                "INVALID_LENGTH",
                "姓名须为 1 到 50 个字。",
                "Give a name of 1 to 50 characters.",
            )
        )
    return errors


async def person(resident_id: str, name: str) -> Citizen:
    """The citizen with this resident ID (registered now if they never signed in), whose name
    must be the one given: a resident ID with another person's name is refused."""
    found = await Citizen.filter(id_number=resident_id).order_by("id").first()
    if found is not None and found.name != name.strip():
        raise invalid(
            [
                FieldError(
                    "/name",
                    "NAME_MISMATCH",
                    "姓名和公民身份号码不一致。",
                    "The name does not match the resident ID.",
                )
            ]
        )
    return found or await citizen_by_id_number(resident_id, name.strip(), {})


async def _matter_errors(matters: list[str]) -> list[FieldError]:
    if not matters:
        return [
            FieldError(
                "/matters",
                "EMPTY",
                "请至少选择一个事项，或选择全部事项。",
                "Choose at least one matter, or all (null).",
            )
        ]
    if len(matters) > MAX_MATTERS:
        return [
            FieldError(
                "/matters",
                "TOO_MANY",
                "最多选择 20 个事项；更多请选择全部事项。",
                "At most 20 matters; choose all (null) for more.",
            )
        ]
    known = {m.code for m in await Matter.filter(code__in=matters)}
    known |= {e.code for e in await LifeEvent.filter(code__in=matters)}
    return [
        FieldError(
            f"/matters/{i}",
            "UNKNOWN_MATTER",
            f"没有编码为 {code} 的事项。",
            f"No matter has the code {code}.",
        )
        for i, code in enumerate(matters)
        if code not in known
    ]


def _until_errors(valid_until: dt.datetime) -> list[FieldError]:
    until = valid_until if valid_until.tzinfo else valid_until.replace(tzinfo=SHANGHAI)
    if now() < until <= now() + MAX_VALIDITY:
        return []
    return [
        FieldError(
            "/validUntil",
            "OUT_OF_RANGE",
            "有效期须在今后一年之内。",
            "validUntil must be later than now and at most a year from now.",
        )
    ]


async def grant(
    principal: Citizen,
    resident_id: str,
    name: str,
    matters: list[str] | None,
    valid_until: dt.datetime,
) -> Representation:
    """`principal` authorises the person with this resident ID and name to act in their name."""
    errors = person_errors(resident_id, name) + _until_errors(valid_until)
    if matters is not None:
        matters = list(dict.fromkeys(matters))
        errors += await _matter_errors(matters)
    if resident_id == principal.id_number:
        errors.append(
            FieldError("/residentId", "SELF", "不能授权给自己。", "You cannot authorise yourself.")
        )
    if not errors and await _in_force_count(principal) >= MAX_IN_FORCE:
        errors.append(
            FieldError(
                "/residentId",
                "TOO_MANY",
                "您授权的代办人已有 20 位，请先收回不再需要的授权。",
                "You have 20 authorisations in force; revoke one you no longer need first.",
            )
        )
    if errors:
        raise invalid(errors)
    agent = await person(resident_id, name)
    until = valid_until if valid_until.tzinfo else valid_until.replace(tzinfo=SHANGHAI)
    made = await represent(
        principal,
        "authorisation",
        agent_citizen=agent,
        matters=matters,
        valid_until=until,
        evidence={"granted_by": "principal"},
    )
    made.principal, made.agent_citizen = principal, agent
    return made


async def _in_force_count(principal: Citizen) -> int:
    return await Representation.filter(
        principal_id=principal.id,
        basis="authorisation",
        revoked_at__isnull=True,
        valid_until__gt=now(),
    ).count()


# Who may end a representation: the principal ends what they allowed (an authorisation, an
# agent's or a window's filing for them); the agent gives up an authorisation or a guardianship.
ENDED_BY_PRINCIPAL = ("authorisation", "agent", "walk_in")
GIVEN_UP_BY_AGENT = ("authorisation", "guardian")


async def revoke(citizen: Citizen, representation_id: str) -> Representation:
    """End a representation at once: every session acting under it is refused from its next
    request. Ending one that already ended changes nothing."""
    found = await _related(citizen, representation_id)
    allowed = (
        found.basis in ENDED_BY_PRINCIPAL
        if found.principal_id == citizen.id
        else found.basis in GIVEN_UP_BY_AGENT
    )
    if not allowed:
        raise problem(
            "NOT_AUTHORISED",
            "监护关系只能由监护人本人放弃。",
            "Only the guardian can give up a guardianship.",
        )
    if found.revoked_at is None:
        found.revoked_at = now()
        await found.save(update_fields=["revoked_at"])
    return found


async def act_for(agent: Citizen, representation_id: str) -> Representation:
    """The representation `agent` acts under, while it is in force."""
    found = await _related(agent, representation_id)
    if found.agent_citizen_id != agent.id:
        raise _missing()
    if found.revoked_at is not None or (
        found.valid_until is not None and found.valid_until <= now()
    ):
        raise problem(
            "NOT_AUTHORISED",
            "这项授权已收回或已过期，不能再代办。",
            "This authorisation was revoked or has expired.",
        )
    return found


async def ledger(citizen: Citizen) -> list[Representation]:
    """What the citizen allowed others and what others allowed them, newest first."""
    return (
        await Representation.filter(Q(principal_id=citizen.id) | Q(agent_citizen_id=citizen.id))
        .select_related("principal", "agent_citizen")
        .order_by("-id")
        .limit(LEDGER_SIZE)
    )


async def _related(citizen: Citizen, representation_id: str) -> Representation:
    """A representation the citizen is a party to; any other id reads as missing."""
    if not representation_id.isdigit() or len(representation_id) > 9:
        raise _missing()
    found = (
        await Representation.filter(id=int(representation_id))
        .filter(Q(principal_id=citizen.id) | Q(agent_citizen_id=citizen.id))
        .select_related("principal", "agent_citizen")
        .first()
    )
    if found is None:
        raise _missing()
    return found


def _missing() -> AccountProblem:
    return problem("NOT_FOUND", "没有找到这项授权。", "No such authorisation of yours.")
