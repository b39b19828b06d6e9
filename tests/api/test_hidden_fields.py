"""A field its rule hides (`ui:visibleWhen`) is neither required nor kept by the server, as the
mini-program neither asks for it nor should send it (issue 18: a required field hidden by its
rule was still demanded)."""

from __future__ import annotations

import copy
from typing import Any

import httpx
from parties_support import buyer_joined, confirm, seller_ready
from support import ID_CARD, ID_CARD_ANSWERS, gql, sign_in

from backend.applications.service import Application
from backend.catalog import service as catalog
from backend.catalog.models import Matter, MatterVersion

START = """
mutation Start($code: String!) {
  startApplication(matterCode: $code) { __typename ... on Application { id } }
}
"""
SUBMIT = """
mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    __typename
    ... on Application { status }
    ... on ApplicationError { code errors { path code } }
  }
}
"""
GUARDIAN = {"guardian_name": "陈大明"}
HOUSE_TRANSFER = "330106-ZJ-002"  # the life event's member the buyer's fields belong to


async def guardian_required_when(rule: Any) -> None:
    """The ID card's next version: the guardian's name required, shown while `rule` holds (the
    catalog's own shows it to applicants under 16 and leaves it optional)."""
    matter = await Matter.get(code=ID_CARD)
    latest = await MatterVersion.get(id=matter.published_version_id)
    d = copy.deepcopy(latest.definition)
    d["form"]["schema"]["required"] = [*d["form"]["schema"].get("required", []), "guardian_name"]
    d["form"]["ui"]["guardian_name"] = {"ui:visibleWhen": rule}
    await catalog.publish(d, d, "guardian required while shown")


async def submit(client: httpx.AsyncClient, answers: dict[str, Any]) -> tuple[str, Any]:
    token = await sign_in(client, "demo-5")  # 陈浩然, an adult
    started = await gql(client, START, {"code": ID_CARD}, token)
    app_id = started["data"]["startApplication"]["id"]
    body = await gql(
        client,
        SUBMIT,
        {"input": {"applicationId": app_id, "answers": answers, "deliveryMode": "express"}},
        token,
    )
    return app_id, body["data"]["submitApplication"]


async def test_a_required_field_its_rule_hides_is_not_demanded_and_its_answer_not_kept(
    client: httpx.AsyncClient,
) -> None:
    await guardian_required_when({"<": [{"var": "applicant.age"}, 16]})

    _, without = await submit(client, ID_CARD_ANSWERS)
    app_id, sent = await submit(client, {**ID_CARD_ANSWERS, **GUARDIAN})

    assert without == sent == {"__typename": "Application", "status": "SUBMITTED"}
    kept = await Application.get(id=app_id)
    assert "guardian_name" not in kept.answers
    assert kept.answers == ID_CARD_ANSWERS


async def test_a_required_field_its_rule_shows_is_demanded(client: httpx.AsyncClient) -> None:
    await guardian_required_when({">=": [{"var": "applicant.age"}, 16]})

    _, missing = await submit(client, ID_CARD_ANSWERS)
    _, given = await submit(client, {**ID_CARD_ANSWERS, **GUARDIAN})

    assert missing["code"] == "INVALID"
    assert {"path": "/answers/guardian_name", "code": "required"} in missing["errors"]
    assert given == {"__typename": "Application", "status": "SUBMITTED"}


async def test_a_party_confirming_is_not_asked_for_its_own_required_field_that_a_rule_hides(
    client: httpx.AsyncClient,
) -> None:
    # the house transfer's next version: the buyer's delivery address required, never shown
    matter = await Matter.get(code=HOUSE_TRANSFER)
    latest = await MatterVersion.get(id=matter.published_version_id)
    d = copy.deepcopy(latest.definition)
    d["form"]["schema"]["required"] = [*d["form"]["schema"]["required"], "delivery_address"]
    never = {"==": [{"var": "situation.seller_marital_status"}, "nobody"]}
    d["form"]["ui"]["delivery_address"] = {"ui:visibleWhen": never}
    await catalog.publish(d, d, "the buyer's address required while shown")
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)

    confirmed = await confirm(client, buyer, parent)

    assert confirmed == {"__typename": "Application", "status": "DRAFT"}
