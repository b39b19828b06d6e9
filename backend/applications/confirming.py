"""A party's confirmation of a multi-party application, and submitting through it: each party
confirms their own part; the last required confirmation submits the application, validated
in full as any submission (its errors come back, the confirmations stay)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import orjson
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import party_access, party_parts
from backend.applications.checks import _missing, _prefixed, field_of, shown
from backend.applications.models import Application, ApplicationParty
from backend.applications.party_parts import Part
from backend.applications.reading import judged
from backend.applications.records import (
    EDITABLE,
    ApplicationProblem,
    Children,
    children_of,
    definition_of,
    own,
    record_event,
)
from backend.applications.submitting import form_of, save, submit_now
from backend.catalog.service import CatalogRows
from backend.datasources.service import Sharing
from backend.forms.validation import FieldError
from backend.seals import service as seals

# What a party signs when confirming, followed by the application's answers as they stand.
CONFIRMATION = (
    "本人确认以上申请内容真实、完整。I confirm the application above is true and complete."
)


async def submit(
    citizen: Citizen,
    sharing: Sharing,
    rows: CatalogRows,
    application_id: str,
    answers: Any = None,
    situation: Any = None,
    delivery_mode: str | None = None,
    session_id: uuid.UUID | None = None,
) -> Application:
    """Submit a draft after validating everything against its pinned version; a retry returns
    it as it is. A party of a multi-party application confirms with it, and hears which
    parties are still to confirm (PARTIES_PENDING) until the last one does."""
    app = await own(citizen, application_id)
    if app.status not in EDITABLE:
        return app
    children = None
    if app.matter_version_id is not None:  # the worker keeps the pinned version
        [version] = await rows.versions([app.matter_version_id])
        definition = dict(version.definition) if version else {}
    else:  # a life event's members, read once for the confirmation and the submission
        children = await children_of(app)
        definition = await definition_of(app, children)
    found = await party_access.part_for(app, citizen, definition)
    if found is not None and app.status == "draft":
        changes = (answers, situation, delivery_mode)
        return await _confirm(
            citizen, sharing, rows, app, (definition, children), found, changes, True, session_id
        )
    if found is not None and answers is not None:  # a correction: each party answers theirs
        answers, problems = party_access.merge_answers(found[0], citizen, app.answers, answers)
        if problems:
            n = len(problems)
            raise ApplicationProblem(
                "INVALID", f"有 {n} 处需要修改。", f"{n} thing(s) to fix.", problems
            )
    return await submit_now(
        app, sharing, rows, answers, situation, delivery_mode, citizen, children
    )


async def confirm(
    citizen: Citizen,
    sharing: Sharing,
    rows: CatalogRows,
    application_id: str,
    session_id: uuid.UUID | None = None,
) -> Application:
    """confirmParty: the caller confirms their part; the last required party's confirmation
    submits. For a one-applicant matter it is a submission."""
    app = await own(citizen, application_id)
    if app.parent_id is not None:  # a life event is confirmed as a whole
        return await confirm(citizen, sharing, rows, str(app.parent_id), session_id)
    if app.status != "draft":
        return await submit(citizen, sharing, rows, application_id, session_id=session_id)
    children = await children_of(app) if app.life_event_code else None
    definition = await definition_of(app, children)
    found = await party_access.part_for(app, citizen, definition)
    if found is None:
        return await submit_now(app, sharing, rows, caller=citizen, children=children)
    pinned = (definition, children)
    changes = (None, None, None)
    return await _confirm(citizen, sharing, rows, app, pinned, found, changes, False, session_id)


async def _confirm(
    citizen: Citizen,
    sharing: Sharing,
    rows: CatalogRows,
    app: Application,
    pinned: tuple[dict[str, Any], Children | None],
    found: tuple[Part, list[ApplicationParty]],
    changes: tuple[Any, Any, str | None],
    pending_is_error: bool,
    session_id: uuid.UUID | None,
) -> Application:
    """The caller's confirmation; `pinned`: the definition and, for a life event, its members
    (read once by the caller: they do not change until the submission)."""
    definition, children = pinned
    part, party_rows = found
    answers, situation, delivery_mode = changes
    if answers is not None or situation is not None:
        given = answers if answers is not None else part.visible_answers(app.answers)
        app, _ = await save(citizen, str(app.id), given, situation or app.situation)
        party_rows = await party_access.rows_of(app)
    if delivery_mode is not None and part.party == part.starter:
        app.delivery_mode = delivery_mode
        await app.save(update_fields=["delivery_mode", "updated_at"])
    _refuse_declined(party_rows)
    errors = await _own_part_errors(citizen, app, pinned, part, sharing)
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
        )
    mine = next(r for r in party_rows if r.party == part.party)
    if mine.status != "confirmed":
        await _confirmed(app, definition, mine, party_rows, session_id)
    pending = _pending(definition, party_rows)
    if pending and pending_is_error:
        raise ApplicationProblem(
            "PARTIES_PENDING",
            "您已确认；还需以下各方确认后才会提交。",
            "You confirmed; the application is submitted once these parties confirm too.",
            [
                FieldError(f"/parties/{p}", "pending", "尚未确认。", "Not confirmed yet.")
                for p in pending
            ],
        )
    if pending:
        return app
    return await submit_now(app, sharing, rows, caller=citizen, children=children)


def _refuse_declined(rows: list[ApplicationParty]) -> None:
    declined = [r.party for r in rows if r.status == "declined"]
    if declined:
        zh, en = "有申请方拒绝了申请。", "A party declined the application."
        raise ApplicationProblem(
            "DECLINED",
            "有申请方拒绝了申请，不能提交；发起方可以重新邀请。",
            "A party declined, so it cannot be submitted; the starter may invite them again.",
            [FieldError(f"/parties/{p}", "declined", zh, en) for p in declined],
        )


def _pending(definition: dict[str, Any], rows: list[ApplicationParty]) -> list[str]:
    """The parties still to confirm: every required applicant party, and any who joined."""
    status = {r.party: r.status for r in rows}
    return [
        p["id"]
        for p in party_parts.applicant_parties(definition)
        if status.get(p["id"]) != "confirmed"
        and (party_parts.is_required(p) or status.get(p["id"]) == "joined")
    ]


async def _own_part_errors(
    citizen: Citizen,
    app: Application,
    pinned: tuple[dict[str, Any], Children | None],
    part: Part,
    sharing: Sharing,
) -> list[FieldError]:
    """What is wrong or missing in the caller's own fields and materials; a field the form's
    rules hide is not asked for, as at submission."""
    definition, children = pinned
    form = await form_of(app, definition)
    result, unasked = await judged(citizen, app, sharing, children)
    errors = [
        e
        for e in _prefixed("/answers", form.validate(shown(app.answers, unasked)))
        if field_of(e.path) in part.own_fields - unasked
    ]
    errors += [
        _missing(m)
        for m in result.materials
        if m.status in ("to_sign", "to_upload") and m.id in part.own_materials
    ]
    return errors


async def _confirmed(
    app: Application,
    definition: dict[str, Any],
    mine: ApplicationParty,
    rows: list[ApplicationParty],
    session_id: uuid.UUID | None,
) -> None:
    """The party's confirmation, and their signature of what they confirmed: the statement
    and the answers as they stand, hashed, with the session and the time, sealed."""
    name = (party_parts.named(definition, mine.party) or {}).get("name") or {}
    async with in_transaction():
        await ApplicationParty.filter(id=mine.id).update(
            status="confirmed", decided_at=dt.datetime.now(dt.UTC)
        )
        mine.status = "confirmed"
        zh = f"{name.get('zh', mine.party)}已确认申请内容。"
        en = f"The {name.get('en', mine.party)} confirmed the application."
        await record_event(app, "party_confirmed", zh, en)
        answers = orjson.dumps(app.answers, option=orjson.OPT_SORT_KEYS).decode()
        await seals.record_signature(
            "confirmation",
            app.id,
            app.region_code,
            mine.citizen_id or 0,
            session_id,
            mine.party,
            f"{CONFIRMATION}\n{answers}",
        )
        await party_access.tell(app, rows, mine.citizen_id, "party_confirmed", zh, en)
