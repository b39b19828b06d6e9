"""Applications (办件): start, save, submit, and the citizen's own list. The server is the
authority: every submit re-validates the form and re-evaluates every rule against the exact
matter version the application is pinned to."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.timezone import localtime
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import bundles
from backend.applications.applicant import applicant_for as applicant_for  # re-exported
from backend.applications.materials import sign_commitment as sign_commitment
from backend.applications.materials import upload_material as upload_material
from backend.applications.models import Application as Application
from backend.applications.models import Correction as Correction
from backend.applications.records import (
    EDITABLE as EDITABLE,
)
from backend.applications.records import (
    ApplicationProblem as ApplicationProblem,
)
from backend.applications.records import (
    add_event as add_event,
)
from backend.applications.records import (
    children_of as children_of,
)
from backend.applications.records import (
    definition_of as definition_of,
)
from backend.applications.records import (
    listed_paths as listed_paths,
)
from backend.applications.records import (
    members as members,
)
from backend.applications.records import (
    not_editable as not_editable,
)
from backend.applications.records import (
    not_found as not_found,
)
from backend.applications.records import (
    own as own,
)
from backend.applications.records import (
    own_draft as own_draft,
)
from backend.applications.records import (
    record_event,
)
from backend.applications.records import (
    timeline as timeline,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    CatalogRows,
    Evaluation,
    LifeEvent,
    MaterialItem,
    Matter,
    MatterVersion,
    closed,
    evaluate,
)
from backend.datasources import service as datasources
from backend.datasources.service import Sharing
from backend.forms.validation import FieldError, compile_form
from backend.infra.ids import uuid7
from backend.wallet import service as wallet

# What other domains and the API use of this domain's own modules (its public surface).




async def start(citizen: Citizen, matter_code: str, key: str | None) -> Application:
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, matter_code, None)
    matter = await _published_matter(matter_code)
    try:
        async with in_transaction():
            app = await Application.create(
                id=uuid7(),
                citizen=citizen,
                matter_version_id=matter.published_version_id,
                matter_code=matter.code,
                idempotency_key=key,
                region_code=window_region(matter.region_code, citizen),
            )
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



async def save(
    citizen: Citizen, application_id: str, answers: Any, situation: Any
) -> tuple[Application, list[FieldError]]:
    """Keep a draft's answers; returns what is already wrong, ignoring what is still missing.
    Values that came from shared data stay as they came unless the form allows an edit."""
    app = await own_draft(citizen, application_id)
    definition = await definition_of(app)
    if app.matter_version_id:
        form = catalog.compiled(await MatterVersion.get(id=app.matter_version_id)).form
    else:  # a life event's merged form
        form = compile_form(closed(definition["form"]["schema"]))
    answers, app.provenance, problems = guard_prefill(definition, app.provenance, answers or {})
    problems += _prefixed("/answers", form.validate_partial(answers))
    problems += _situation_errors(definition, situation or {})
    app.answers, app.situation = answers, situation or {}
    await app.save(update_fields=["answers", "situation", "provenance", "updated_at"])
    return app, problems


def guard_prefill(
    definition: Mapping[str, Any], provenance: Mapping[str, Any], answers: Any
) -> tuple[Any, dict[str, Any], list[FieldError]]:
    if not isinstance(answers, dict):
        return answers, dict(provenance), []
    fields = definition["form"]["schema"].get("properties", {})
    answers, kept, errors = dict(answers), dict(provenance), []
    for name, p in provenance.items():
        if name not in answers:
            answers[name] = p["value"]
        elif answers[name] != p["value"] and not p["edited"]:
            if fields.get(name, {}).get("x-editable"):
                kept[name] = {**p, "edited": True}
            else:
                answers[name] = p["value"]
                errors.append(
                    FieldError(
                        f"/answers/{name}",
                        "read_only",
                        "此项由政府共享数据提供，不能修改；如有误，请联系数据来源部门更正。",
                        "This value comes from government records and cannot be changed here; ask the source department to correct it.",
                    )
                )
    return answers, kept, errors


async def submit(
    citizen: Citizen,
    sharing: Sharing,
    rows: CatalogRows,
    application_id: str,
    answers: Any = None,
    situation: Any = None,
    delivery_mode: str | None = None,
) -> Application:
    """Submit a draft after validating everything against its pinned version; submitting an
    application again (a retry) returns it as it is and creates nothing."""
    app = await own(citizen, application_id)
    if app.status not in EDITABLE:
        return app
    if app.status == "correction_requested":
        await _only_listed_changed(app, answers)
    if app.life_event_code is not None:
        return await _submit_bundle(citizen, sharing, app, answers, situation, delivery_mode)
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
    answers, _, read_only = guard_prefill(version.definition, app.provenance, answers)
    mode, delivery_errors = choose_delivery(version.definition, delivery_mode, answers)
    _check(
        await applicant_for(citizen, app, sharing),
        version,
        answers,
        situation,
        read_only + delivery_errors,
    )
    async with in_transaction():
        won = await _to_submitted(app, answers=answers, situation=situation, delivery_mode=mode)
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


async def _submit_bundle(
    citizen: Citizen,
    sharing: Sharing,
    parent: Application,
    answers: Any,
    situation: Any,
    delivery_mode: str | None,
) -> Application:
    """Validate the merged form once and every member's rules and materials, then fan out:
    each member becomes its department's application, all in one transaction."""
    answers = answers if answers is not None else parent.answers
    situation = situation if situation is not None else parent.situation
    merged = await definition_of(parent)
    answers, _, errors = guard_prefill(merged, parent.provenance, answers)
    mode, delivery_errors = choose_delivery(merged, delivery_mode, answers)
    errors += delivery_errors
    errors += _prefixed(
        "/answers", compile_form(closed(merged["form"]["schema"])).validate(answers)
    )
    who = await applicant_for(citizen, parent, sharing)
    children = await children_of(parent)
    version_of = {child.id: version for child, version in children}
    shares = {}
    for child, version in children:
        d = catalog.compiled(version).definition
        shares[child.id] = bundles.member_inputs(d, answers, situation)
        try:
            _check(bundles.member_applicant(who, d), version, *shares[child.id], [])
        except ApplicationProblem as p:
            types = {m.id: m.type for m in d.materials}
            errors += [
                replace(e, path=f"/materials/{types[e.path[11:]]}")
                if e.path.startswith("/materials/")
                else e
                for e in p.errors
            ]
    errors = list({(e.path, e.code, e.message_zh): e for e in errors}.values())
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
        )
    now = dt.datetime.now(dt.UTC)
    async with in_transaction():
        won = await _to_submitted(parent, answers=answers, situation=situation, delivery_mode=mode)
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


