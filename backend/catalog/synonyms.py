"""A county's own search synonyms: its citizens' words for the catalog's, which a county
administrator adds beside the province's dictionary (form_schemas/synonyms.json). A search in
the county, or in a region below it, widens a word as both say (search.readings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backend.catalog.models import SearchSynonym
from backend.catalog.search import MAX_KEYWORD, SEGMENT, fold, synonyms
from backend.forms.validation import FieldError
from backend.regions.service import ancestors

MAX_MEANT = 5  # the catalog's words one word may stand for
MAX_PER_REGION = 300  # a county's own entries: a dictionary, not a second catalog


class SynonymProblem(Exception):
    """A change to a county's synonyms refused, with a stable code; `errors` names each input
    at fault, all at once."""

    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


@dataclass(frozen=True)
class SynonymEntry:
    """One synonym as a county administrator sees it: the province's (region None) and the
    regions' above theirs are read-only; their own are theirs to change."""

    said: str
    meant: tuple[str, ...]
    region_code: str | None
    updated_by: str | None = None
    updated_at: dt.datetime | None = None

    @classmethod
    def of(cls, row: SearchSynonym) -> SynonymEntry:
        return cls(row.said, tuple(row.meant), row.region_code, row.updated_by, row.updated_at)


async def county_words(region: str) -> dict[str, tuple[str, ...]]:
    """The synonyms the region's counties and the regions above it added, merged by word."""
    found: dict[str, tuple[str, ...]] = {}
    for said, meant in await SearchSynonym.filter(region_code__in=ancestors(region)).values_list(
        "said", "meant"
    ):
        found[said] = tuple(dict.fromkeys([*found.get(said, ()), *meant]))
    return found


async def synonym_entries(region: str) -> list[SynonymEntry]:
    """The province's dictionary, then the regions' entries from the top down to `region`'s,
    each by word."""
    province = [SynonymEntry(said, meant, None) for said, meant in sorted(synonyms().items())]
    rows = await SearchSynonym.filter(region_code__in=ancestors(region)).order_by(
        "region_code", "said"
    )
    return province + [SynonymEntry.of(r) for r in rows]


def _word(value: str) -> str:
    """Folded as a search folds; what is far too long to be a word is cut before the work."""
    return fold(" ".join(value[: MAX_KEYWORD * 4].split()))


def _checked(said: str, meant: list[str]) -> tuple[str, list[str]]:
    """The word and its meanings folded as a search folds them; every fault at once."""
    word, words = _word(said), [_word(m) for m in meant]
    errors = []
    if not 1 <= len(word) <= MAX_KEYWORD or SEGMENT in word:
        errors.append(
            FieldError(
                "/said",
                "INVALID_LENGTH",
                f"请填写群众会搜的词，1 到 {MAX_KEYWORD} 个字。",
                f"Enter the word citizens search for, 1 to {MAX_KEYWORD} characters.",
            )
        )
    if not 1 <= len(words) <= MAX_MEANT:
        errors.append(
            FieldError(
                "/meant",
                "INVALID_LENGTH",
                f"请填写 1 到 {MAX_MEANT} 个事项里用的词。",
                f"Enter 1 to {MAX_MEANT} words the matters use.",
            )
        )
    for i, w in enumerate(words[:MAX_MEANT]):
        if not 1 <= len(w) <= MAX_KEYWORD or SEGMENT in w:
            errors.append(
                FieldError(
                    f"/meant/{i}",
                    "INVALID_LENGTH",
                    f"每个词 1 到 {MAX_KEYWORD} 个字。",
                    f"Each word has 1 to {MAX_KEYWORD} characters.",
                )
            )
        elif w == word:
            errors.append(
                FieldError(
                    f"/meant/{i}",
                    "SAME_WORD",
                    "这个词和群众的说法一样，搜索本来就能找到。",
                    "This is the citizens' word itself: a search finds it already.",
                )
            )
        elif w in words[:i]:
            errors.append(
                FieldError(
                    f"/meant/{i}", "DUPLICATE", "这个词填了两次。", "This word is given twice."
                )
            )
    if errors:
        raise SynonymProblem(
            "INVALID_INPUT",
            "有些内容需要修改，见各项说明。",
            "Some fields need changing; see each one.",
            errors,
        )
    return word, words


async def set_synonym(region: str, said: str, meant: list[str], by: str) -> SynonymEntry:
    """The county's entry for `said` (folded) becomes `meant`, added or replaced."""
    word, words = _checked(said, meant)
    row = await SearchSynonym.get_or_none(region_code=region, said=word)
    if row is None:
        if await SearchSynonym.filter(region_code=region).count() >= MAX_PER_REGION:
            raise SynonymProblem(
                "TOO_MANY",
                f"本地最多 {MAX_PER_REGION} 个同义词；请先删掉不再需要的。",
                f"At most {MAX_PER_REGION} synonyms per county: remove some you no longer need.",
            )
        row = await SearchSynonym.create(region_code=region, said=word, meant=words, updated_by=by)
    else:
        row.meant, row.updated_by = words, by
        await row.save(update_fields=["meant", "updated_by", "updated_at"])
    return SynonymEntry.of(row)


async def remove_synonym(region: str, said: str) -> SynonymEntry:
    """The county's entry for `said` removed; it is returned as it was."""
    row = await SearchSynonym.get_or_none(region_code=region, said=_word(said)[:MAX_KEYWORD])
    if row is None:
        raise SynonymProblem(
            "NOT_FOUND",
            "本地没有这个同义词（省级词典里的词不能在这里删除）。",
            "No such synonym of this county (the province's dictionary is not changed here).",
        )
    await row.delete()
    return SynonymEntry.of(row)
