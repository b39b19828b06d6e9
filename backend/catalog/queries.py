from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from backend.accounts.service import applicant
from backend.api.context import Info
from backend.api.types import LocalizedText, PageInfo
from backend.catalog import service
from backend.catalog.evaluation import evaluate
from backend.catalog.types import (
    EvaluateResult,
    Evaluation,
    LifeEvent,
    Matter,
    MatterConnection,
    MatterEdge,
    MatterNotFound,
)

MAX_PAGE = 100


@strawberry.input
class MatterFilter:
    region: str | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    kind: str | None = strawberry.UNSET
    life_event: str | None = strawberry.UNSET
    keyword: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Substring of the name, keywords or department, in Chinese or English.",
    )


@strawberry.type
class CatalogQueries:
    @strawberry.field(
        description="Published matters offered in a region (its own and those of the regions above it)."
    )
    async def matters(
        self, filter: MatterFilter | None = None, first: int = 20, after: str | None = None
    ) -> MatterConnection:
        f = filter or MatterFilter()
        rows, more = await service.list_matters(
            service.MatterFilter(
                region=f.region or None,
                department=f.department or None,
                kind=f.kind or None,
                life_event=f.life_event or None,
                keyword=(f.keyword or "").strip() or None,
            ),
            first=max(1, min(first, MAX_PAGE)),
            after=after,
        )
        edges = [MatterEdge(cursor=service.encode_cursor(m.id), node=Matter.of(m)) for m in rows]
        return MatterConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
        )

    @strawberry.field
    async def matter(self, info: Info, code: str) -> Matter | None:
        m = await info.context.loaders.matter.load(code)
        return Matter.of(m) if m and m.status == "published" else None

    @strawberry.field
    async def life_events(self, region: str | None = None) -> list[LifeEvent]:
        return [LifeEvent.of(e) for e in await service.life_events(region)]

    @strawberry.field
    async def life_event(self, code: str) -> LifeEvent | None:
        e = await service.life_event(code)
        return LifeEvent.of(e) if e else None

    @strawberry.field(
        description="Eligibility, the personal checklist and the run count for these answers; uses the signed-in citizen's verified profile, if any."
    )
    async def evaluate(
        self,
        info: Info,
        matter_code: str,
        answers: JSON | None = None,
        situation: JSON | None = None,
    ) -> EvaluateResult:
        m = await info.context.loaders.matter.load(matter_code)
        version = (
            await info.context.loaders.version.load(m.published_version_id)
            if m and m.published_version_id and m.status == "published"
            else None
        )
        if version is None:
            return MatterNotFound(
                code=matter_code,
                message=LocalizedText(
                    zh=f"没有编码为 {matter_code} 的在办事项。",
                    en=f"No published matter has the code {matter_code}.",
                ),
            )
        result = evaluate(
            service.compiled(version),
            applicant(info.context.citizen),
            answers if isinstance(answers, dict) else {},
            situation if isinstance(situation, dict) else {},
        )
        return Evaluation.of(result)
