from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from backend.api.catalog.types import (
    EvaluateError,
    EvaluateErrorCode,
    EvaluateResult,
    Evaluation,
    LifeEvent,
    Matter,
    MatterConnection,
    MatterEdge,
)
from backend.api.context import Info
from backend.api.types import FieldError, LocalizedText, PageInfo
from backend.applications.service import applicant_for
from backend.catalog import service
from backend.catalog.service import Applicant, evaluate

MAX_PAGE = 100


@strawberry.input
class MatterFilter:
    region: str | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    kind: str | None = strawberry.UNSET
    life_event: str | None = strawberry.UNSET
    keyword: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Words of the name, keywords or department: Chinese (simplified or traditional), pinyin or the name's initials, English, or a citizen's word the catalog's synonyms know (生孩子, 户籍, sfz). Hits come by relevance (name, keywords, department), then as listed; without a region, a county's version stands for the template it localises.",
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
        try:
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
        except service.InvalidCursor:
            raise GraphQLError(
                "after is not a cursor this API gave out.",
                extensions={"code": "INVALID_INPUT", "zh": "分页游标无效。"},
            ) from None
        edges = [MatterEdge(cursor=service.encode_cursor(m), node=Matter.of(m)) for m in rows]
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
        description="Eligibility, the personal checklist and the run count for these answers, before any data is shared: the signed-in citizen's verified profile and the e-licenses ZeroRun issued them. An application's own evaluation adds the data they consent to share."
    )
    async def evaluate(
        self,
        info: Info,
        matter_code: str,
        answers: JSON | None = None,
        situation: JSON | None = None,
        as_party: Annotated[
            str | None,
            strawberry.argument(
                description="The party the citizen takes in a matter with parties (default: the first applicant party); the others are evaluated as not joined yet."
            ),
        ] = None,
    ) -> EvaluateResult:
        not_objects = [
            FieldError(
                path=f"/{name}",
                code="type",
                message=LocalizedText(
                    zh="应为一组字段（JSON 对象）。", en=f"{name} must be a JSON object."
                ),
            )
            for name, value in (("answers", answers), ("situation", situation))
            if value is not None and not isinstance(value, dict)
        ]
        if not_objects:
            return EvaluateError(
                code=EvaluateErrorCode.INVALID_INPUT,
                errors=not_objects,
                message=LocalizedText(zh="输入格式不正确。", en="The input is malformed."),
            )
        m = await info.context.loaders.matter.load(matter_code)
        version_id = m.published_version_id if m and m.status == "published" else None
        version = await info.context.loaders.version.load(version_id) if version_id else None
        if version is None:
            return EvaluateError(
                code=EvaluateErrorCode.MATTER_NOT_FOUND,
                errors=[],
                message=LocalizedText(
                    zh=f"没有编码为 {matter_code} 的在办事项。",
                    en=f"No published matter has the code {matter_code}.",
                ),
            )
        citizen = info.context.citizen
        who = (
            await applicant_for(citizen, None, info.context.services.sharing)
            if citizen
            else Applicant({})
        )
        compiled = service.compiled(version)
        unknown = _unknown_party(compiled.definition, as_party)
        if unknown:
            return unknown
        parties = {as_party: who} if as_party else None
        result = evaluate(compiled, who, answers or {}, situation or {}, parties)
        return Evaluation.of(result)


def _unknown_party(d: service.MatterDefinition, party: str | None) -> EvaluateError | None:
    if party is None or party in {p.id for p in d.parties if p.role == "applicant"}:
        return None
    return EvaluateError(
        code=EvaluateErrorCode.INVALID_INPUT,
        errors=[
            FieldError(
                path="/asParty",
                code="party",
                message=LocalizedText(
                    zh=f"本事项没有申请人一方 {party}。",
                    en=f"This matter has no applicant party {party!r}.",
                ),
            )
        ],
        message=LocalizedText(zh="输入格式不正确。", en="The input is malformed."),
    )
