"""Catalog rows a worker keeps between requests: matters and life events by code, versions by id.

Every signed-in read names matters (an evaluation, a page of applications), and the catalog
changes rarely, so a worker keeps the rows it has read and forgets them all whenever the
catalog changes: at once for a change made through this worker or announced on the bus (Redis
pub/sub across workers), and after `ttl` seconds whatever happens (a change made by another
process that no announcement reaches). Rows read before a change and stored after it are not
kept: each forgetting starts a new generation, and a read keeps its rows only if the generation
it started in is still the current one. Rows are shared between requests: read them, never
change them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

from backend.catalog.models import LifeEvent, Matter, MatterVersion, fits
from backend.infra.metrics import CATALOG_ROWS

SIZE = 20_000  # rows of each kind; a province has about 90,000 matters, most rarely read

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Kept(Generic[K, V]):
    def __init__(self, fetch: Callable[[list[K]], Awaitable[dict[K, V]]]) -> None:
        self.fetch = fetch
        self.entries: OrderedDict[K, tuple[float, V | None]] = OrderedDict()

    async def load(self, keys: Sequence[K], owner: CatalogRows) -> list[V | None]:
        now = time.monotonic()
        found: dict[K, V | None] = {}
        for k in keys:
            entry = self.entries.get(k)
            if entry is not None and entry[0] > now:
                found[k] = entry[1]
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        CATALOG_ROWS.hit.inc(len(found))
        CATALOG_ROWS.miss.inc(len(missing))
        if missing:
            generation = owner.generation
            fetched = await self.fetch(missing)
            for k in missing:
                found[k] = fetched.get(k)  # an absent row is kept too, as None
            if generation == owner.generation:
                expires = time.monotonic() + owner.ttl
                for k in missing:
                    self.entries[k] = (expires, found[k])
                    self.entries.move_to_end(k)
                while len(self.entries) > SIZE:
                    self.entries.popitem(last=False)
        return [found[k] for k in keys]


async def _matters(codes: list[str]) -> dict[str, Matter]:
    codes = [c for c in codes if fits(Matter, code=c)]  # a longer one would fail the batch
    return {m.code: m for m in await Matter.filter(code__in=codes)} if codes else {}


async def _versions(ids: list[int]) -> dict[int, MatterVersion]:
    return {v.id: v for v in await MatterVersion.filter(id__in=ids)}


async def _life_events(codes: list[str]) -> dict[str, LifeEvent]:
    codes = [c for c in codes if fits(LifeEvent, code=c)]
    return {e.code: e for e in await LifeEvent.filter(code__in=codes)} if codes else {}


class CatalogRows:
    def __init__(self, ttl_seconds: float) -> None:
        self.ttl = ttl_seconds
        self.generation = 0
        self._matters: _Kept[str, Matter] = _Kept(_matters)
        self._versions: _Kept[int, MatterVersion] = _Kept(_versions)
        self._life_events: _Kept[str, LifeEvent] = _Kept(_life_events)

    async def matters(self, codes: Sequence[str]) -> list[Matter | None]:
        return await self._matters.load(codes, self)

    async def versions(self, ids: Sequence[int]) -> list[MatterVersion | None]:
        return await self._versions.load(ids, self)

    async def life_events(self, codes: Sequence[str]) -> list[LifeEvent | None]:
        return await self._life_events.load(codes, self)

    def forget(self) -> None:
        self.generation += 1
        for kept in (self._matters, self._versions, self._life_events):
            kept.entries.clear()
