"""The GB/T 2260 region tree, read from form_schemas/regions.json (generated, never hand-typed)."""

from __future__ import annotations

from pathlib import Path

import orjson
from tortoise.transactions import in_transaction

# What other domains and the API use of this domain's own modules (its public surface).
from backend.regions.codes import ancestors as ancestors
from backend.regions.codes import covers as covers
from backend.regions.codes import is_code as is_code
from backend.regions.models import Region as Region


async def load(path: Path) -> int:
    """Replace the region table with the file's content; returns the number of regions."""
    regions = orjson.loads(path.read_bytes())["regions"]
    async with in_transaction():
        await Region.all().delete()
        await Region.bulk_create(
            [
                Region(code=r["code"], name=r["name"], parent_code=r["parent"], level=r["level"])
                for r in regions
            ],
            batch_size=1000,
        )
    return len(regions)


async def children(code: str | None) -> list[Region]:
    if code is not None and not is_code(code):
        return []  # tortoise would refuse to filter by a text longer than the column
    return await Region.filter(parent_code=code).order_by("code")
