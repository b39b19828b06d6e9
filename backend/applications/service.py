"""Applications (办件): start, save, submit, and the citizen's own list. The server is the
authority: every submit re-validates the form and re-evaluates every rule against the exact
matter version the application is pinned to."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.models import Citizen
from backend.accounts.service import applicant
from backend.applications.models import Application, ApplicationEvent
from backend.catalog import service as catalog
from backend.catalog.evaluation import evaluate
from backend.catalog.models import Matter, MatterVersion
from backend.forms.validation import FieldError
from backend.infra.ids import uuid7


@dataclass(frozen=True)
class ApplicationProblem(Exception):
    """An expected failure, returned to the client as data."""

    code: str
    message_zh: str
    message_en: str
    errors: list[FieldError] = field(default_factory=list)


NOT_FOUND = ApplicationProblem("NOT_FOUND", "没有找到这份申请。", "No such application of yours.")


async def start(citizen: Citizen, matter_code: str, key: str | None) -> Application:
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return existing
    matter = await _published_matter(matter_code)
    try:
        async with in_transaction():
            app = await Application.create(
                id=uuid7(),
                citizen=citizen,
                matter_version_id=matter.published_version_id,
                matter_code=matter.code,
                idempotency_key=key,
            )
            await _event(
                app, "started", f"已开始填写“{matter.name_zh}”。", f"Started “{matter.name_en}”."
            )
    except IntegrityError:  # the same key raced in twice: the first one wins
        return await Application.get(citizen=citizen, idempotency_key=key)
    return app


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


async def own(citizen: Citizen, application_id: str) -> Application:
    """The citizen's own application; another citizen's id reads exactly like a missing one."""
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise NOT_FOUND from None
    app = await Application.get_or_none(id=uid, citizen=citizen)
    if app is None:
        raise NOT_FOUND
    return app


async def save(
    citizen: Citizen, application_id: str, answers: Any, situation: Any
) -> tuple[Application, list[FieldError]]:
    """Keep a draft's answers; returns what is already wrong, ignoring what is still missing."""
    app = await own(citizen, application_id)
    if app.status != "draft":
        raise ApplicationProblem(
            "NOT_EDITABLE",
            "申请已提交，不能再修改。",
            "The application was submitted; it can no longer change.",
        )
    version = await MatterVersion.get(id=app.matter_version_id)  # type: ignore[attr-defined]
    compiled = catalog.compiled(version)
    problems = _prefixed("/answers", compiled.form.validate_partial(answers or {}))
    problems += _situation_errors(version.definition, situation or {})
    app.answers, app.situation = answers or {}, situation or {}
    await app.save(update_fields=["answers", "situation", "updated_at"])
    return app, problems


async def submit(
    citizen: Citizen,
    *,
    key: str,
    application_id: str | None = None,
    matter_code: str | None = None,
    answers: Any = None,
    situation: Any = None,
) -> Application:
    existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
    if existing is not None and existing.status != "draft":
        return existing  # a retried submit
    if application_id is not None:
        app = await own(citizen, application_id)
        if app.status != "draft":
            return app
        version = await MatterVersion.get(id=app.matter_version_id)  # type: ignore[attr-defined]
        matter = await Matter.get(code=app.matter_code)
    elif matter_code is not None:
        matter = await _published_matter(matter_code)
        version = await MatterVersion.get(id=matter.published_version_id)
        app = None
    else:
        raise ApplicationProblem(
            "INVALID_INPUT", "请指明申请或事项。", "Give an applicationId or a matterCode."
        )
    if matter.status != "published":
        raise ApplicationProblem(
            "MATTER_RETIRED",
            "该事项已停止办理，不能提交。",
            "This matter is no longer offered; it cannot be submitted.",
        )
    answers = answers if answers is not None else (app.answers if app else {})
    situation = situation if situation is not None else (app.situation if app else {})
    _check(citizen, version, answers, situation)
    now = dt.datetime.now(dt.UTC)
    try:
        async with in_transaction():
            if app is None:
                app = await Application.create(
                    id=uuid7(),
                    citizen=citizen,
                    matter_version=version,
                    matter_code=matter.code,
                    idempotency_key=key,
                    status="submitted",
                    answers=answers,
                    situation=situation,
                    submitted_at=now,
                )
            else:
                won = await Application.filter(id=app.id, status="draft").update(
                    status="submitted",
                    answers=answers,
                    situation=situation,
                    submitted_at=now,
                )
                await app.refresh_from_db()
                if not won:
                    return app
            await _event(
                app,
                "submitted",
                f"已提交“{matter.name_zh}”，等待窗口受理。",
                f"Submitted “{matter.name_en}”; waiting for the window to accept it.",
            )
    except IntegrityError:
        return await Application.get(citizen=citizen, idempotency_key=key)
    return app


def _check(citizen: Citizen, version: MatterVersion, answers: Any, situation: Any) -> None:
    compiled = catalog.compiled(version)
    errors = _prefixed("/answers", compiled.form.validate(answers))
    errors += _situation_errors(version.definition, situation)
    if not errors:
        result = evaluate(compiled, applicant(citizen), answers, situation)
        errors += [
            FieldError("", "not_eligible", r.message["zh"], r.message["en"])
            for r in result.eligibility
            if not r.passed and r.effect == "block"
        ]
    if errors:
        raise ApplicationProblem(
            "INVALID", f"有 {len(errors)} 处需要修改。", f"{len(errors)} thing(s) to fix.", errors
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


async def _event(app: Application, kind: str, zh: str, en: str) -> None:
    await ApplicationEvent.create(application=app, kind=kind, message_zh=zh, message_en=en)


async def mine(citizen: Citizen, first: int, after: str | None) -> tuple[list[Application], bool]:
    """Newest first; ids are time-ordered, so the cursor is simply the last id seen."""
    qs = Application.filter(citizen=citizen).order_by("-id")
    if after:
        try:
            qs = qs.filter(id__lt=uuid.UUID(after))
        except ValueError:
            raise ApplicationProblem(
                "INVALID_INPUT", "分页游标无效。", "after is not a cursor this API gave out."
            ) from None
    rows = await qs.limit(first + 1)
    return rows[:first], len(rows) > first


async def timeline(app: Application) -> list[ApplicationEvent]:
    return await ApplicationEvent.filter(application=app).order_by("at", "id")
