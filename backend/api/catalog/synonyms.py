"""A county's search synonyms on the staff endpoint: the administrator reads the province's
dictionary and the regions' entries that apply to their county, and adds, changes or removes
their county's own (docs/search.md). Each change is audited and every worker forgets the search
answers it kept."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.context import Info
from backend.api.errors import Problems, problems_as
from backend.api.permissions import IsCountyAdministrator, IsStaff
from backend.api.types import FieldError, LocalizedText
from backend.backoffice.service import record_staff_change
from backend.catalog import service as catalog


@strawberry.type(description="A word citizens search for, and the catalog's words it stands for.")
class SearchSynonym:
    said: str = strawberry.field(description="What citizens type, folded (lower case, simplified).")
    meant: list[str] = strawberry.field(
        description="The words the matters use, tried in its place."
    )
    region_code: str | None = strawberry.field(
        description="The region that added it; null: the province's dictionary (form_schemas/synonyms.json)."
    )
    editable: bool = strawberry.field(description="Whether it is my county's own, mine to change.")
    updated_by: str | None
    updated_at: dt.datetime | None

    @classmethod
    def of(cls, e: catalog.SynonymEntry, region: str) -> SearchSynonym:
        return cls(
            said=e.said,
            meant=list(e.meant),
            region_code=e.region_code,
            editable=e.region_code == region,
            updated_by=e.updated_by,
            updated_at=e.updated_at,
        )


@strawberry.enum(description="Why a change to my county's search synonyms was refused.")
class SearchSynonymErrorCode(Enum):
    INVALID_INPUT = strawberry.enum_value(
        "INVALID_INPUT", description="Fields at fault, each in `errors` under its path."
    )
    TOO_MANY = strawberry.enum_value(
        "TOO_MANY", description="My county has as many synonyms as it may (300)."
    )
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="My county has no such synonym.")


@strawberry.type
class SearchSynonymError:
    problem: ClassVar[Problems] = catalog.SynonymProblem
    code: SearchSynonymErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each input at fault by its path (/said, /meant, /meant/0…) with its code: INVALID_LENGTH, SAME_WORD or DUPLICATE."
    )

    @classmethod
    def of(cls, p: catalog.SynonymProblem) -> SearchSynonymError:
        return cls(
            code=SearchSynonymErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


SearchSynonymResult = Annotated[
    SearchSynonym | SearchSynonymError, strawberry.union("SearchSynonymResult")
]


def _admin(info: Info) -> tuple[str, str]:
    """The administrator as the audit log names them, and their county."""
    staff = info.context.staff
    assert staff is not None
    return f"staff:{staff.username}", staff.region_code


@strawberry.type
class SynonymQueries:
    @strawberry.field(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="The synonyms a search in my county uses: the province's dictionary, then the regions' own from the top down to my county's (the only ones I may change), each by word. County administrators only.",
    )
    async def search_synonyms(self, info: Info) -> list[SearchSynonym]:
        region = _admin(info)[1]
        return [SearchSynonym.of(e, region) for e in await catalog.synonym_entries(region)]


@strawberry.type
class SynonymMutations:
    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Add my county's synonym for a word, or replace the words it stands for: searches in my county and below it find the matters holding any of them. Audited. County administrators only.",
    )
    @problems_as(SearchSynonymError)
    async def set_search_synonym(
        self, info: Info, said: str, meant: list[str]
    ) -> SearchSynonymResult:
        actor, region = _admin(info)
        entry = await catalog.set_synonym(region, said, meant[:50], actor)
        await _changed(info, actor, region, "catalog.synonym_set", entry)
        return SearchSynonym.of(entry, region)

    @strawberry.mutation(
        permission_classes=[IsStaff, IsCountyAdministrator],
        description="Remove my county's synonym for a word; it is returned as it was. The province's dictionary is not changed here. Audited. County administrators only.",
    )
    @problems_as(SearchSynonymError)
    async def remove_search_synonym(self, info: Info, said: str) -> SearchSynonymResult:
        actor, region = _admin(info)
        entry = await catalog.remove_synonym(region, said)
        await _changed(info, actor, region, "catalog.synonym_removed", entry)
        return SearchSynonym.of(entry, region)


async def _changed(
    info: Info, actor: str, region: str, action: str, entry: catalog.SynonymEntry
) -> None:
    after = {"said": entry.said, "meant": list(entry.meant)}
    await record_staff_change(actor, action, f"region:{region}", None, after)
    await info.context.services.catalog_changed()  # searches kept by any worker are stale
