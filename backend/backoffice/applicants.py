"""Who applied, as a list shows them (the window's queue): the name and the resident ID both
masked, so that a list never holds either in full; a page's applicants in one statement."""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.service import Citizen
from backend.backoffice.detail import masked_id


@dataclass(frozen=True)
class ListedApplicant:
    name: str  # masked: 张*三
    resident_id: str  # masked: 330106********0311


def masked_name(name: str) -> str:
    """The first and last characters kept: 张*三, 欧阳**华; a two-character name keeps its first (李*)."""
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) > 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


async def listed_applicants(citizen_ids: list[int]) -> list[ListedApplicant | None]:
    """Each citizen masked (None for an id not found: never, with the foreign key), in order."""
    rows = await Citizen.filter(id__in=citizen_ids).values("id", "name", "id_number", "profile")
    found = {
        r["id"]: ListedApplicant(
            masked_name(r["name"]),
            masked_id(r["id_number"] or str((r["profile"] or {}).get("id_number", ""))),
        )
        for r in rows
    }
    return [found.get(i) for i in citizen_ids]
