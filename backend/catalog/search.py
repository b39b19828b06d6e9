"""Search in citizens' words: what a matter is indexed under, how a citizen's words are widened
into the words the catalog uses, and how hits are matched and ranked (docs/search.md).

A matter's search text has three segments, most relevant first: its names (Chinese, English,
the pinyin and the initials of the Chinese), its keywords (and their pinyin), its department.
The segments are joined by SEGMENT, a character Python's `str.split` takes for whitespace (so
no gram spans two segments) and nobody types (`" ".join(keyword.split())` drops it), which
lets one LIKE tell in which segment a word was found, the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import orjson
from opencc import OpenCC
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper
from pypika_tortoise.utils import format_alias_sql
from pypinyin import Style, lazy_pinyin

from backend.catalog.models import Matter, MatterGram
from backend.settings import CATALOG_DIR

SYNONYMS_FILE = CATALOG_DIR / "synonyms.json"
MAX_KEYWORD = 30
MAX_WORDS = 8  # a query and at most seven readings of it: each is a group of index probes
SEGMENT = "\x1f"
NAME, KEYWORDS, DEPARTMENT = 0, 1, 2  # relevance tiers, best first


@functools.cache
def _simplified() -> OpenCC:
    return OpenCC("t2s")  # reads its dictionaries: 5 ms, once


def fold(value: str) -> str:
    """Lower case, simplified characters: 戶口 and 户口 are one word. OpenCC's t2s changes the
    script only, not the regional vocabulary (軟體 stays 软体)."""
    return str(_simplified().convert(value.lower()))


def _pinyin(value: str) -> str:
    return "".join(lazy_pinyin(value, errors="ignore"))


def _initials(value: str) -> str:
    return "".join(lazy_pinyin(value, style=Style.FIRST_LETTER, errors="ignore"))


def searchable(d: dict[str, Any]) -> str:
    name, keywords = d["name"]["zh"], d.get("keywords", [])
    segments = [
        [name, d["name"]["en"], _pinyin(name), _initials(name)],
        [*keywords, *(_pinyin(k) for k in keywords)],
        [d["department"]["name"]["zh"]],
    ]
    return fold(SEGMENT.join(" ".join(w for w in words if w) for words in segments))


def grams(value: str) -> set[str]:
    """One- and two-character grams: any substring query of two or more characters is covered
    by its bigrams, a one-character query by its unigram."""
    out: set[str] = set()
    for word in value.lower().split():
        out.update(word)
        out.update(word[i : i + 2] for i in range(len(word) - 1))
    return out


@functools.cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """A citizen's word -> the catalog's words for it, read once from form_schemas/synonyms.json;
    longest first: the most specific readings are kept when MAX_WORDS cuts."""
    doc = orjson.loads(SYNONYMS_FILE.read_bytes())["synonyms"]
    return {
        fold(k): tuple(fold(v) for v in doc[k]) for k in sorted(doc, key=lambda k: (-len(k), k))
    }


def readings(keyword: str, county: Mapping[str, tuple[str, ...]] | None = None) -> list[str]:
    """The words a search looks for: the citizen's own (folded), the same without spaces when
    it is pinyin typed syllable by syllable ("hu kou"), and each synonym in its place: the
    province's, and `county`'s (the region's own, backend/catalog/synonyms.py) besides."""
    word = fold(" ".join(keyword.split()))[:MAX_KEYWORD]
    out = [word]
    if " " in word and word.isascii():
        out.append(word.replace(" ", ""))
    every = dict(synonyms())
    for said, meant in (county or {}).items():
        every[said] = (*every.get(said, ()), *meant)
    for said in sorted(every, key=lambda k: (-len(k), k)) if county else every:
        if said in word:
            out += [word.replace(said, m) for m in every[said]]
    return list(dict.fromkeys(w for w in out if w))[:MAX_WORDS]


def graded(text: str) -> dict[str, int]:
    """Each gram of a matter's search text with its tier: the first segment that holds it."""
    found: dict[str, int] = {}
    for tier, segment in enumerate(text.split(SEGMENT)):
        for g in grams(segment):
            found.setdefault(g, tier)
    return found


def wanted_grams(word: str) -> set[str]:
    """The grams a matter holding `word` must have (a space is never in a gram)."""
    if len(word) == 1:
        return {word}
    return {word[i : i + 2] for i in range(len(word) - 1) if " " not in word[i : i + 2]}


def like_pattern(word: str, tail: str = "") -> str:
    """A LIKE pattern (ESCAPE '\\') of the word anywhere, followed by `tail`; the word taken
    literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%{tail}"


def _like(word: str, ctx: SqlContext, tail: str = "") -> str:
    """`search_text LIKE` the word anywhere, followed by `tail`."""
    pattern = ValueWrapper(like_pattern(word, tail))
    return f'"{Matter._meta.db_table}"."search_text" LIKE {pattern.get_sql(ctx)} ESCAPE \'\\\''


class Matches(Term):
    """Whether the matter of the row at hand holds one of the words. Each word is first probed
    through the `(gram, matter_id)` index, correlated: a search is driven from the region's
    matters (2,840 at province scale) rather than from a gram's (`登记`: 25,913), and costs
    about the same as without a keyword; the LIKE then confirms the grams are in order."""

    def __init__(self, words: list[str]) -> None:
        super().__init__()
        self.words = words

    def get_sql(self, ctx: SqlContext) -> str:
        gram_table, matters = MatterGram._meta.db_table, Matter._meta.db_table
        alternatives = []
        for word in self.words:
            probes = [
                f'EXISTS (SELECT 1 FROM "{gram_table}" WHERE "gram"={ValueWrapper(g).get_sql(ctx)}'
                f' AND "matter_id"="{matters}"."id")'
                for g in sorted(wanted_grams(word))
            ]
            alternatives.append("(" + " AND ".join([*probes, _like(word, ctx)]) + ")")
        sql = "(" + " OR ".join(alternatives) + ")"
        return format_alias_sql(sql=sql, alias=self.alias, ctx=ctx) if ctx.with_alias else sql


class Relevance(Term):
    """The best segment any of the words is found in: NAME, KEYWORDS, else DEPARTMENT."""

    def __init__(self, words: list[str]) -> None:
        super().__init__()
        self.words = words

    def get_sql(self, ctx: SqlContext) -> str:
        def anywhere_before(separators: int) -> str:
            return " OR ".join(_like(w, ctx, f"{SEGMENT}%" * separators) for w in self.words)

        sql = (
            f"(CASE WHEN {anywhere_before(2)} THEN {NAME}"
            f" WHEN {anywhere_before(1)} THEN {KEYWORDS} ELSE {DEPARTMENT} END)"
        )
        return format_alias_sql(sql=sql, alias=self.alias, ctx=ctx) if ctx.with_alias else sql
