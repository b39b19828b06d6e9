"""Guardians of minors act by right (监护人代办) once the relation is shown. The household register
(the `household` shared-data source, read by the caller at the guardian's request) lists the
minor children registered with the guardian; a child it lists is the guardian's ward until the
day they turn 18, for every matter. A relation the register does not show is shown by a
material the guardian uploads (出生医学证明, 户口簿, a court's appointment): never recorded from the
upload alone, it waits as a claim until a window clerk of the guardian's county reviews it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from backend.accounts.grants import SHANGHAI, now, person, person_errors
from backend.accounts.models import Citizen, GuardianshipClaim, Representation
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
    name = _minor(resident_id, name)
    if registered_children is None:
        raise problem(
            "NEEDS_MATERIAL",
            "户籍信息暂时查询不到，请稍后再试；也可以上传出生医学证明或户口簿，由窗口审核监护关系。",
            "The household register cannot be read now: try again later, or upload the birth "
            "certificate or household booklet for the window to review.",
        )
    if not _shown(registered_children, resident_id, name):
        raise problem(
            "NEEDS_MATERIAL",
            "户籍信息里没有查到这个孩子登记在您的户内。请上传出生医学证明或户口簿，由窗口审核监护关系。",
            "The household register does not list this child with you. Upload the birth "
            "certificate or household booklet: the window reviews the relation.",
        )
    return await _record(guardian, await person(resident_id, name), resident_id)


def _minor(resident_id: str, name: str) -> str:
    """The child's name, trimmed; refused unless the resident ID and name are well formed and
    the child is under 18."""
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
    return name


async def claim_by_material(
    guardian: Citizen, resident_id: str, name: str, file: tuple[str, str, str]
) -> GuardianshipClaim:
    """A claim over the child with this resident ID and name, shown by the material `file`
    (its key in the file store, its name and its content type), for a window clerk of the
    guardian's county to review; a second upload for the same child replaces the pending one's."""
    name = _minor(resident_id, name)
    key, filename, content_type = file
    region = str(guardian.profile.get("hukou_region") or (guardian.id_number or resident_id)[:6])
    pending = await GuardianshipClaim.filter(
        guardian_id=guardian.id, child_id_number=resident_id, status="pending"
    ).first()
    if pending is not None:
        pending.child_name, pending.file_key = name, key
        pending.filename, pending.content_type = filename, content_type
        await pending.save(update_fields=["child_name", "file_key", "filename", "content_type"])
        return pending
    return await GuardianshipClaim.create(
        guardian=guardian,
        child_id_number=resident_id,
        child_name=name,
        region_code=region,
        file_key=key,
        filename=filename,
        content_type=content_type,
    )


async def claims_of(guardian: Citizen) -> list[GuardianshipClaim]:
    """The guardian's own claims, newest first."""
    return await GuardianshipClaim.filter(guardian_id=guardian.id).order_by("-id").limit(50)


async def claims_to_review(region_code: str, limit: int = 100) -> list[GuardianshipClaim]:
    """The claims a county's window has still to review, oldest first, with their guardians."""
    return (
        await GuardianshipClaim.filter(region_code=region_code, status="pending")
        .order_by("id")
        .limit(limit)
        .prefetch_related("guardian")
    )


async def claim_in(region_code: str, claim_id: str) -> GuardianshipClaim:
    """A claim of this county, with its guardian; NOT_FOUND for any other."""
    found = (
        await GuardianshipClaim.filter(id=int(claim_id), region_code=region_code)
        .prefetch_related("guardian")
        .first()
        if claim_id.isdigit()
        else None
    )
    if found is None:
        raise problem("NOT_FOUND", "没有这条监护关系申请。", "No such guardianship claim.")
    return found


async def decide(
    claim: GuardianshipClaim, reviewer: str, grant: bool, reason: str | None
) -> GuardianshipClaim:
    """The window's decision on a pending claim: granted, the guardian acts for the child until
    they turn 18 (the material and the reviewer as its evidence); refused, with the reason the
    guardian reads. Deciding one already decided (two clerks at once) is a CONFLICT."""
    reason = (reason or "").strip()
    if not grant and not reason:
        raise invalid(
            [FieldError("/reason", "required", "请写明不予认可的理由。", "Say why it is refused.")]
        )
    if len(reason) > 300:
        raise invalid(
            [FieldError("/reason", "too_long", "理由最多 300 字。", "At most 300 characters.")]
        )
    decided = {"status": "granted" if grant else "refused", "decided_by": reviewer}
    won = await GuardianshipClaim.filter(id=claim.id, status="pending").update(
        **decided, decided_at=now(), reason=reason or None
    )
    if not won:
        raise problem(
            "CONFLICT",
            "这条申请已经由其他工作人员处理，请刷新后查看。",
            "Another member of staff has decided this claim; refresh to see it.",
        )
    if grant:
        child = await person(claim.child_id_number, claim.child_name)
        evidence = {"material": claim.file_key, "reviewed_by": reviewer, "claim": claim.id}
        made = await _record(claim.guardian, child, claim.child_id_number, evidence)
        await GuardianshipClaim.filter(id=claim.id).update(representation_id=made.id)
    await claim.refresh_from_db()
    return claim


async def _record(
    guardian: Citizen, child: Citizen, resident_id: str, evidence: dict[str, Any] | None = None
) -> Representation:
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
        evidence=evidence or {"source": "household", "shown_at": now().isoformat()},
    )
    made.principal, made.agent_citizen = child, guardian
    return made
