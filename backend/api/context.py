"""The typed per-request context: who is asking, and the request's own DataLoaders."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from backend.accounts.service import Citizen, Representation, actor_of
from backend.api.services import Services
from backend.catalog.service import CatalogRows, LifeEvent, Matter, MatterVersion
from backend.infra.logs import request_id as request_id  # one implementation, in infra
from backend.regions.service import Region, is_code
from backend.staff.service import StaffMember

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")


async def _regions_by_code(codes: list[str]) -> list[Region | None]:
    real = [c for c in codes if is_code(c)]  # another text names no region (nor fits the column)
    found = {r.code: r for r in await Region.filter(code__in=real)} if real else {}
    return [found.get(c) for c in codes]


class Loaders:
    """Created per request, never shared: a loader's cache must not outlive its request. Matters,
    versions and life events come through the worker's catalog rows, which outlive it until the
    catalog changes. A domain's own loaders are its batch functions (backend/api/<domain>/
    dataloaders.py), each made into this request's loader on first use: `loaders.of(tasks)`."""

    def __init__(self, rows: CatalogRows) -> None:
        self.matter: DataLoader[str, Matter | None] = DataLoader(load_fn=rows.matters)
        self.version: DataLoader[int, MatterVersion | None] = DataLoader(load_fn=rows.versions)
        self.life_event: DataLoader[str, LifeEvent | None] = DataLoader(load_fn=rows.life_events)
        self.region: DataLoader[str, Region | None] = DataLoader(load_fn=_regions_by_code)
        self._made: dict[Callable[..., object], DataLoader[Any, Any]] = {}

    def of(self, batch: Callable[[list[K]], Awaitable[Sequence[V]]]) -> DataLoader[K, V]:
        """This request's loader for `batch` (the values of a list of keys, in their order)."""
        loader = self._made.get(batch)
        if loader is None:
            loader = self._made[batch] = DataLoader(load_fn=batch)
        return loader


def loaded(loader: DataLoader[K, V], key: K, then: Callable[[V], R]) -> Any:
    """`then` of the loader's value for `key`: at once when a batch has loaded it already, else
    an awaitable. A synchronous resolver that returns this costs graphql-core no task for each
    item of a list whose batch was loaded up front (a page of applications and their matters).
    Typed Any: the resolver's annotation is its GraphQL type, to which either form resolves."""
    future = loader.cache_map.get(key)
    if future is not None and future.done() and future.exception() is None:
        return then(future.result())

    async def later() -> R:
        return then(await loader.load(key))

    return later()


@dataclass
class Context:
    """One per request. The citizen endpoint fills `citizen`, the staff endpoint `staff`; never both."""

    services: Services
    request: Any
    response: Any
    citizen: Citizen | None = None
    # Set when the session acts in the citizen's name (a relative, a guardian, an agent, a
    # window clerk): `citizen` is the person represented, this says who acts and how far.
    representation: Representation | None = None
    token: str = ""  # the citizen's, for a live subscription to check its session still lasts
    staff: StaffMember | None = None
    connection_params: dict[str, object] | None = (
        None  # graphql-transport-ws connection_init payload
    )
    request_id: str = ""  # in the response's X-Request-Id and beside each unexpected error logged
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.services.catalog_rows)

    @property
    def session_id(self) -> uuid.UUID | None:
        """The citizen's session this request acts in (a signature names it), else None."""
        return self.services.sessions.keys.session(self.token) if self.token else None

    @property
    def actor(self) -> str | None:
        """Who acts in the citizen's name in this request, or None when they act themself."""
        return actor_of(self.representation)


Info = StrawberryInfo[Context, None]