def _check(
    who: Applicant, version: MatterVersion, answers: Any, situation: Any, errors: list[FieldError]
) -> None:
    compiled = catalog.compiled(version)
    errors = errors + _prefixed("/answers", compiled.form.validate(answers))
    errors += _situation_errors(version.definition, situation)
    if not errors:
        result = evaluate(compiled, who, answers, situation)
        errors += [
            FieldError("", "not_eligible", r.message["zh"], r.message["en"])
            for r in result.eligibility
            if not r.passed and r.effect == "block"
        ]
        errors += [_missing(m) for m in result.materials if m.status in ("to_sign", "to_upload")]
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
        )


def _missing(m: MaterialItem) -> FieldError:
    if m.status == "to_sign":
        return FieldError(
            f"/materials/{m.id}",
            "commitment_missing",
            f"请签署告知承诺：{m.name['zh']}",
            f"Sign the commitment for: {m.name['en']}",
        )
    return FieldError(
        f"/materials/{m.id}", "upload_missing", f"请上传：{m.name['zh']}", f"Upload: {m.name['en']}"
    )


def _prefixed(prefix: str, errors: list[FieldError]) -> list[FieldError]:
    return [FieldError(prefix + e.path, e.code, e.message_zh, e.message_en) for e in errors]


def _situation_errors(definition: Mapping[str, Any], situation: Any) -> list[FieldError]:
    if not isinstance(situation, Mapping):
        return [
            FieldError("/situation", "type", "情形回答格式不正确。", "situation must be an object")
        ]
    declared = {s["id"]: s for s in definition.get("situations", [])}
    errors = [
        FieldError(
            f"/situation/{k}",
            "unknown_field",
            f"没有“{k}”这个情形问题。",
            f"No situation question {k!r}.",
        )
        for k in situation
        if k not in declared
    ]
    for sid, s in declared.items():
        values = [o["value"] for o in s["options"]]
        value = situation.get(sid, s.get("default"))
        if value is None:
            errors.append(
                FieldError(
                    f"/situation/{sid}",
                    "required",
                    f"请回答：{s['question']['zh']}",
                    f"Answer: {s['question']['en']}",
                )
            )
        elif value not in values:
            errors.append(
                FieldError(
                    f"/situation/{sid}",
                    "enum",
                    f"“{s['question']['zh']}”的回答不在选项中。",
                    f"The answer to {s['question']['en']!r} is not one of the options.",
                )
            )
    return errors


DELIVERY_NOTES = {
    "express": {
        "zh": "，结果将以快递寄出，寄出后可在此查看快递单号",
        "en": "; the result will be sent by express, with its tracking number here",
    },
    "pickup": {
        "zh": "，请到窗口领取结果（可网上预约）",
        "en": "; pick the result up at the window (you can book a time online)",
    },
}


def choose_delivery(
    definition: Mapping[str, Any], mode: str | None, answers: Any
) -> tuple[str, list[FieldError]]:
    """The delivery the citizen chose (the matter's first option when none), and what is wrong."""
    options = list(definition.get("delivery", []))
    chosen = mode or (options[0] if options else "none")
    if chosen not in options:
        return chosen, [
            FieldError(
                "/deliveryMode",
                "enum",
                f"此事项可选的送达方式：{'、'.join(options)}。",
                f"This matter delivers by: {', '.join(options)}.",
            )
        ]
    if chosen == "express" and not (
        isinstance(answers, dict) and str(answers.get("delivery_address", "")).strip()
    ):
        return chosen, [
            FieldError(
                "/answers/delivery_address",
                "required",
                "选择快递送达时请填写邮寄地址。",
                "Give the delivery address for express delivery.",
            )
        ]
    return chosen, []


async def complete(application_id: uuid.UUID) -> Application:
    """A department's decision that the application is done (the back office adds the real
    workflow): its output e-license is issued into the citizen's wallet, where it satisfies
    that material in every other matter; a life event completes with its last member."""
    app = await Application.get(id=application_id)
    if app.status not in ("submitted", "accepted") or app.matter_version_id is None:
        raise ApplicationProblem(
            "NOT_EDITABLE",
            "只有已提交的事项申请可以办结。",
            "Only a submitted matter application can be completed.",
        )
    d = catalog.compiled(await MatterVersion.get(id=app.matter_version_id)).definition
    output, department = d.output, catalog.as_text(d.department.name)
    citizen = await Citizen.get(id=app.citizen_id)
    async with in_transaction():
        if not await Application.filter(id=app.id, status=app.status).update(status="completed"):
            raise ApplicationProblem(
                "CONFLICT", "该申请已被处理。", "The application was already handled."
            )
        if output.license_type:
            await wallet.issue(
                citizen,
                app.id,
                output.license_type,
                department,
                {"matter": app.matter_code, "name": catalog.as_text(output.name)},
            )
            note = {
                "zh": f"，{output.name.zh}已发放到您的电子证照",
                "en": f"; {output.name.en} is now in your e-license wallet",
            }
        else:
            note = {"zh": "", "en": ""}
        sending = DELIVERY_NOTES.get(app.delivery_mode or "", {"zh": "", "en": ""})
        note = {lang: note[lang] + sending[lang] for lang in ("zh", "en")}
        await add_event(app, "completed", f"已办结{note['zh']}。", f"Completed{note['en']}.")
        if (
            app.parent_id
            and not await Application.filter(parent_id=app.parent_id)
            .exclude(status="completed")
            .exists()
        ):
            await Application.filter(id=app.parent_id).update(status="completed")
            parent = await Application.get(id=app.parent_id)
            await add_event(
                parent, "completed", "各部门均已办结。", "Every department has completed its part."
            )
    await app.refresh_from_db()
    return app




