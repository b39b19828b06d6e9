"""The minor children registered with a citizen in the household register, read at the
citizen's own request when they claim guardianship (监护关系): the `household` source's record,
its `minor_children` list (name, resident ID). Logged in the citizen's data-access log like
every read; never cached (the claim is rare, and a stale answer would grant a right)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from backend.datasources.connectors import fetch
from backend.datasources.models import DataAccess

if TYPE_CHECKING:
    from backend.accounts.service import Citizen
    from backend.datasources.service import Sharing

SOURCE = "household"
PURPOSE = "核验同户的未成年子女，确认监护关系"
ACCESSOR = "ZeroRun 在线办事"


async def minor_children(sharing: Sharing, citizen: Citizen) -> list[dict[str, Any]] | None:
    """The register's list for the citizen ([] when it holds no such child or no record of
    them); None when the register could not be read (down, too slow, not configured)."""
    source = sharing.sources.get(SOURCE)
    if source is None:
        return None
    mapping = {"minor_children": "/minor_children"}
    only = dataclasses.replace(source, connector={**source.connector, "mapping": mapping})
    fetched = await fetch(only, citizen.id_number or "", sharing.http, sharing.catalog_dir)
    await DataAccess.create(
        citizen=citizen,
        source_id=SOURCE,
        accessor=ACCESSOR,
        purpose=PURPOSE,
        outcome=fetched.status,
    )
    if fetched.status == "failed":
        return None
    found = fetched.values.get("minor_children")
    return [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []
