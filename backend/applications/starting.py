"""Starting an application: for one matter, pinned to the version published now, or for a life
event, one child per member matter; an idempotency key starts it once."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.models import Application
from backend.applications.records import (
    ApplicationProblem,
    add_event,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    LifeEvent,
    Matter,
)
from backend.forms.validation import FieldError
from backend.infra import actors
from backend.infra.ids import uuid7


async def start(citizen: Citizen, matter_code: str, key: str | None) -> Application:
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, matter_code, None)
    _in_scope(matter_code)
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


async def start_life_event(citizen: Citizen, code: str, key: str | None) -> Application:
    """One application for a life event: a parent, and one child per member matter pinned to
    the version published now."""
    if key:
        existing = await Application.get_or_none(citizen=citizen, idempotency_key=key)
        if existing is not None:
            return _started_again(existing, None, code)
    _in_scope(code)
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