async def item_names(app: Application) -> dict[str, dict[str, str]]:
    """What citizens call each field and material of the application, by JSON pointer
    (/answers/<field>, /materials/<id>), as a correction notice names them."""
    if app.life_event_code:
        versions = [v for _, v in await children_of(app)]
    else:
        versions = [await MatterVersion.get(id=app.matter_version_id)]
    names: dict[str, dict[str, str]] = {}
    for d in (catalog.compiled(v).definition for v in versions):
        for key, prop in d.form.schema.get("properties", {}).items():
            title = prop.get("title", key)
            names.setdefault(f"/answers/{key}", {"zh": title, "en": prop.get("x-title-en", title)})
        for m in d.materials:
            names.setdefault(f"/materials/{m.id}", catalog.as_text(m.name))
    return names



async def evaluation_of(citizen: Citizen, app: Application, sharing: Sharing) -> Evaluation:
    who = await applicant_for(citizen, app, sharing)
    if app.life_event_code is not None:
        return bundles.evaluate_bundle(await members(app), who, app.answers, app.situation)
    version = await MatterVersion.get(id=app.matter_version_id)
    return evaluate(catalog.compiled(version), who, app.answers, app.situation)


async def start_life_event(citizen: Citizen, code: str, key: str | None) -> Application:
    """One application for a life event: a parent, and one child per member matter pinned to
    the version published now."""
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, None, code)
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
    try:
        async with in_transaction():
            parent = await Application.create(
                id=uuid7(),
                citizen=citizen,
                life_event_code=code,
                idempotency_key=key,
                region_code=window_region(event.region_code, citizen),
            )
            for m in matters:
                await Application.create(
                    id=uuid7(),
                    citizen=citizen,
                    parent=parent,
                    matter_code=m.code,
                    matter_version_id=m.published_version_id,
                )
            await add_event(
                parent, "started", f"已开始办理“{event.name_zh}”。", f"Started “{event.name_en}”."
            )
    except IntegrityError:
        first = await Application.get(citizen=citizen, idempotency_key=key)
        return _started_again(first, None, code)
    return parent



async def mine(citizen: Citizen, first: int, after: str | None) -> tuple[list[Application], bool]:
    """Newest first; ids are time-ordered, so the cursor is simply the last id seen."""
    qs = Application.filter(citizen=citizen, parent_id__isnull=True).order_by("-id")
    if after:
        try:
            qs = qs.filter(id__lt=uuid.UUID(after))
        except ValueError:
            raise ApplicationProblem(
                "INVALID_INPUT", "分页游标无效。", "after is not a cursor this API gave out."
            ) from None
    rows = await qs.limit(first + 1)
    return rows[:first], len(rows) > first



async def revoke_consent(sharing: Sharing, citizen: Citizen, consent_id: int) -> datasources.Consent:
    """The citizen withdraws a consent: the shared data goes (see datasources.revoke), and so
    does the record of which answers it filled in."""
    consent = await datasources.revoke(sharing, citizen, consent_id)
    app = await Application.get(id=consent.application_id)
    kept = {k: v for k, v in app.provenance.items() if v["source"] != consent.source_id}
    if kept != app.provenance:
        app.provenance = kept
        await app.save(update_fields=["provenance"])
    return consent

