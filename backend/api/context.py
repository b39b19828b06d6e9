"""The typed per-request context: who is asking, and the request's own DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from backend.accounts.models import Citizen
from backend.catalog.models import Matter, MatterVersion
from backend.catalog.rows import CatalogRows
from backend.regions.models import Region
from backend.staff.models import StaffMember

if TYPE_CHECKING:
    from backend.app import Services


async def _regions_by_code(codes: list[str]) -> list[Region | None]:
    found = {r.code: r for r in await Region.filter(code__in=codes)}
    return [found.get(c) for c in codes]


class Loaders:
    """Created per request, never shared: a loader's cache must not outlive its request. Matters
    and versions come through the worker's catalog rows, which outlive it until the catalog
    changes."""

    def __init__(self, rows: CatalogRows) -> None:
        self.matter: DataLoader[str, Matter | None] = DataLoader(load_fn=rows.matters)
        self.version: DataLoader[int, MatterVersion | None] = DataLoader(load_fn=rows.versions)
        self.region: DataLoader[str, Region | None] = DataLoader(load_fn=_regions_by_code)


@dataclass
class Context:
    """One per request. The citizen endpoint fills `citizen`, the staff endpoint `staff`; never both."""

    services: Services
    request: Any
    response: Any
    citizen: Citizen | None = None
    staff: StaffMember | None = None
    connection_params: dict[str, object] | None = (
        None  # graphql-transport-ws connection_init payload
    )
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.services.catalog_rows)


Info = StrawberryInfo[Context, None]
