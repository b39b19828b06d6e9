"""The applicant as the window's queue lists them: masked, one statement for a page."""

from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.applications.service import Application
from backend.backoffice import service


@strawberry.type(description="Who applied, as a list shows them: name and resident ID masked.")
class MaskedApplicant:
    name: str = strawberry.field(description="Masked: 张*三 (first and last characters).")
    resident_id: str = strawberry.field(description="Masked: 330106********0311.")


async def masked_applicant(info: Info, row: Application) -> MaskedApplicant | None:
    found = await info.context.loaders.of(service.listed_applicants).load(row.citizen_id)
    return MaskedApplicant(name=found.name, resident_id=found.resident_id) if found else None
