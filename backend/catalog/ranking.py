"""A search in a region, a page at a time, read in the order the page shows (docs/search.md).

A page lists the matters holding any of the words, best relevance first (NAME, KEYWORDS, then
DEPARTMENT), then by id. The gram index keeps each gram with its matter's region and its tier
(the best segment holding it), so for a word of one gram (most words citizens type: 社保, 登记,
a single character) the index itself lists that word's matters of one region in page order.
The statement reads one such stream per word and region of the lineage (province, city,
county), and merges them (SQLite merges a compound SELECT's ordered arms; PostgreSQL appends
them in merge order): it stops once the page is full, so a word 800 matters of the lineage hold
costs what a page costs. A longer word's stream is found from its first gram, checked by its
others and a LIKE, and sorted (such words are rarer).

A matter several words find is kept only in the stream of its best word (the relevance of
all the words, as the page ranks it), so a matter appears once, at one place in the order, and
a cursor (relevance, id) goes on from exactly where the page ended."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.catalog.models import Matter
from backend.catalog.search import (
    DEPARTMENT,
    KEYWORDS,
    NAME,
    SEGMENT,
    like_pattern,
    wanted_grams,
)


@dataclass
class Params:
    """Numbered parameters (`?n` for SQLite, `$n` for PostgreSQL), so that a part of the
    statement may be written before the text it goes in front of."""

    sqlite: bool
    values: list[object] = field(default_factory=list)

    def __call__(self, value: object) -> str:
        self.values.append(value)
        return f"{'?' if self.sqlite else '$'}{len(self.values)}"


@dataclass(frozen=True)
class Wanted:
    """What the page is of: its words (the keyword's readings), the region's lineage (nearest
    first), and the other filters."""

    words: list[str]
    lineage: list[str]
    department: str | None = None
    kind: str | None = None
    life_event: str | None = None


def _like(p: Params, word: str, tail: str = "") -> str:
    return f"m.search_text LIKE {p(like_pattern(word, tail))} ESCAPE '\\'"


def _one_gram(word: str) -> bool:
    """A word that is its own gram: the index says which segment holds it."""
    return wanted_grams(word) == {word}


def _tier(p: Params, word: str) -> str:
    """The first segment of the matter `m` holding `word` (a word before two separators is in
    its name)."""
    name, keywords = _like(p, word, f"{SEGMENT}%{SEGMENT}%"), _like(p, word, f"{SEGMENT}%")
    return f"(CASE WHEN {name} THEN {NAME} WHEN {keywords} THEN {KEYWORDS} ELSE {DEPARTMENT} END)"


def _beaten(p: Params, w: Wanted, word: str, tier: str, region: str, matter: str) -> str:
    """Whether another of the words is in a better segment of the matter than `tier`: then
    the matter is that word's, at that word's place. A name (tier 0) is never beaten."""
    checks = []
    for other in w.words:
        if other == word:
            continue
        if _one_gram(other):
            checks.append(
                f"EXISTS (SELECT 1 FROM matter_gram b WHERE b.gram = {p(other)}"
                f" AND b.region_code = {region} AND b.tier < {tier} AND b.matter_id = {matter})"
            )
        else:
            in_name = _like(p, other, f"{SEGMENT}%{SEGMENT}%")
            in_keywords = _like(p, other, f"{SEGMENT}%")
            checks.append(
                f"({tier} = {KEYWORDS} AND {in_name}) OR ({tier} = {DEPARTMENT} AND {in_keywords})"
            )
    return f" AND NOT ({' OR '.join(checks)})" if checks else ""


def _offered(p: Params, w: Wanted) -> str:
    """Conditions on the matter `m`: published, the filters, and not a template one of the
    lineage's regions localises (its localisation stands for it), looked up in the partial
    index of localisations (migration 0003) by region, code and status: 40 times cheaper than
    the `extends_code > ''` the listing's subquery needs, which SQLite would read as a range."""
    lineage = ", ".join(p(r) for r in w.lineage)
    conditions = [
        "m.status = 'published'",
        "NOT EXISTS (SELECT 1 FROM matter l WHERE l.extends_code = m.code"
        f" AND l.status = 'published' AND l.region_code IN ({lineage}))",
    ]
    if w.department:
        conditions.append(f"m.department_code = {p(w.department)}")
    if w.kind:
        conditions.append(f"m.kind = {p(w.kind)}")
    if w.life_event:
        conditions.append(
            "m.code IN (SELECT lm.matter_code FROM life_event_member lm JOIN life_event le"
            f" ON le.id = lm.life_event_id WHERE le.code = {p(w.life_event)})"
        )
    return " AND ".join(conditions)


def _stream(
    p: Params, w: Wanted, offered: str, word: str, region: str, after: tuple[int, int] | None
) -> str:
    """The matters of `region` whose best word is `word`, as (relevance, id) in page order;
    `offered`: the conditions on the matter, written once for every stream (_offered)."""
    at = p(region)
    if _one_gram(word):
        start = f" AND (g.tier, g.matter_id) > ({p(after[0])}, {p(after[1])})" if after else ""
        return (
            "SELECT g.tier AS relevance, g.matter_id AS id FROM matter_gram g"
            f" WHERE g.gram = {p(word)} AND g.region_code = {at}{start}"
            f" AND EXISTS (SELECT 1 FROM matter m WHERE m.id = g.matter_id"
            f" AND {offered}{_beaten(p, w, word, 'g.tier', at, 'g.matter_id')})"
        )
    tier = _tier(p, word)
    start = f" AND ({tier}, m.id) > ({p(after[0])}, {p(after[1])})" if after else ""
    grams = sorted(wanted_grams(word))
    if grams:  # found by its first gram, checked by the others
        source = (
            f"matter_gram g JOIN matter m ON m.id = g.matter_id WHERE g.gram = {p(grams[0])}"
            f" AND g.region_code = {at}"
        ) + "".join(
            f" AND EXISTS (SELECT 1 FROM matter_gram o WHERE o.gram = {p(g)}"
            " AND o.matter_id = m.id)"
            for g in grams[1:]
        )
    else:  # single letters apart ("a b c"): no gram holds any two of them
        source = f"matter m WHERE m.region_code = {at}"
    return (
        f"SELECT {tier} AS relevance, m.id AS id FROM {source} AND {_like(p, word)}"
        f" AND {offered}{_beaten(p, w, word, tier, at, 'm.id')}{start}"
    )


def page_sql(
    sqlite: bool, w: Wanted, first: int, after: tuple[int, int] | None
) -> tuple[str, list[object]]:
    """The statement of a page of `first` + 1 matters (the extra one says a next page exists)
    after the cursor (relevance, id), and its parameters."""
    p = Params(sqlite)
    offered = _offered(p, w)
    streams = " UNION ALL ".join(
        _stream(p, w, offered, word, region, after) for word in w.words for region in w.lineage
    )
    # each matter is in the stream of its best word only, but may be there more than once
    # (two words found it equally): read enough to fill the page with distinct ones
    enough = p((first + 1) * len(w.words))
    columns = ", ".join(f"m.{c}" for c in Matter._meta.db_fields)
    sql = (
        f"SELECT {columns}, s.relevance AS relevance FROM (SELECT DISTINCT relevance, id"
        f" FROM ({streams} ORDER BY relevance, id LIMIT {enough}) x) s"
        f" JOIN matter m ON m.id = s.id ORDER BY s.relevance, s.id LIMIT {p(first + 1)}"
    )
    return sql, p.values


async def page(
    conn: BaseDBAsyncClient, w: Wanted, first: int, after: tuple[int, int] | None
) -> list[Matter]:
    """A page of `first` + 1 matters, each with its `relevance`."""
    _, rows = await conn.execute_query(
        *page_sql(conn.capabilities.dialect == "sqlite", w, first, after)
    )
    found = []
    for row in rows:
        values = dict(row)
        relevance = values.pop("relevance")
        matter = Matter._init_from_db(**values)
        matter.relevance = int(relevance)
        found.append(matter)
    return found
