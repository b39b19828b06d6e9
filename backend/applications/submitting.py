"""Saving a draft and submitting it: validated in full against its pinned version, a life
event fanned out to its members' departments in one transaction; a retry creates nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tortoise.timezone import localtime
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen, applicant
from backend.applications import bundles, identity, party_access, party_parts
from backend.applications.applicant import applicant_for  # re-exported
from backend.applications.checks import (
    _check,
    _prefixed,
    _situation_errors,
    choose_delivery,
    field_of,
    guard_prefill,
    hidden,
    hidden_in_bundle,
    shown,
)
from backend.applications.models import Application, Correction
from backend.applications.records import (
    EDITABLE,
    ApplicationProblem,
    Children,
    children_of,
    definition_of,
    listed_paths,
    own_draft,
    record_event,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    CatalogRows,
    Evaluation,
    Matter,
    MatterVersion,
    closed,
)
from backend.datasources.service import Sharing
from backend.forms.validation import FieldError, FormValidator, compile_form


async def save(
    citizen: Citizen, application_id: str, answers: Any, situation: Any
) -> tuple[Application, list[FieldError]]:
    """Keep a draft's answers; returns what is already wrong, ignoring what is still missing.
    Values that came from shared data stay as they came unless the form allows an edit. A
    party changes only their own and the common fields; a change after others confirmed
    asks them to confirm again."""
    app = await own_draft(citizen, application_id)
    definition = await definition_of(app)
    form = await form_of(app, definition)
    problems: list[FieldError] = []
    found = await party_access.part_for(app, citizen, definition)
    if found is not None:  # the situation is everyone's: kept when a party leaves it out
        answers, problems = party_access.merge_answers(found[0], citizen, app.answers, answers)
        situation = app.situation if situation is None else situation
    else:
        owner = citizen if citizen.id == app.citizen_id else await Citizen.get(id=app.citizen_id)
        answers, problems = identity.locked(definition, applicant(owner).profile, answers or {})
    before = (app.answers, app.situation)
    answers, app.provenance, guarded = guard_prefill(definition, app.provenance, answers or {})
    problems += guarded + _prefixed("/answers", form.validate_partial(answers))
    problems += _situation_errors(definition, situation or {})
    app.answers, app.situation = answers, situation or {}
    await app.save(update_fields=["answers", "situation", "provenance", "updated_at"])
    if found is not None and before != (app.answers, app.situation):
        async with in_transaction():
            await party_access.reset_confirmations(app, found[1])
    return app, problems


async def form_of(app: Application, definition: dict[str, Any]) -> FormValidator:
    """The form of a matter's pinned version, or a life event's merged form."""
    if app.matter_version_id:
        return catalog.compiled(await MatterVersion.get(id=app.matter_version_id)).form
    return compile_form(closed(definition["form"]["schema"]))


async def submit_now(
    app: Application,
    sharing: Sharing,
    rows: CatalogRows,
    answers: Any = None,
    situation: Any = None,
    delivery_mode: str | None = None,
    caller: Citizen | None = None,
    children: Children | None = None,
) -> Application:
    """Submit a draft (or a correction) after validating everything against its pinned
    version, every rule and material evaluated with each party as they are; submitting again
    (a retry) returns it as it is and creates nothing. `children`: a life event's members, if
    the caller read them already."""
    if app.status not in EDITABLE:
        return app
    if app.status == "correction_requested":
        await _only_listed_changed(app, answers)
    if app.life_event_code is not None:
        children = await children_of(app) if children is None else children
        changes = (answers, situation, delivery_mode)
        return await _submit_bundle(sharing, app, children, changes, caller)
    # The pinned version never changes: kept by the worker. The matter's status is read afresh,
    # as a write must not act on a retirement that has not reached this worker yet.
    [version] = await rows.versions([app.matter_version_id or 0])
    matter = await Matter.get_or_none(code=app.matter_code)
    if version is None or matter is None or matter.status != "published":
        raise ApplicationProblem(
            "MATTER_RETIRED",
            "该事项已停止办理，不能提交。",
            "This matter is no longer offered; it cannot be submitted.",
        )
    answers = app.answers if answers is None else answers
    situation = app.situation if situation is None else situation
    delivery_mode = app.delivery_mode if delivery_mode is None else delivery_mode
    answers, _, read_only = guard_prefill(version.definition, app.provenance, answers)
    who, parties = await _applicants(app, sharing, version.definition, caller)
    answers, not_mine = identity.locked(version.definition, who.profile, answers)
    mode, delivery_errors = choose_delivery(version.definition, delivery_mode, answers)
    answers = shown(answers, hidden(version, who, answers, situation, parties))
    ev = _check(who, version, answers, situation, read_only + not_mine + delivery_errors, parties)
    async with in_transaction():
        won = await _to_submitted(
            app,
            answers=answers,
            situation=situation,
            delivery_mode=mode,
            run_count=_trips(app, ev.run_count),
            automatic=_automatic(app, [(version, ev)]),
        )
        if won:
            await record_event(
                app,
                "submitted",
                f"已提交“{matter.name_zh}”，等待窗口受理。",
                f"Submitted “{matter.name_en}”; waiting for the window to accept it.",
            )
    if not won:  # a concurrent submit won: return what it made
        await app.refresh_from_db()
    return app


def _automatic(app: Application, evaluated: list[tuple[MatterVersion, Evaluation]]) -> bool:
    """Whether the back office may decide it at once by its rules (秒批): every matter (each
    member of a life event) declares it and qualifies as evaluated. A window filing is not:
    the clerk who filed it is there to accept it."""
    return app.channel != "window" and all(
        catalog.qualifies(catalog.compiled(v).definition, ev) for v, ev in evaluated
    )


def _trips(app: Application, evaluated: int) -> int:
    """The trips an application costs as submitted: a window filing is the one visit made (as
    the clerk's run count reports it); otherwise the evaluation's count."""
    return 1 if app.channel == "window" else evaluated


async def _to_submitted(app: Application, **changes: Any) -> bool:
    """Submit, or resubmit after a correction (the first submission time is kept, and the
    correction is resolved); false when a concurrent submit won. On success `app` holds the
    changes, as the database does."""
    if app.status == "draft":
        changes["submitted_at"] = dt.datetime.now(dt.UTC)
    changes["status"] = "submitted"
    won = await Application.filter(id=app.id, status=app.status).update(**changes)
    if won and app.status == "correction_requested":
        await Correction.filter(application_id=app.id, resolved_at__isnull=True).update(
            resolved_at=dt.datetime.now(dt.UTC)
        )
    if won:
        for name, value in changes.items():
            setattr(app, name, localtime(value) if isinstance(value, dt.datetime) else value)
    return bool(won)


async def _only_listed_changed(app: Application, answers: Any) -> None:
    if not isinstance(answers, dict):
        return
    listed = await listed_paths(app)
    changed = sorted(
        k
        for k in set(answers) | set(app.answers)
        if answers.get(k) != app.answers.get(k) and f"/answers/{k}" not in listed
    )
    if changed:
        errors = [
            FieldError(
                f"/answers/{k}",
                "not_listed",
                "补正时只能修改通知中列出的项目。",
                "Only the items the correction notice lists can change.",
            )
            for k in changed
        ]
        raise ApplicationProblem(
            "INVALID",
            f"有 {len(errors)} 处不在补正通知内。",
            f"{len(errors)} change(s) outside the correction notice.",
            errors,
        )


async def _applicants(
    app: Application, sharing: Sharing, definition: Mapping[str, Any], caller: Citizen | None
) -> tuple[Applicant, dict[str, Applicant] | None]:
    """The starter as the rules see them, and each party of a multi-party application."""
    rows = await party_access.rows_of(app) if party_parts.declared(definition) else []
    if rows:
        return await party_access.applicants(app, rows, sharing)
    starter = caller if caller and caller.id == app.citizen_id else None
    starter = starter or await Citizen.get(id=app.citizen_id)
    return await applicant_for(starter, app, sharing), None


async def _submit_bundle(
    sharing: Sharing,
    parent: Application,
    children: Children,
    changes: tuple[Any, Any, str | None],
    caller: Citizen | None,
) -> Application:
    """Validate the merged form once and every member's rules and materials, then fan out:
    each member becomes its department's application, all in one transaction."""
    answers, situation, delivery_mode = changes
    answers = answers if answers is not None else parent.answers
    situation = situation if situation is not None else parent.situation
    delivery_mode = delivery_mode if delivery_mode is not None else parent.delivery_mode
    merged = await definition_of(parent, children)
    answers, _, errors = guard_prefill(merged, parent.provenance, answers)
    who, parties = await _applicants(parent, sharing, merged, caller)
    answers, not_mine = identity.locked(merged, who.profile, answers)
    mode, delivery_errors = choose_delivery(merged, delivery_mode, answers)
    errors += not_mine + delivery_errors
    unasked = hidden_in_bundle(children, who, parties, answers, situation)
    answers = shown(answers, unasked)
    errors += [
        e
        for e in _prefixed(
            "/answers", compile_form(closed(merged["form"]["schema"])).validate(answers)
        )
        if field_of(e.path) not in unasked
    ]
    version_of = {child.id: version for child, version in children}
    shares, evaluated = {}, {}
    for child, version in children:
        d = catalog.compiled(version).definition
        shares[child.id] = bundles.member_inputs(d, answers, situation)
        try:
            evaluated[child.id] = _check(
                bundles.member_applicant(who, d),
                version,
                *shares[child.id],
                [],
                {p: bundles.member_applicant(a, d) for p, a in (parties or {}).items()},
            )
        except ApplicationProblem as p:
            types = {m.id: m.type for m in d.materials}
            errors += [
                replace(e, path=f"/materials/{types[e.path[11:]]}")
                if e.path.startswith("/materials/")
                else e
                for e in p.errors
            ]
    errors = list({(e.path, e.code, e.message_zh): e for e in errors}.values())
    runs = {child_id: ev.run_count for child_id, ev in evaluated.items()}
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
        )
    now = dt.datetime.now(dt.UTC)
    async with in_transaction():
        won = await _to_submitted(
            parent,
            answers=answers,
            situation=situation,
            delivery_mode=mode,
            run_count=_trips(parent, max(runs.values(), default=0)),
            automatic=bool(children)
            and _automatic(parent, [(version_of[i], ev) for i, ev in evaluated.items()]),
        )
        if not won:
            await parent.refresh_from_db()
            return parent
        for child, _ in children:
            child_answers, child_situation = shares[child.id]
            options = catalog.compiled(version_of[child.id]).definition.delivery
            await Application.filter(id=child.id).update(
                status="submitted",
                answers=child_answers,
                situation=child_situation,
                submitted_at=now,
                delivery_mode=mode if mode in options else options[0],
                run_count=_trips(parent, runs[child.id]),
            )
            matter = await Matter.get(code=child.matter_code)
            await record_event(
                child,
                "submitted",
                f"已转{matter.department_name}办理“{matter.name_zh}”。",
                f"Sent to {matter.department_code} for “{matter.name_en}”.",
            )
        await record_event(
            parent,
            "submitted",
            f"已提交，{len(children)} 个部门将并联办理。",
            f"Submitted; {len(children)} departments review it in parallel.",
        )
    await parent.refresh_from_db()
    return parent
