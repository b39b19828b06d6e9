"""Guardians of minors act by right (监护人代办) once the relation is shown. The household register
(the `household` shared-data source, read by the caller at the guardian's request) lists the
minor children registered with the guardian; a child it lists is the guardian's ward until the
day they turn 18, for every matter. A relation the register does not show is not recorded from
an unreviewed upload: the guardian applies for the child in the matter itself, whose
guardianship material the window reviews (NEEDS_MATERIAL says so)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from backend.accounts.grants import SHANGHAI, now, person, person_errors
from backend.accounts.models import Citizen, Representation
from backend.accounts.problems import invalid, problem
from backend.accounts.representation import represent
from backend.forms.formats import parse_resident_id
from backend.forms.validation import FieldError

ADULT = 18


def coming_of_age(resident_id: str) -> dt.datetime:
    """Midnight (Asia/Shanghai) of the 18th birthday the resident ID gives (29 February: 1 March)."""
    parsed = parse_resident_id(resident_id)
    assert parsed is not None  # checked by person_errors
    born = parsed[0]
    try:
        day = born.replace(year=born.year + ADULT)
    except ValueError:
        day = dt.date(born.year + ADULT, 3, 1)
    return dt.datetime.combine(day, dt.time(), SHANGHAI)


def _shown(children: Sequence[dict[str, Any]] | None, resident_id: str, name: str) -> bool:
    return any(
        isinstance(c, dict) and c.get("id_number") == resident_id and c.get("name") == name
        for c in children or ()
    )


async def claim(
    guardian: Citizen,
    resident_id: str,
    name: str,
    registered_children: Sequence[dict[str, Any]] | None,
) -> Representation:
    """The guardian's right over the child with this resident ID and name, when the household
    register lists the child among the minor children registered with the guardian
    (`registered_children`: the register's answer, None when it could not be read)."""
    name = name.strip()
    errors = person_errors(resident_id, name)
    if not errors and coming_of_age(resident_id) <= now():
        errors.append(
            FieldError(
                "/residentId",
                "NOT_A_MINOR",
                "孩子已满 18 周岁，请让他（她）本人办理或授权您代办。",
                "The child is 18 or older: they act themself or authorise you.",
            )
        )
    if errors:
        raise invalid(errors)
    if registered_children is None:
        raise problem(
            "NEEDS_MATERIAL",
            "户籍信息暂时查询不到，请稍后再试；也可以在为孩子申请的事项里选择“为我的未成年子女”，"
            "上传出生医学证明或户口簿，由窗口审核监护关系。",
            "The household register cannot be read now: try again later, or apply for the child in "
            'the matter itself ("for my minor child") and upload the birth certificate or '
            "household booklet for the window to review.",
        )
    if not _shown(registered_children, resident_id, name):
        raise problem(
            "NEEDS_MATERIAL",
            "户籍信息里没有查到这个孩子登记在您的户内。请在为孩子申请的事项里选择“为我的未成年子女”，"
            "上传出生医学证明或户口簿，由窗口审核监护关系。",
            "The household register does not list this child with you. Apply for the child in the "
            'matter itself ("for my minor child") and upload the birth certificate or household '
            "booklet: the window reviews the relation.",
        )
    return await _record(guardian, await person(resident_id, name), resident_id)


async def _record(guardian: Citizen, child: Citizen, resident_id: str) -> Representation:
    """The guardianship in force for this pair, or a new one: claiming twice makes one."""
    current = await Representation.filter(
        principal_id=child.id,
        agent_citizen_id=guardian.id,
        basis="guardian",
        revoked_at__isnull=True,
        valid_until__gt=now(),
    ).first()
    made = current or await represent(
        child,
        "guardian",
        agent_citizen=guardian,
        valid_until=coming_of_age(resident_id),
        evidence={"source": "household", "shown_at": now().isoformat()},
    )
    made.principal, made.agent_citizen = child, guardian
    return made
