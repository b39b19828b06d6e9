"""The catalog: loading published definitions, and the queries citizens run on them."""

from __future__ import annotations

import base64
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend.catalog import ranking
from backend.catalog.automatic import hindrances as hindrances
from backend.catalog.automatic import qualifies as qualifies
from backend.catalog.automatic import sampled as sampled
from backend.catalog.definition_model import CommitmentWay as CommitmentWay
from backend.catalog.definition_model import ELicenseWay as ELicenseWay
from backend.catalog.definition_model import Fee as Fee
from backend.catalog.definition_model import LegalBasis as LegalBasis
from backend.catalog.definition_model import Material as Material
from backend.catalog.definition_model import MatterDefinition as MatterDefinition
from backend.catalog.definition_model import Output as Output
from backend.catalog.definition_model import Party as Party
from backend.catalog.definition_model import SharedDataWay as SharedDataWay
from backend.catalog.definition_model import Situation as Situation
from backend.catalog.definition_model import Text as Text
from backend.catalog.definition_model import UploadWay as UploadWay
from backend.catalog.definition_model import Way as Way
from backend.catalog.definitions import Doc as Doc
from backend.catalog.definitions import Problem as Problem
from backend.catalog.definitions import as_text as as_text
from backend.catalog.definitions import content_hash as content_hash
from backend.catalog.definitions import merge as merge
from backend.catalog.definitions import parse_definition as parse_definition
from backend.catalog.definitions import pointer as pointer
from backend.catalog.definitions import read_json as read_json
from backend.catalog.definitions import schema_problems as schema_problems
from backend.catalog.definitions import text as text
from backend.catalog.definitions import way_kind as way_kind
from backend.catalog.evaluation import Applicant as Applicant
from backend.catalog.evaluation import CompiledMatter as CompiledMatter
from backend.catalog.evaluation import Evaluation as Evaluation
from backend.catalog.evaluation import FeeItem as FeeItem
from backend.catalog.evaluation import MaterialItem as MaterialItem
from backend.catalog.evaluation import Trip as Trip
from backend.catalog.evaluation import closed as closed
from backend.catalog.evaluation import compile_matter as compile_matter
from backend.catalog.evaluation import evaluate as evaluate
from backend.catalog.evaluation import hidden_fields as hidden_fields
from backend.catalog.lint import Catalog
from backend.catalog.lint import check_matter as check_matter
from backend.catalog.lint import folder_problem as folder_problem
from backend.catalog.lint import read_catalog as read_catalog
from backend.catalog.lint import situation_combinations as situation_combinations
from backend.catalog.lint_rules import member_conflicts as member_conflicts
from backend.catalog.models import LifeEvent as LifeEvent
from backend.catalog.models import LifeEventMember as LifeEventMember
from backend.catalog.models import Matter as Matter
from backend.catalog.models import MatterGram as MatterGram
from backend.catalog.models import MatterVersion as MatterVersion
from backend.catalog.models import fits as fits
from backend.catalog.parties import life_event_parties as life_event_parties
from backend.catalog.parties import material_keys as material_keys
from backend.catalog.parties import merged_parties as merged_parties

# What other domains and the API use of this domain's own modules (its public surface).
from backend.catalog.report import UnknownRegion as UnknownRegion
from backend.catalog.report import measure as measure
from backend.catalog.report import render as render
from backend.catalog.report import to_json as to_json
from backend.catalog.rows import CatalogRows as CatalogRows
from backend.catalog.search import Matches, Relevance, readings
from backend.catalog.search import graded as graded
from backend.catalog.search import searchable as searchable
from backend.catalog.synonyms import SynonymEntry as SynonymEntry
from backend.catalog.synonyms import SynonymProblem as SynonymProblem
from backend.catalog.synonyms import county_words
from backend.catalog.synonyms import remove_synonym as remove_synonym
from backend.catalog.synonyms import set_synonym as set_synonym
from backend.catalog.synonyms import synonym_entries as synonym_entries
from backend.regions import service as regions
from backend.regions.service import ancestors


@dataclass(frozen=True)
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    life_events: int = 0
    regions: int = 0


class CatalogInvalid(Exception):
    def __init__(self, catalog: Catalog) -> None:
        super().__init__(f"{len(catalog.errors)} error(s) in {catalog.root}")
        self.catalog = catalog


