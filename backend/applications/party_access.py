"""A party's access to a multi-party application: which part is the caller's, what they may
change of the answers, the Applicant each party is to the rules, and the notices the other
parties get. A one-applicant matter has no parts: everything here answers None or nothing."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backend.accounts.service import Citizen
from backend.applications import party_parts
from backend.applications.applicant import applicants_for
from backend.applications.models import Application, ApplicationParty
from backend.applications.party_parts import Part
from backend.applications.records import JOINED, ApplicationProblem, not_found, record_event
from backend.catalog.service import Applicant
from backend.datasources.service import Sharing
from backend.forms.validation import FieldError
from backend.notifications import service as notifications

NOTICES = uuid.UUID("6f1d4c52-8a1e-4c8e-9a57-3d1f2c0b7e11")  # namespace of parties' notices


async def rows_of(app: Application) -> list[ApplicationParty]:
    """The application's parties (a life event's: its parent's), in the order they came."""
    return await ApplicationParty.filter(application_id=app.parent_id or app.id).order_by("id")


def starter_of(app: Application, rows: list[ApplicationParty]) -> str | None:
    return next((r.party for r in rows if r.citizen_id == app.citizen_id), None)


async def part_for(
    app: Application, citizen: Citizen, definition: Mapping[str, Any]
) -> tuple[Part, list[ApplicationParty]] | None:
    """The caller's part and the application's parties; None for a one-applicant matter."""
    if not party_parts.declared(definition):
        return None
    rows = await rows_of(app)
    starter = starter_of(app, rows)
    if starter is None:  # started before its version declared parties
        return None
    mine = next((r for r in rows if r.citizen_id == citizen.id and r.status in JOINED), None)
    if mine is None:
        raise not_found()
    return party_parts.part_of(definition, mine.party, starter), rows


def not_your_part(paths: list[str]) -> ApplicationProblem:
    zh, en = "这部分由其他申请方填写或提供。", "Another party fills or provides this."
    return ApplicationProblem(
        "NOT_YOUR_PART",
        f"有 {len(paths)} 处属于其他申请方，您不能修改。",
        f"{len(paths)} item(s) belong to another party; you cannot change them.",
        [FieldError(p, "not_your_part", zh, en) for p in paths],
    )


def merge_answers(
    part: Part, citizen: Citizen, current: Mapping[str, Any], given: Any
) -> tuple[Any, list[FieldError]]:
    """The answers after a party's save: the other parties' private fields kept as they are
    (a change to one is NOT_YOUR_PART), the party's identity and name as verified."""
    if not isinstance(given, dict):
        return given, []
    theirs = sorted(k for k in given if k in part.hidden_fields and given[k] != current.get(k))
    if theirs:
        raise not_your_part([f"/answers/{k}" for k in theirs])
    merged = {k: v for k, v in current.items() if k in part.hidden_fields}
    merged.update({k: v for k, v in given.items() if k not in part.hidden_fields})
    problems = []
    verified = {part.identity_field: citizen.id_number, part.name_field: citizen.name}
    for name, value in verified.items():
        if name is None or not value:
            continue
        if merged.get(name) not in (None, value):
            problems.append(
                FieldError(
                    f"/answers/{name}",
                    "read_only",
                    "此项为您实名认证的信息，不能修改。",
                    "This is your verified identity; it cannot be changed.",
                )
            )
        merged[name] = value
    return merged, problems


async def reset_confirmations(app: Application, rows: list[ApplicationParty]) -> None:
    """The content changed: those who confirmed confirmed something else, and confirm again."""
    confirmed = [r for r in rows if r.status == "confirmed"]
    if not confirmed:
        return
    await ApplicationParty.filter(id__in=[r.id for r in confirmed]).update(
        status="joined", decided_at=None
    )
    for r in confirmed:
        r.status = "joined"
    zh = "申请内容已修改，已确认的各方需要重新确认。"
    en = "The application changed; the parties who confirmed it need to confirm again."
    await record_event(app, "confirmation_reset", zh, en)
    await tell(app, rows, None, "confirmation_reset", zh, en)


async def tell(
    app: Application,
    rows: list[ApplicationParty],
    sender: int | None,
    kind: str,
    zh: str,
    en: str,
) -> None:
    """A notice to every joined party but the starter (the timeline tells them) and `sender`."""
    for r in rows:
        if r.citizen_id in (None, sender, app.citizen_id) or r.status not in JOINED:
            continue
        await notifications.record(
            notice_id(app, r.citizen_id),
            r.citizen_id,
            kind,
            {"application_id": str(app.id), "kind": kind, "zh": zh, "en": en},
        )


def notice_id(app: Application, citizen_id: int) -> uuid.UUID:
    """Where a party's own notices about an application are kept in the outbox: apart from the
    application's steps, which its live subscribers follow."""
    return uuid.uuid5(NOTICES, f"{app.id}:{citizen_id}")


async def applicants(
    app: Application, rows: list[ApplicationParty], sharing: Sharing
) -> tuple[Applicant, dict[str, Applicant]]:
    """The starter's Applicant and each joined party's, as the rules see them: each with
    their own e-licenses, shared data, and the commitments and files of the application."""
    starter = starter_of(app, rows)
    wanted = {r.citizen_id for r in rows if r.citizen_id} | {app.citizen_id}
    citizens = {c.id: c for c in await Citizen.filter(id__in=wanted)}
    joined = {
        r.party: citizens[r.citizen_id]
        for r in rows
        if r.status in JOINED and r.citizen_id is not None and r.citizen_id in citizens
    }
    cast = {None if p == starter else p: c for p, c in joined.items()}
    cast.setdefault(None, citizens[app.citizen_id])
    seen = await applicants_for(app, cast, sharing)
    who = {p: seen[None if p == starter else p] for p in joined}
    return seen[None], who


@dataclass(frozen=True)
class PartyEntry:
    """One party as a party of the application sees them: another party's name masked."""

    party: str
    name: Mapping[str, str]
    role: str
    required: bool
    status: str | None  # None for a subject party
    is_me: bool
    holder_name: str | None
    confirm: Mapping[str, str] | None
    decline_reason: str | None


def masked(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


async def listing(
    app: Application, citizen: Citizen, definition: Mapping[str, Any]
) -> list[PartyEntry]:
    """Every declared party with where they stand; [] for a one-applicant matter."""
    declared = party_parts.declared(definition)
    if not declared:
        return []
    rows = {r.party: r for r in await rows_of(app)}
    ids = [r.citizen_id for r in rows.values() if r.citizen_id and r.status in JOINED]
    names = {c.id: c.name for c in await Citizen.filter(id__in=ids)} if ids else {}
    entries = []
    for p in declared:
        row = rows.get(p["id"])
        who = row.citizen_id if row and row.status in JOINED else None
        mine = who == citizen.id
        entries.append(
            PartyEntry(
                party=p["id"],
                name=p["name"],
                role=p["role"],
                required=party_parts.is_required(p),
                status=row.status if row and p["role"] == "applicant" else None,
                is_me=mine,
                holder_name=(names.get(who, "") if mine else masked(names.get(who, "")))
                if who
                else None,
                confirm=p.get("confirm"),
                decline_reason=row.decline_reason if row else None,
            )
        )
    return entries
