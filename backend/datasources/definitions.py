"""Shared data sources as declared in form_schemas/datasources/ (see docs/catalog-format.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

Text = dict[str, str]


@dataclass(frozen=True)
class Source:
    id: str
    name: Text
    department: dict[str, Any]
    legal_basis: list[dict[str, Any]]
    purpose: Text
    elements: tuple[str, ...]
    connector: dict[str, Any]

    @property
    def provides_licenses(self) -> bool:
        return "licenses_pointer" in self.connector

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Source:
        return cls(
            id=doc["id"],
            name=doc["name"],
            department=doc["department"],
            legal_basis=doc.get("legal_basis", []),
            purpose=doc["purpose"],
            elements=tuple(doc.get("elements", [])),
            connector=doc["connector"],
        )


def load_sources(catalog_dir: Path) -> dict[str, Source]:
    folder = catalog_dir / "datasources"
    docs = (
        [orjson.loads(p.read_bytes()) for p in sorted(folder.glob("*.json"))]
        if folder.is_dir()
        else []
    )
    return {d["id"]: Source.of(d) for d in docs}


def sources_of(definition: dict[str, Any], sources: dict[str, Source]) -> list[Source]:
    """The data sets a matter may read: those its materials name, the e-license library when a
    material accepts an e-license, and those that provide a field of its form."""
    wanted: set[str] = set()
    for material in definition.get("materials", []):
        for way in material["ways"]:
            if way["kind"] == "shared_data":
                wanted.add(way["source"])
            elif way["kind"] == "e_license":
                wanted.update(s.id for s in sources.values() if s.provides_licenses)
    fields = set(definition["form"]["schema"].get("properties", {}))
    wanted.update(s.id for s in sources.values() if fields & set(s.elements))
    return [sources[i] for i in sorted(wanted) if i in sources]
