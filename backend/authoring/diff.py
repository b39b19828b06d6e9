"""Differences between two matter documents, as JSON pointers a person can follow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backend.catalog.service import pointer


@dataclass(frozen=True)
class Change:
    path: str
    op: str  # add | remove | replace
    before: Any = None
    after: Any = None


def diff(before: Any, after: Any, path: str = "") -> list[Change]:
    """Objects compare key by key, lists of objects with an `id` by id (the path takes the
    index on the side that has the item), anything else as a whole."""
    if before == after:
        return []
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        changes = []
        for key in [*before, *(k for k in after if k not in before)]:
            where = path + pointer([key])
            if key not in after:
                changes.append(Change(where, "remove", before=before[key]))
            elif key not in before:
                changes.append(Change(where, "add", after=after[key]))
            else:
                changes += diff(before[key], after[key], where)
        return changes
    if _ids(before) and _ids(after):
        old = {item["id"]: (i, item) for i, item in enumerate(before)}
        new = {item["id"]: (i, item) for i, item in enumerate(after)}
        changes = []
        for key, (i, item) in new.items():
            if key in old:
                changes += diff(old[key][1], item, f"{path}/{i}")
            else:
                changes.append(Change(f"{path}/{i}", "add", after=item))
        changes += [
            Change(f"{path}/{i}", "remove", before=item)
            for key, (i, item) in old.items()
            if key not in new
        ]
        if not changes:  # same items, another order
            changes.append(Change(path, "replace", before, after))
        return changes
    return [Change(path, "replace", before, after)]


def _ids(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(i, Mapping) and "id" in i for i in value)
    )
