"""A county version deletes a field of its province template: `{"$remove": true}` under
form.schema.properties drops it from the effective form, and it stays deleted once saved."""

from __future__ import annotations

import httpx
from authoring_support import MATTER, create, save
from support import staff_gql, staff_token

from backend.catalog.definitions import merge

TEMPLATE = "330000-ZJ-006"


def test_the_merge_drops_a_key_marked_removed_and_keeps_the_others() -> None:
    base = {"properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    change = {"properties": {"a": {"$remove": True}, "c": {"type": "number"}}}

    assert merge(base, change) == {"properties": {"b": {"type": "string"}, "c": {"type": "number"}}}
    assert merge(base, {"properties": {"zz": {"$remove": True}}}) == base


async def test_a_deleted_template_field_stays_deleted(client: httpx.AsyncClient) -> None:
    county = await staff_token(client, "shangcheng-admin", "county_admin", region="330102")
    code = await create(client, county, TEMPLATE)
    draft = (await staff_gql(client, MATTER, {"c": code}, county))["data"]["authoredMatter"]
    order = [f for f in draft["effective"]["form"]["ui"]["ui:order"] if f != "delivery_recipient"]
    document = {
        **draft["document"],
        "form": {
            "schema": {"properties": {"delivery_recipient": {"$remove": True}}},
            "ui": {"ui:order": order},
        },
    }
    saved = await save(client, county, code, document)
    again = (await staff_gql(client, MATTER, {"c": code}, county))["data"]["authoredMatter"]

    assert [p for p in saved["problems"] if p["severity"] == "error"] == []
    assert "delivery_recipient" not in again["effective"]["form"]["schema"]["properties"]
    assert "delivery_address" in again["effective"]["form"]["schema"]["properties"]
    assert again["document"]["form"]["schema"]["properties"] == {
        "delivery_recipient": {"$remove": True}
    }
    assert {"path": "/form/schema/properties/delivery_recipient", "op": "remove"} in again[
        "templateDiff"
    ]
