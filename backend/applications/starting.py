"""Starting an application: for one matter, pinned to the version published now, or for a life
event, one child per member matter; an idempotency key starts it once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen, applicant
from backend.applications import bundles, identity, party_parts
from backend.applications.models import Application, ApplicationParty
from backend.applications.records import (
    ApplicationProblem,
    add_event,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    CatalogRows,
    LifeEvent,
    Matter,
    MatterVersion,
)
from backend.forms.validation import FieldError
from backend.infra import actors
from backend.infra.ids import uuid7


async def start(
    citizen: Citizen,
    matter_code: str,
    key: str | None,
    as_party: str | None = None,
    rows: CatalogRows | None = None,
) -> Application:
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, matter_code, None)
    _in_scope(matter_code)
    matter = await _published_matter(matter_code)
    [definition] = await _definitions([matter.published_version_id or 0], rows)
    party = starting_party(definition, as_party)
    try:
        async with in_transaction():
            app = await Application.create(
                id=uuid7(),
                citizen=citizen,
                matter_version_id=matter.published_version_id,
                matter_code=matter.code,
                idempotency_key=key,
                answers=identity.prefilled(definition, applicant(citizen).profile),
                region_code=window_region(matter.region_code, citizen),
                channel=actors.channel(),
            )
            await _join_as_starter(app, citizen, definition, party)
            await add_event(
                app, "started", f"已开始填写“{matter.name_zh}”。", f"Started “{matter.name_en}”."
            )
    except IntegrityError:  # the same key raced in twice: the first one wins
        first = await Application.get(citizen=citizen, idempotency_key=key)
        return _started_again(first, matter_code, None)
    return app


def _started_again(
    app: Application, matter_code: str | None, event_code: str | None
) -> Application:
    """The application an idempotency key started, asked for again: only for the same matter or
    life event. A key reused for another is the client's mistake, never the other application."""
    if app.matter_code == matter_code and app.life_event_code == event_code:
        return app
    zh = "这个幂等键已用于另一项申请，请换一个新的键。"
    en = "This idempotencyKey already started another application; use a new key."
    raise ApplicationProblem(
        "CONFLICT", zh, en, [FieldError("/idempotencyKey", "CONFLICT", zh, en)]
    )


async def _definitions(ids: list[int], rows: CatalogRows | None) -> list[dict[str, Any]]:
    """The definitions of these versions: from the worker's catalog rows when given (a
    version never changes), else read."""
    if rows is not None:
        return [dict(v.definition) for v in await rows.versions(ids) if v is not None]
    found = {v.id: v.definition for v in await MatterVersion.filter(id__in=ids)}
    return [dict(found[i]) for i in ids if i in found]


def starting_party(definition: Mapping[str, Any], as_party: str | None) -> str | None:
    """The party the starter plays: the one asked for, else the first applicant party; None
    for a matter without parties (where asking for one is a mistake)."""
    chosen = as_party or party_parts.first_applicant(definition)
    if chosen is None and as_party is None:
        return None
    found = party_parts.named(definition, chosen or "")
    if found is None or found["role"] != "applicant":
        names = "、".join(p["id"] for p in party_parts.applicant_parties(definition)) or "-"
        zh = f"此事项没有“{chosen}”这个申请方（可选：{names}）。"
        en = f"This matter has no applicant party {chosen!r} (its parties: {names})."
        raise ApplicationProblem("INVALID_INPUT", zh, en, [FieldError("/asParty", "enum", zh, en)])
    return chosen


async def _join_as_starter(
    app: Application, citizen: Citizen, definition: Mapping[str, Any], party: str | None
) -> None:
    """The starter plays their party from the start: joined, their identity filled in."""
    if party is None:
        return
    await ApplicationParty.create(
        application=app,
        party=party,
        citizen=citizen,
        status="joined",
        joined_at=dt.datetime.now(dt.UTC),
    )
    part = party_parts.part_of(definition, party, party)
    verified = {part.identity_field: citizen.id_number, part.name_field: citizen.name}
    app.answers = {k: v for k, v in verified.items() if k and v}
    if app.answers:
        await app.save(update_fields=["answers"])


def _in_scope(code: str) -> None:
    """Someone acting under an authorisation scoped to some matters starts only those."""
    if not actors.may_touch(code):
        raise ApplicationProblem(
            "NOT_AUTHORISED",
            f"您获得的授权不包括事项 {code}，请让本人授权后再办。",
            f"Your authorisation does not cover {code}; ask the person to authorise it.",
        )


def window_region(matter_region: str, citizen: Citizen) -> str:
    """The county whose window handles the application: the matter's own county, or for a
    province or city matter, the applicant's registered county."""
    if not matter_region.endswith("00"):
        return matter_region
    return str(citizen.profile.get("hukou_region") or matter_region)


async def _published_matter(code: str) -> Matter:
    matter = await Matter.get_or_none(code=code)
    if matter is None:
        raise ApplicationProblem(
            "MATTER_NOT_FOUND", f"没有编码为 {code} 的事项。", f"No matter has the code {code}."
        )
    if matter.status != "published" or matter.published_version_id is None:
        raise ApplicationProblem(
            "MATTER_RETIRED", "该事项已停止办理。", "This matter is no longer offered."
        )
    return matter


async def _offered_life_event(code: str) -> tuple[LifeEvent, list[Matter]]:
    """The life event and its member matters, every one of them still offered."""
    event = await LifeEvent.get_or_none(code=code)
    if event is None:
        raise ApplicationProblem(
            "MATTER_NOT_FOUND",
            f"没有编码为 {code} 的一件事。",
            f"No life event has the code {code}.",
        )
    matters = await catalog.member_matters(event)
    if len(matters) != len(event.definition["matters"]):
        raise ApplicationProblem(
            "MATTER_RETIRED",
            "这件事中有事项已停止办理。",
            "A matter of this life event is no longer offered.",
        )
    return event, list(matters)


async def start_life_event(
    citizen: Citizen,
    code: str,
    key: str | None,
    as_party: str | None = None,
    rows: CatalogRows | None = None,
) -> Application:
    """One application for a life event: a parent, and one child per member matter pinned to
    the version published now."""
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, None, code)
    _in_scope(code)
    event, matters = await _offered_life_event(code)
    ids = [m.published_version_id or 0 for m in matters]
    merged = bundles.merged_definition(await _definitions(ids, rows))
    party = starting_party(merged, as_party)
    try:
        async with in_transaction():
            parent = await Application.create(
                id=uuid7(),
                citizen=citizen,
                life_event_code=code,
                idempotency_key=key,
                answers=identity.prefilled(merged, applicant(citizen).profile),
                region_code=window_region(event.region_code, citizen),
                channel=actors.channel(),
            )
            for m in matters:
                await Application.create(
                    id=uuid7(),
                    citizen=citizen,
                    parent=parent,
                    matter_code=m.code,
                    matter_version_id=m.published_version_id,
                    region_code=parent.region_code,  # each matter is the same window's
                    channel=actors.channel(),
                )
            await _join_as_starter(parent, citizen, merged, party)
            await add_event(
                parent, "started", f"已开始办理“{event.name_zh}”。", f"Started “{event.name_en}”."
            )
    except IntegrityError:
        first = await Application.get(citizen=citizen, idempotency_key=key)
        return _started_again(first, None, code)
    return parent