async def load(root: Path, progress: Callable[[Iterable[Any]], Iterable[Any]] = iter) -> LoadReport:
    """Publish the catalog folder: unchanged content is not a new version; nothing is written
    unless every file is valid."""
    catalog = read_catalog(root)
    if catalog.errors:
        raise CatalogInvalid(catalog)
    region_count = (
        await regions.load(root / "regions.json") if (root / "regions.json").exists() else 0
    )
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    async with in_transaction():
        ordered = catalog.templates() + catalog.localisations()
        for code in progress(ordered):
            source = catalog.matters[code].doc
            outcome, _ = await publish(source, catalog.definitions[code], note="catalog load")
            counts[outcome] += 1
        for code, le in catalog.life_events.items():
            await save_life_event(code, le.doc)
    return LoadReport(**counts, life_events=len(catalog.life_events), regions=region_count)


async def publish(
    source: dict[str, Any], definition: dict[str, Any], note: str, author: str = ""
) -> tuple[str, MatterVersion]:
    """Publish a definition as the matter's next version, unless it equals the latest one.
    Returns created | updated | unchanged and the version citizens now see."""
    digest = content_hash(definition)
    matter = await Matter.get_or_none(code=definition["code"])
    latest = (
        await MatterVersion.filter(matter=matter).order_by("-number").first() if matter else None
    )
    if matter and latest and latest.content_hash == digest and matter.status == "published":
        if matter.search_text != searchable(definition):  # indexed as an older release did
            matter.search_text = searchable(definition)
            await matter.save(update_fields=["search_text"])
            await _index(matter)
        return "unchanged", latest
    fields = _matter_fields(definition)
    if definition.get("extends"):
        fields["template_version"] = await MatterVersion.filter(
            matter__code=definition["extends"]
        ).count()
    if matter is None:
        matter = await Matter.create(**fields)
        outcome = "created"
    else:
        await matter.update_from_dict(fields).save()
        outcome = "updated"
    version = await MatterVersion.create(
        matter=matter,
        number=latest.number + 1 if latest else 1,
        source=source,
        definition=definition,
        content_hash=digest,
        note=note,
        author=author,
    )
    matter.published_version_id = version.id
    await matter.save(update_fields=["published_version_id"])
    await _index(matter)
    return outcome, version


def _matter_fields(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": d["code"],
        "region_code": d["region"],
        "department_code": d["department"]["code"],
        "department_name": text(d["department"]["name"]),
        "kind": d["kind"],
        "audience": d["audience"],
        "name_zh": d["name"]["zh"],
        "name_en": d["name"]["en"],
        "extends_code": d.get("extends"),
        "status": "published",
        "search_text": searchable(d),
    }


async def _index(matter: Matter) -> None:
    await MatterGram.filter(matter=matter).delete()
    await MatterGram.bulk_create(
        [
            MatterGram(gram=g, matter=matter, region_code=matter.region_code, tier=t)
            for g, t in graded(matter.search_text).items()
        ]
    )


async def save_life_event(code: str, doc: dict[str, Any]) -> None:
    digest = content_hash(doc)
    event = await LifeEvent.get_or_none(code=code)
    if event is not None and event.content_hash == digest:
        return
    fields = {
        "region_code": doc["region"],
        "name_zh": doc["name"]["zh"],
        "name_en": doc["name"]["en"],
        "definition": doc,
        "content_hash": digest,
    }
    if event is None:
        event = await LifeEvent.create(code=code, **fields)
    else:
        await event.update_from_dict(fields).save()
        await LifeEventMember.filter(life_event=event).delete()
    await LifeEventMember.bulk_create(
        [
            LifeEventMember(life_event=event, matter_code=c, position=i)
            for i, c in enumerate(doc["matters"])
        ]
    )


# ---- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterFilter:
    region: str | None = None
    department: str | None = None
    kind: str | None = None
    life_event: str | None = None
    keyword: str | None = None


def encode_cursor(matter: Matter) -> str:
    """The position after this matter: its id, and in a search its relevance as well (a
    search is ordered by relevance, then id)."""
    relevance = getattr(matter, "relevance", None)
    value = f"matter:{matter.id}" if relevance is None else f"ranked:{relevance}:{matter.id}"
    return base64.urlsafe_b64encode(value.encode()).decode()


def decode_cursor(cursor: str) -> tuple[int, int] | None:
    """(relevance, id); a `matter:` cursor, given out before search was ranked, reads as the
    best relevance, so a listing it continues goes on by id."""
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind == "matter":
            return 0, int(value)
        relevance, _, matter_id = value.partition(":")
        return (int(relevance), int(matter_id)) if kind == "ranked" else None
    except (ValueError, UnicodeDecodeError):
        return None


