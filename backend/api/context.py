"""The typed per-request context: who is asking, and the request's own DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from backend.accounts.models import Citizen
from backend.catalog.models import Matter, MatterVersion
from backend.regions.models import Region
from backend.staff.models import StaffMember

if TYPE_CHECKING:
    from backend.app import Services


async def _matters_by_code(codes: list[str]) -> list[Matter | None]:
    found = {m.code: m for m in await Matter.filter(code__in=codes)}
    return [found.get(c) for c in codes]


async def _versions_by_id(ids: list[int]) -> list[MatterVersion | None]:
    found = {v.id: v for v in await MatterVersion.filter(id__in=ids)}
    return [found.get(i) for i in ids]


async def _regions_by_code(codes: list[str]) -> list[Region | None]:
    found = {r.code: r for r in await Region.filter(code__in=codes)}
    return [found.get(c) for c in codes]


@dataclass
class Loaders:
    """Created per request, never shared: a loader's cache must not outlive its request."""

    matter: DataLoader[str, Matter | None] = field(
        default_factory=lambda: DataLoader(load_fn=_matters_by_code)
    )
    version: DataLoader[int, MatterVersion | None] = field(
        default_factory=lambda: DataLoader(load_fn=_versions_by_id)
    )
    region: DataLoader[str, Region | None] = field(
        default_factory=lambda: DataLoader(load_fn=_regions_by_code)
    )


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
    loaders: Loaders = field(default_factory=Loaders)


Info = StrawberryInfo[Context, None]
