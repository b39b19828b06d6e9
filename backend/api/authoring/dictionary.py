"""GraphQL types of what a matter document may refer to: templates to localise, data elements,
departments, e-license types and shared data sources."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from backend.api.types import LocalizedText


@strawberry.type
class TemplateSummary:
    code: str
    name: LocalizedText
    region_code: str
    department: LocalizedText
    localised_as: str | None = strawberry.field(
        description="The code of your region's localisation, when there is one."
    )


@strawberry.type(description="A data element of the dictionary (elements.json).")
class DataElement:
    key: str
    name: LocalizedText
    type: str
    format: str | None
    profile_key: str | None = strawberry.field(
        description="Available in rules as applicant.<profileKey>."
    )
    schema: JSON = strawberry.field(description="A form field for this element, ready to add.")

    @classmethod
    def of(cls, e: dict[str, Any]) -> DataElement:
        return cls(
            key=e["key"],
            name=LocalizedText.of(e["name"]),
            type=e["type"],
            format=e.get("format"),
            profile_key=e.get("profile_key"),
            schema=cast(JSON, field_schema(e)),
        )


def field_schema(e: dict[str, Any]) -> dict[str, Any]:
    """The form property a matter declares for this element (a date is a string of format date)."""
    schema: dict[str, Any] = {
        "title": e["name"]["zh"],
        "x-title-en": e["name"]["en"],
        "type": "string" if e["type"] == "date" else e["type"],
    }
    if e.get("format"):
        schema["format"] = e["format"]
    if e.get("max_length"):
        schema["maxLength"] = e["max_length"]
    return schema


@strawberry.type
class Department:
    code: str
    name: LocalizedText


@strawberry.type
class LicenseTypeInfo:
    type: str
    name: LocalizedText


@strawberry.type
class SharedSourceInfo:
    id: str
    name: LocalizedText
    elements: list[str]