def matters_query(f: MatterFilter, words: list[str] | None = None) -> QuerySet[Matter]:
    """The published matters the filter asks for; a search's `words`: its keyword's readings,
    the province's synonyms only unless given. A search also leaves out, without a region,
    every template a county localises: the county's version stands for it, never both."""
    qs = Matter.filter(status="published")
    # Read from the partial index of localisations alone (migration 0003): `> ''` (every
    # template code is longer) implies its `extends_code IS NOT NULL`, which tortoise's
    # `NOT extends_code IS NULL` does not for SQLite.
    localised = Matter.filter(extends_code__gt="", status="published")
    if f.region:
        lineage = ancestors(f.region)
        localised = localised.filter(region_code__in=lineage)
        qs = qs.filter(region_code__in=lineage)
    if f.region or f.keyword:
        qs = qs.exclude(code__in=Subquery(localised.values("extends_code")))
    if f.department:
        qs = qs.filter(department_code=f.department)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.life_event:
        members = LifeEventMember.filter(life_event__code=f.life_event).values("matter_code")
        qs = qs.filter(code__in=Subquery(members))
    if f.keyword:
        qs = qs.annotate(hit=Matches(words or readings(f.keyword))).filter(hit=True)
    return qs


class InvalidCursor(ValueError):
    """`after` is not a cursor this API gave out."""


async def list_matters(f: MatterFilter, first: int, after: str | None) -> tuple[list[Matter], bool]:
    """A page of matters, a search's by relevance (name, keywords, department) then id, any
    other by id; a filter value longer than its column names none. A search in a region reads
    its words with the synonyms the region's counties added as well."""
    start = decode_cursor(after) if after else None
    if after and start is None:
        raise InvalidCursor(after)
    wanted = fits(
        Matter, region_code=f.region or "", department_code=f.department or "", kind=f.kind or ""
    ) and fits(LifeEvent, code=f.life_event or "")
    if not wanted:
        return [], False
    words = None
    if f.keyword:
        words = readings(f.keyword, await county_words(f.region) if f.region else None)
    if words and f.region:
        of = ranking.Wanted(words, ancestors(f.region), f.department, f.kind, f.life_event)
        rows = await ranking.page(Matter._meta.db, of, first, start)
        return rows[:first], len(rows) > first
    qs = matters_query(f, words)
    if words:
        qs = qs.annotate(relevance=Relevance(words)).order_by("relevance", "id")
    else:
        qs = qs.order_by("id")
    if start:
        relevance, matter_id = start
        if words:
            qs = qs.filter(Q(relevance__gt=relevance) | Q(relevance=relevance, id__gt=matter_id))
        else:
            qs = qs.filter(id__gt=matter_id)
    rows = await qs.limit(first + 1)
    return rows[:first], len(rows) > first


async def get_matter(code: str) -> Matter | None:
    return await Matter.get_or_none(code=code) if fits(Matter, code=code) else None


async def version(version_id: int) -> MatterVersion | None:
    return await MatterVersion.get_or_none(id=version_id)


COMPILED_CACHE_SIZE = 4096


class CompiledMatters:
    """Typed definitions with their rules and form validators, parsed and compiled once and kept
    by content: a version's content hash names exactly the definition it was compiled from, so
    what is kept can serve any database in the process (a test's own, a restore, a second
    tenant) and can never answer for another content. The least recently used goes first."""

    def __init__(self, size: int = COMPILED_CACHE_SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[str, CompiledMatter] = OrderedDict()

    def of(self, version: MatterVersion) -> CompiledMatter:
        key = version.content_hash
        hit = self._kept.get(key)
        if hit is None:
            hit = compile_matter(parse_definition(version.definition))
            self._kept[key] = hit
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return hit


_compiled = CompiledMatters()


def compiled(version: MatterVersion) -> CompiledMatter:
    """A version's typed definition, rules and form validator (see CompiledMatters)."""
    return _compiled.of(version)


async def life_events(region: str | None) -> list[LifeEvent]:
    qs = LifeEvent.all().order_by("code")
    if region:
        if not fits(LifeEvent, region_code=region):
            return []
        qs = qs.filter(region_code__in=ancestors(region))
    return await qs


async def life_event(code: str) -> LifeEvent | None:
    return await LifeEvent.get_or_none(code=code) if fits(LifeEvent, code=code) else None


async def member_matters(event: LifeEvent) -> list[Matter]:
    members = await LifeEventMember.filter(life_event=event).order_by("position")
    codes = [m.matter_code for m in members]
    found = {m.code: m for m in await Matter.filter(code__in=codes, status="published")}
    return [found[c] for c in codes if c in found]


async def retire(code: str) -> bool:
    return await Matter.filter(code=code).update(status="retired") > 0
