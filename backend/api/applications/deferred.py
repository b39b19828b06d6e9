"""Deferred materials (容缺受理) as both endpoints show them, and the citizen's upload that
delivers one: the back office keeps them, this module only reads and hands over."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.applications import service as applications
from backend.applications.service import Application as ApplicationRow
from backend.backoffice import service as backoffice
from backend.forms.validation import FieldError


@strawberry.type(
    description="A material the window accepted the application without (容缺受理), due by a date; the result is withheld until every one arrives."
)
class DeferredMaterial:
    material_id: str = strawberry.field(description="As the application's checklist names it.")
    name: LocalizedText
    due_on: dt.date = strawberry.field(description="The day it is due (a working day).")
    received_at: dt.datetime | None = strawberry.field(
        description="When it arrived; null while awaited."
    )
    overdue: bool = strawberry.field(
        description="Not here, and past its due date (or flagged so by the sweep)."
    )
    overdue_flagged_at: dt.datetime | None = strawberry.field(
        description="When the sweep flagged it overdue (once)."
    )

    @classmethod
    def of(cls, d: backoffice.DeferredView) -> DeferredMaterial:
        return cls(
            material_id=d.material_id,
            name=LocalizedText(zh=d.name.get("zh", ""), en=d.name.get("en", "")),
            due_on=d.due_on,
            received_at=d.received_at,
            overdue=d.overdue,
            overdue_flagged_at=d.overdue_flagged_at,
        )


async def deferred_of(info: Info, row: ApplicationRow) -> list[DeferredMaterial]:
    """An application's deferred materials, batched for the request ([] for a life event's member)."""
    if row.parent_id is not None:
        return []
    loader = info.context.loaders.of(backoffice.deferred_views)
    return [DeferredMaterial.of(d) for d in await loader.load(row.id)]


async def delivered(
    info: Info, application_id: str, material_id: str, file: Any
) -> ApplicationRow | None:
    """When the accepted application awaits this deferred material, the upload delivers it and
    the application is returned (completed if it was the last one every department waited
    for); else None: an ordinary upload."""
    citizen = info.context.citizen
    assert citizen is not None
    app = await applications.own(citizen, application_id)
    if not await backoffice.awaits(app, material_id):
        return None
    found = await applications.part_for(app, citizen, await applications.definition_of(app))
    if found is not None and material_id not in found[0].own_materials:
        raise applications.ApplicationProblem(  # another party's material: theirs to bring
            "NOT_YOUR_PART",
            "这项容缺材料由其他申请方补交。",
            "Another party brings this deferred material.",
            [FieldError(f"/materials/{material_id}", "not_your_part", "这部分由其他申请方填写或提供。", "Another party fills or provides this.")],
        )  # fmt: skip
    services = info.context.services
    who = f"citizen:{citizen.id}"
    store, limit = services.files, services.settings.max_upload_bytes
    await backoffice.deliver_upload(app, material_id, file, store, limit, who)
    await app.refresh_from_db()
    return app
