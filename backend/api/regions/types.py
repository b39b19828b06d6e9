from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.regions import service
from backend.regions.service import Region as RegionRow


@strawberry.type(
    description="A GB/T 2260 region: province, city or county; below a county, a township (nine digits)."
)
class Region:
    code: str
    name: str
    level: str
    parent_code: str | None

    @classmethod
    def of(cls, r: RegionRow) -> Region:
        return cls(code=r.code, name=r.name, level=r.level, parent_code=r.parent_code)

    @classmethod
    async def load(cls, info: Info, code: str | None) -> Region | None:
        row = await info.context.loaders.region.load(code) if code else None
        return cls.of(row) if row else None

    @strawberry.field
    async def parent(self, info: Info) -> Region | None:
        return await Region.load(info, self.parent_code)

    @strawberry.field
    async def children(self) -> list[Region]:
        return [Region.of(r) for r in await service.children(self.code)]
