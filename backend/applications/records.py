"""An application's own records, which every use case of this domain starts from: whose it is,
the definition it is pinned to, the steps on its timeline, and the problems it reports."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import bundles
from backend.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationParty,
    Correction,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    CompiledMatter,
    MatterVersion,
)
from backend.forms.validation import FieldError
from backend.infra import actors
from backend.notifications import service as notifications


class ApplicationProblem(Exception):
    """An expected failure, returned to the client as data. A plain exception, raised fresh: a
    shared instance keeps every raise's traceback, a frozen one cannot pass a context manager."""

    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


def not_editable() -> ApplicationProblem:
    return ApplicationProblem(
        "NOT_EDITABLE",
        "申请已提交，不能再修改。",
        "The application was submitted; it can no longer change.",
    )


def not_found() -> ApplicationProblem:
    return ApplicationProblem("NOT_FOUND", "没有找到这份申请。", "No such application of yours.")


async def own(citizen: Citizen, application_id: str) -> Application:
    """The citizen's own application, or one they joined as a party; another citizen's id
    reads exactly like a missing one."""
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise not_found() from None
    app = await Application.get_or_none(id=uid)
    if app is None or not actors.may_touch(app.matter_code or app.life_event_code):
        raise not_found()  # outside what an authorisation covers reads as missing too
    if app.citizen_id != citizen.id and not await party_of(app, citizen):
        raise not_found()
    return app


JOINED = ("joined", "confirmed", "declined")


async def party_of(app: Application, citizen: Citizen) -> ApplicationParty | None:
    """The party the citizen plays in the application (a life event's: its parent's), once
    joined; None for its starter's own one-applicant application or someone else."""
    return await ApplicationParty.get_or_none(
        application_id=app.parent_id or app.id, citizen_id=citizen.id, status__in=JOINED
    )


async def own_draft(citizen: Citizen, application_id: str) -> Application:
    app = await own(citizen, application_id)
    if app.status != "draft":
        raise not_editable()
    return app


EDITABLE = ("draft", "correction_requested")


async def listed_paths(app: Application) -> set[str]:
    """What the open correction notice lets the citizen change."""
    open_notice = await Correction.filter(application_id=app.id, resolved_at__isnull=True).first()
    return {i["path"] for i in open_notice.items} if open_notice else set()


Children = list[tuple[Application, MatterVersion]]


async def definition_of(app: Application, children: Children | None = None) -> dict[str, Any]:
    """A matter application's pinned definition, or a life event's merged one (of `children`,
    its members, when the caller has them already)."""
    if app.life_event_code is None:
        version = await MatterVersion.get(id=app.matter_version_id)
        return dict(version.definition)
    children = await children_of(app) if children is None else children
    return bundles.merged_definition([v.definition for _, v in children])


async def add_event(app: Application, kind: str, zh: str, en: str) -> None:
    """A step on the citizen's timeline, and its outbox entry for live updates and notices
    (on the application the citizen follows: a life event's parent for its members' steps)."""
    async with in_transaction():
        await record_event(app, kind, zh, en)


async def record_event(app: Application, kind: str, zh: str, en: str) -> None:
    """add_event, for a caller already in a transaction (a savepoint costs two statements)."""
    event = await ApplicationEvent.create(
        application=app, kind=kind, message_zh=zh, message_en=en, actor=actors.acting()
    )
    await notifications.record(
        app.parent_id or app.id,
        app.citizen_id,
        kind,
        {
            "application_id": str(app.id),
            "kind": kind,
            "zh": zh,
            "en": en,
            "at": event.at.isoformat(),
            "region": app.region_code,  # for the window clerks' live queues
            "hall": app.received_hall_id,
        },
    )


async def timelines(ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[ApplicationEvent]]:
    """The timelines of several applications in one statement, each oldest first."""
    found: dict[uuid.UUID, list[ApplicationEvent]] = {i: [] for i in ids}
    for event in await ApplicationEvent.filter(application_id__in=list(found)).order_by("at", "id"):
        found[event.application_id].append(event)
    return found


async def children_of(parent: Application) -> Children:
    return (await children_by_parent([parent.id]))[parent.id]


async def children_by_parent(ids: list[uuid.UUID]) -> dict[uuid.UUID, Children]:
    """Life events' member applications with their pinned versions, by parent, in order."""
    children = await Application.filter(parent_id__in=ids).order_by("id")
    wanted = [c.matter_version_id for c in children]
    versions = {v.id: v for v in await MatterVersion.filter(id__in=wanted)}
    found: dict[uuid.UUID, Children] = {i: [] for i in ids}
    for c in children:
        if c.matter_version_id and c.parent_id:
            found[c.parent_id].append((c, versions[c.matter_version_id]))
    return found


async def members(
    app: Application, children: Children | None = None
) -> list[tuple[str, CompiledMatter]]:
    children = await children_of(app) if children is None else children
    return [(c.matter_code or "", catalog.compiled(v)) for c, v in children]


ACCEPTED = ("accepted", "completed")


async def accepted_among(ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Those of these applications a window accepted (since completed or not): the sweep
    schedules the checks of their commitments."""
    wanted = list(ids)
    if not wanted:
        return set()
    rows = await Application.filter(id__in=wanted, status__in=ACCEPTED).values_list("id", flat=True)
    return {uuid.UUID(str(r)) for r in rows}
