from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.regions.types import Region
from backend.regions import service


@strawberry.type
class RegionQueries:
    @strawberry.field(description="Regions under a parent; without one, the provinces.")
    async def regions(self, parent: str | None = None) -> list[Region]:
        return [Region.of(r) for r in await service.children(parent)]

    @strawberry.field
    async def region(self, info: Info, code: str) -> Region | None:
        return await Region.load(info, code)
