"""Writes the synthetic province into the database in batches: matters with their published
versions and search grams, then citizens and their applications."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TypeVar

import orjson
from tortoise.models import Model
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.service import Application
from backend.backoffice import service as backoffice
from backend.catalog.service import (
    Matter,
    MatterGram,
    MatterVersion,
    content_hash,
    graded,
    read_catalog,
    searchable,
    text,
)
from backend.synthetic.catalog import Planned, Region, counts, plan, zhejiang
from backend.synthetic.people import citizens, statuses

PROVIDER = "synthetic"
MATTER_BATCH = 500
ROW_BATCH = 5000
T = TypeVar("T")
Progress = Callable[[str, int], Callable[[int], None]]  # (label, total) -> advance(n)


class AlreadySynthesized(Exception):
    pass


@dataclass
class Report:
    matters: dict[str, int] = field(default_factory=lambda: {"province": 0, "city": 0, "county": 0})
    localisations: int = 0
    grams: int = 0
    citizens: int = 0
    applications: int = 0


def _quiet(label: str, total: int) -> Callable[[int], None]:
    return lambda n: None


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


async def synthesize(
    catalog_root: Path,
    scale: float,
    applications: int,
    seed: int,
    replace: bool = False,
    progress: Progress = _quiet,
) -> Report:
    """Generate a synthetic Zhejiang into the connected database (migrated, demo catalog loaded)."""
    if await Matter.filter(code__contains="-SY-").exists() or await Citizen.exists(
        provider=PROVIDER
    ):
        if not replace:
            raise AlreadySynthesized("this database already holds synthetic data")
        await remove()
    catalog = read_catalog(catalog_root)
    demos = [catalog.definitions[c] for c in sorted(catalog.templates())]
    regions_doc = orjson.loads((catalog_root / "regions.json").read_bytes())
    regions: list[Region] = zhejiang(regions_doc["regions"])
    per_province, per_city, per_county = counts(scale)
    total = per_province + sum(
        per_city if r.level == "city" else per_county for r in regions if r.level != "province"
    )
    report = Report()
    planned = plan(
        regions, demos, scale, seed
    )  # streamed: the definitions of a province fill gigabytes
    versions = await _write_matters(planned, report, progress("Matters", total))
    await _write_applications(versions, regions, applications, seed, report, progress)
    await backoffice.forget_supervision_summary()  # its settled days gained applications
    return report


async def remove() -> None:
    """Delete every synthetic row (applications, citizens, matters and their versions)."""
    async with in_transaction():
        await Application.filter(citizen__provider=PROVIDER).delete()
        await Citizen.filter(provider=PROVIDER).delete()
        matters = Matter.filter(code__contains="-SY-")
        ids = [m for m in await matters.values_list("id", flat=True)]
        for batch in _batches(ids, ROW_BATCH):
            await MatterGram.filter(matter_id__in=batch).delete()
            await MatterVersion.filter(matter_id__in=batch).delete()
            await Matter.filter(id__in=batch).delete()


async def _next_id(model: type[Model]) -> int:
    top: list[int] = await model.all().order_by("-id").limit(1).values_list("id", flat=True)  # type: ignore[assignment]
    return top[0] + 1 if top else 1


async def _write_matters(
    planned: Iterable[Planned], report: Report, advance: Callable[[int], None]
) -> list[tuple[int, str, str]]:
    """Returns (version id, matter code, region) of every matter written."""
    matter_id, version_id = await _next_id(Matter), await _next_id(MatterVersion)
    written: list[tuple[int, str, str]] = []
    for batch in _batches(planned, MATTER_BATCH):
        matters, versions, index = [], [], []
        for p in batch:
            d = p.definition
            matters.append(_matter(matter_id, version_id, p))
            versions.append(
                MatterVersion(
                    id=version_id,
                    matter_id=matter_id,
                    number=1,
                    source=p.source,
                    definition=d,
                    content_hash=content_hash(d),
                    note="synthetic",
                    author=PROVIDER,
                )
            )
            index += [
                MatterGram(gram=g, matter_id=matter_id, region_code=d["region"], tier=t)
                for g, t in graded(searchable(d)).items()
            ]
            written.append((version_id, d["code"], d["region"]))
            report.matters[p.level] += 1
            report.localisations += "extends" in p.source
            matter_id, version_id = matter_id + 1, version_id + 1
        async with in_transaction() as conn:
            await Matter.bulk_create(matters, using_db=conn)
            await MatterVersion.bulk_create(versions, using_db=conn)
            await MatterGram.bulk_create(index, batch_size=ROW_BATCH, using_db=conn)
        report.grams += len(index)
        advance(len(batch))
    await _advance_sequences("matter", "matter_version")
    return written


def _matter(matter_id: int, version_id: int, p: Planned) -> Matter:
    d = p.definition
    return Matter(
        id=matter_id,
        code=d["code"],
        region_code=d["region"],
        department_code=d["department"]["code"],
        department_name=text(d["department"]["name"]),
        kind=d["kind"],
        audience=d["audience"],
        name_zh=d["name"]["zh"],
        name_en=d["name"]["en"],
        extends_code=d.get("extends"),
        status="published",
        published_version_id=version_id,
        template_version=1 if "extends" in p.source else None,
        search_text=searchable(d),
    )


async def _advance_sequences(*tables: str) -> None:
    """Rows were written with explicit ids: PostgreSQL's sequences must move past them."""
    async with in_transaction() as conn:
        if conn.capabilities.dialect != "postgres":
            return
        for table in tables:
            await conn.execute_script(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


async def _write_applications(
    versions: list[tuple[int, str, str]],
    regions: list[Region],
    total: int,
    seed: int,
    report: Report,
    progress: Progress,
) -> None:
    rng = random.Random(seed + 1)
    counties = [r.code for r in regions if r.level == "county"]
    people = citizens(total, counties, rng)
    advance = progress("Citizens", len(people))
    first_id = await _next_id(Citizen)
    for batch in _batches(people, ROW_BATCH):
        async with in_transaction() as conn:
            await Citizen.bulk_create(
                [
                    Citizen(provider=PROVIDER, subject=p.subject, name=p.name, profile=p.profile)
                    for p in batch
                ],
                using_db=conn,
            )
        advance(len(batch))
    ids = dict(
        await Citizen.filter(provider=PROVIDER, id__gte=first_id).values_list("subject", "id")
    )
    report.citizens = len(people)
    advance = progress("Applications", total)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    step_ms = (2 * 365 * 86_400_000) // max(1, total)
    owners = [ids[p.subject] for p in people for _ in range(p.applications)]
    rng.shuffle(owners)
    mix = statuses(rng, total)
    for offset in range(0, total, ROW_BATCH):
        rows = []
        for i in range(offset, min(total, offset + ROW_BATCH)):
            version_id, matter_code, region = versions[int(len(versions) * rng.random() ** 2)]
            at = start + dt.timedelta(milliseconds=i * step_ms)
            rows.append(
                Application(
                    id=_uuid7(at, rng),
                    citizen_id=owners[i],
                    matter_version_id=version_id,
                    matter_code=matter_code,
                    status=mix[i],
                    region_code=region if region in counties else rng.choice(counties),
                    answers={},
                    situation={},
                    provenance={},
                    submitted_at=None if mix[i] == "draft" else at,
                )
            )
        async with in_transaction() as conn:
            await Application.bulk_create(rows, using_db=conn)
        advance(len(rows))
    report.applications = total


def _uuid7(at: dt.datetime, rng: random.Random) -> uuid.UUID:
    """A version-7 id at this instant, its random bits from the seeded generator."""
    ms = int(at.timestamp() * 1000)
    value = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return uuid.UUID(int=value | rng.getrandbits(62))
