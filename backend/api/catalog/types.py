"""GraphQL types of the catalog: matters, life events; their guides (guide.py) and evaluations
(evaluation.py), re-exported here."""

from __future__ import annotations

import msgspec
import strawberry

from backend.api.catalog.evaluation import (
    EvaluateError,
    EvaluateErrorCode,
    EvaluateResult,
    Evaluation,
)
from backend.api.catalog.guide import Guide, L, MatterParty, T
from backend.api.context import Info
from backend.api.regions.types import Region
from backend.api.types import LocalizedText, PageInfo
from backend.catalog import service
from backend.catalog.service import LifeEvent as LifeEventRow
from backend.catalog.service import Matter as MatterRow


@strawberry.type
class Department:
    code: str
    name: LocalizedText


@strawberry.type
class Matter:
    code: str
    name: LocalizedText
    kind: str
    audience: str
    department: Department
    region_code: str
    extends: str | None = strawberry.field(
        description="The province template this version localises."
    )
    status: str
    row: strawberry.Private[MatterRow]

    @classmethod
    def of(cls, m: MatterRow) -> Matter:
        return cls(
            code=m.code,
            name=LocalizedText(zh=m.name_zh, en=m.name_en),
            kind=m.kind,
            audience=m.audience,
            department=Department(
                code=m.department_code, name=LocalizedText(zh=m.department_name, en="")
            ),
            region_code=m.region_code,
            extends=m.extends_code,
            status=m.status,
            row=m,
        )

    @strawberry.field(description="The guide of the version published now.")
    async def guide(self, info: Info) -> Guide | None:
        if self.row.published_version_id is None:
            return None
        version = await info.context.loaders.version.load(self.row.published_version_id)
        return Guide.of(version.number, service.compiled(version).definition) if version else None

    @strawberry.field
    async def region(self, info: Info) -> Region | None:
        return await Region.load(info, self.region_code)


@strawberry.type
class MatterEdge:
    cursor: str
    node: Matter


@strawberry.type
class MatterConnection:
    edges: list[MatterEdge]
    page_info: PageInfo


@strawberry.type(
    description="A material needed by several member matters of a life event, asked once."
)
class MergedMaterial:
    type: str
    name: LocalizedText
    description: LocalizedText
    used_by: list[str]


@strawberry.type(description="A life event (一件事): several matters applied for as one.")
class LifeEvent:
    code: str
    name: LocalizedText
    summary: LocalizedText
    promise: LocalizedText | None
    region_code: str
    row: strawberry.Private[LifeEventRow]

    @classmethod
    def of(cls, e: LifeEventRow) -> LifeEvent:
        d = e.definition
        return cls(
            code=e.code,
            name=T(d["name"]),
            summary=T(d.get("summary")),
            promise=T(d["promise"]) if d.get("promise") else None,
            region_code=e.region_code,
            row=e,
        )

    @strawberry.field
    async def matters(self) -> list[Matter]:
        return [Matter.of(m) for m in await service.member_matters(self.row)]

    @strawberry.field(
        description="The parties of the member matters merged by id (the first member's wording); [] when none declares any. `materials` are ids of the life event's checklist."
    )
    async def parties(self, info: Info) -> list[MatterParty]:
        definitions = []
        for m in await service.member_matters(self.row):
            version = await info.context.loaders.version.load(m.published_version_id)  # type: ignore[arg-type]
            if version:
                definitions.append(service.compiled(version).definition)
        return life_event_parties(definitions)

    @strawberry.field(description="Every material of the member matters, each type listed once.")
    async def materials(self, info: Info) -> list[MergedMaterial]:
        merged: dict[str, MergedMaterial] = {}
        for m in await service.member_matters(self.row):
            version = await info.context.loaders.version.load(m.published_version_id)  # type: ignore[arg-type]
            for mat in service.compiled(version).definition.materials if version else []:
                item = merged.setdefault(
                    mat.type,
                    MergedMaterial(
                        type=mat.type, name=L(mat.name), description=L(mat.description), used_by=[]
                    ),
                )
                item.used_by.append(m.code)
        return list(merged.values())


__all__ = [
    "Department",
    "EvaluateError",
    "EvaluateErrorCode",
    "EvaluateResult",
    "Evaluation",
    "Guide",
    "LifeEvent",
    "Matter",
    "MatterConnection",
    "MatterEdge",
    "MergedMaterial",
]


def life_event_parties(definitions: list[service.MatterDefinition]) -> list[MatterParty]:
    """Each merged party with the checklist ids it provides and whether it holds an output."""
    docs = [{"parties": [msgspec.to_builtins(p) for p in d.parties]} for d in definitions]
    parties = service.life_event_parties(docs)
    starter = next((p.id for p in parties if p.role == "applicant"), None)
    keys = service.material_keys(
        [[(m.id, m.type, m.party) for m in d.materials] for d in definitions]
    )
    provides: dict[str, list[str]] = {}
    for d, own in zip(definitions, keys, strict=True):
        for m in d.materials:
            ids = provides.setdefault(m.party or starter or "", [])
            ids += [own[m.id]] if own[m.id] not in ids else []
    holders = {d.output.holder or starter for d in definitions}
    return [MatterParty.make(p, provides.get(p.id, []), p.id in holders) for p in parties]
