"""Several people, one application (多方申请): the seller starts the house transfer and invites
the buyer, each fills, consents and confirms their own part on their own account, and the
outputs go to the party who holds them; neither party ever sees the other's private data."""

from __future__ import annotations

import uuid

import httpx
from parties_support import (
    BUYER_ID,
    BUYER_PART,
    SELLER_ID,
    SELLER_MOBILE,
    approve_everywhere,
    buyer_joined,
    confirm,
    invite,
    join,
    raw,
    read,
    save,
    seller_ready,
    wallet,
)
from support import consent_to_everything, gql, sign_in, upload

from backend.accounts.service import Sessions, citizen_by_id_number
from backend.applications import service as applications
from backend.applications.models import Application, ApplicationParty
from backend.notifications.models import Outbox
from backend.settings import Settings

DECLINE = "mutation($id: ID!, $r: String!) { declineParty(applicationId: $id, reason: $r) { __typename ... on Application { status parties { party status declineReason } } ... on ApplicationError { code errors { path code } } } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } ... on ApplicationError { code errors { path code } } } }"


async def test_seller_and_buyer_transfer_a_house_each_on_their_own_account_and_the_buyer_holds_the_new_certificate(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)

    buyer_confirms = await confirm(client, buyer, parent)
    seller_confirms = await confirm(client, seller, parent)
    assert buyer_confirms.get("status") == "DRAFT", buyer_confirms
    assert seller_confirms.get("status") == "SUBMITTED", seller_confirms
    seen_by_buyer = await raw(client, buyer, parent)
    seen_by_seller = await raw(client, seller, parent)
    await approve_everywhere(client, parent)

    buyer_wallet = await wallet(client, buyer)
    seller_wallet = await wallet(client, seller)
    assert {
        "type": "real_estate_certificate",
        "holderName": "李婷",
        "status": "current",
        "heldFor": None,
        "issuedByZerorun": True,
    } in buyer_wallet
    assert {
        "type": "real_estate_certificate",
        "holderName": "王建国",
        "status": "cancelled",
        "heldFor": None,
        "issuedByZerorun": False,
    } in seller_wallet
    assert not any(w["issuedByZerorun"] for w in seller_wallet), seller_wallet
    # neither ever reads the other's private data: resident ID, mobile, payment
    for private in (SELLER_ID, SELLER_MOBILE):
        assert private not in seen_by_buyer
    for private in (BUYER_ID, BUYER_PART["buyer_mobile"], "full_payment"):
        assert private not in seen_by_seller
    assert '"holderName":"李*"' in seen_by_seller and '"holderName":"王**"' in seen_by_buyer


async def test_a_party_changing_another_partys_field_or_material_gets_not_your_part_with_its_path(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)

    theirs = await gql(
        client,
        """mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename
        ... on ApplicationError { code errors { path code } } } }""",
        {"id": parent, "a": {"seller_mobile": "13000000000"}},
        buyer,
    )
    material = await upload(client, buyer, parent, "property.co_owner_consent")
    own_identity = await gql(
        client,
        "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { ... on SavedApplication { problems { path code } application { answers } } } }",
        {"id": parent, "a": {**BUYER_PART, "buyer_id_number": "110101199003074518"}},
        buyer,
    )

    assert theirs["data"]["saveApplication"] == {
        "__typename": "ApplicationError",
        "code": "NOT_YOUR_PART",
        "errors": [{"path": "/answers/seller_mobile", "code": "not_your_part"}],
    }
    assert material["code"] == "NOT_YOUR_PART"
    assert material["errors"][0]["path"] == "/materials/property.co_owner_consent"
    saved = own_identity["data"]["saveApplication"]
    assert {"path": "/answers/buyer_id_number", "code": "read_only"} in saved["problems"]
    assert saved["application"]["answers"]["buyer_id_number"] == BUYER_ID
    assert (await read(client, seller, parent))["seller_mobile"] == SELLER_MOBILE


async def test_a_change_after_the_other_party_confirmed_asks_them_to_confirm_again_and_submit_says_who_is_pending(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)
    await confirm(client, buyer, parent)

    changed = {**await read(client, seller, parent), "seller_mobile": "13805719999"}
    await save(client, seller, parent, changed)
    pending = (await gql(client, SUBMIT, {"id": parent}, seller))["data"]["submitApplication"]
    view = await gql(
        client,
        "query($id: ID!) { application(id: $id) { status parties { party status } timeline { kind } } }",
        {"id": parent},
        buyer,
    )

    assert pending == {
        "__typename": "ApplicationError",
        "code": "PARTIES_PENDING",
        "errors": [{"path": "/parties/buyer", "code": "pending"}],
    }
    application = view["data"]["application"]
    assert application["status"] == "DRAFT"
    assert {"party": "seller", "status": "CONFIRMED"} in application["parties"]
    assert {"party": "buyer", "status": "JOINED"} in application["parties"]
    assert "confirmation_reset" in [e["kind"] for e in application["timeline"]]
    assert (await confirm(client, buyer, parent))["status"] == "SUBMITTED"


async def test_a_material_replaced_after_the_other_party_confirmed_asks_them_to_confirm_again(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)
    await confirm(client, buyer, parent)

    await upload(client, seller, parent, "property.co_owner_consent")
    parties = await gql(
        client,
        "query($id: ID!) { application(id: $id) { parties { party status } } }",
        {"id": parent},
        seller,
    )

    assert {"party": "buyer", "status": "JOINED"} in parties["data"]["application"]["parties"]


async def test_a_party_who_declines_stops_the_submission_and_tells_the_others_why(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)

    too_long = (await gql(client, DECLINE, {"id": parent, "r": "长" * 201}, buyer))["data"]
    declined = (await gql(client, DECLINE, {"id": parent, "r": "房价谈不拢"}, buyer))["data"]
    refused = (await gql(client, SUBMIT, {"id": parent}, seller))["data"]["submitApplication"]
    timeline = await gql(
        client,
        "query($id: ID!) { application(id: $id) { timeline { kind message { zh } } } }",
        {"id": parent},
        seller,
    )
    again = await invite(client, seller, parent, "buyer")

    assert too_long["declineParty"]["errors"] == [{"path": "/reason", "code": "invalid"}]
    assert {"party": "buyer", "status": "DECLINED", "declineReason": "房价谈不拢"} in declined[
        "declineParty"
    ]["parties"]
    assert refused == {
        "__typename": "ApplicationError",
        "code": "DECLINED",
        "errors": [{"path": "/parties/buyer", "code": "declined"}],
    }
    assert {
        "kind": "party_declined",
        "message": {"zh": "买方拒绝了申请，原因：房价谈不拢"},
    } in timeline["data"]["application"]["timeline"]
    assert len(again["code"]) == 8  # the starter may invite again: a new code


async def test_an_invitation_by_resident_id_is_refused_to_anyone_else_and_a_code_works_once(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    stranger = await sign_in(client, "demo-3")
    buyer = await sign_in(client, "demo-2")

    invitation = await invite(client, seller, parent, "buyer", BUYER_ID, "13957100002")
    by_another = await join(client, stranger, invitation["code"])
    by_her = await join(client, buyer, invitation["code"].lower())
    twice = await join(client, buyer, invitation["code"])
    unknown = await join(client, stranger, "ABCDEFGH")
    not_seen = await gql(
        client, "query($id: ID!) { application(id: $id) { id } }", {"id": parent}, stranger
    )

    assert by_another["code"] == "INVITATION_INVALID"
    assert by_another["errors"] == [{"path": "/code", "code": "invitation_invalid"}]
    assert by_her["__typename"] == "Application" and by_her["myParty"] == "buyer"
    assert twice["code"] == "INVITATION_INVALID" and unknown["code"] == "INVITATION_INVALID"
    assert not_seen["data"]["application"] is None
    listed = await gql(client, "{ myApplications { edges { node { id myParty } } } }", {}, buyer)
    assert listed["data"]["myApplications"]["edges"] == [
        {"node": {"id": parent, "myParty": "buyer"}}
    ]
    [row] = await ApplicationParty.filter(application_id=uuid.UUID(parent), party="buyer")
    assert row.invited_mobile == "13957100002" and row.code_hash is None  # used: gone
    [notice] = await Outbox.filter(citizen_id=row.citizen_id, kind="party_invited")
    assert invitation["code"] in notice.payload["zh"]  # her notice carries the code


async def test_the_starter_cannot_invite_their_own_party_nor_a_party_the_matter_does_not_have(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    own = await invite(client, seller, parent, "seller")
    unknown = await invite(client, seller, parent, "landlord")
    bad_id = await invite(client, seller, parent, "buyer", "330102199107210521", "13957100002")

    assert own["errors"] == [{"path": "/party", "code": "invalid"}]
    assert unknown["errors"] == [{"path": "/party", "code": "invalid"}]
    assert bad_id["errors"] == [{"path": "/residentId", "code": "invalid"}]


async def test_a_one_applicant_matter_has_no_parties_and_no_party_of_mine(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-5")
    started = await gql(
        client,
        'mutation { startApplication(matterCode: "330106-ZJ-009") { ... on Application { parties { party } myParty } } }',
        {},
        token,
    )
    asked = await gql(
        client,
        'mutation { startApplication(matterCode: "330106-ZJ-009", asParty: "buyer") { ... on ApplicationError { code errors { path } } } }',
        {},
        token,
    )
    assert started["data"]["startApplication"] == {"parties": [], "myParty": None}
    assert asked["data"]["startApplication"] == {
        "code": "INVALID_INPUT",
        "errors": [{"path": "/asParty"}],
    }


async def test_a_retried_completion_issues_nothing_more(client: httpx.AsyncClient) -> None:
    seller, parent = await seller_ready(client)
    buyer = await buyer_joined(client, seller, parent)
    await confirm(client, buyer, parent)
    await confirm(client, seller, parent)
    await approve_everywhere(client, parent)
    registration = await Application.get(parent_id=uuid.UUID(parent), matter_code="330106-ZJ-002")

    again: list[str] = []
    try:
        await applications.complete(registration.id)
    except applications.ApplicationProblem as p:
        again.append(p.code)

    assert again == ["NOT_EDITABLE"]
    assert [w["type"] for w in await wallet(client, buyer)].count("real_estate_certificate") == 1


FATHER_ID = "33010619920819001X"
NEWBORN = {
    "newborn_name": "孙语桐",
    "newborn_sex": "female",
    "newborn_birth_date": "2026-11-20",
    "ethnicity": "汉族",
    "birth_medical_certificate_no": "Q330123456",
    "birth_place_region": "330106",
    "guardian_relationship": "mother",
    "applicant_mobile": "13757100003",
    "ssc_bank": "hzunited",
    "cardholder_name": "孙语桐",
}
NEWBORN_SITUATION = {"parents_married": "married", "settle_with": "mother", "card_for": "child"}
NEWBORN_EVENT = (
    'mutation { startLifeEvent(code: "330106-YJS-002") { ... on Application { id myParty } } }'
)


async def test_a_newborns_documents_are_held_for_the_child_and_seen_by_both_parents(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    mother = await sign_in(client, "demo-3")
    father_account = await citizen_by_id_number(FATHER_ID, "孙磊", {"id_number": FATHER_ID})
    father = await Sessions(settings).issue(father_account)  # as if he signed in himself
    started = (await gql(client, NEWBORN_EVENT, {}, mother))["data"]["startLifeEvent"]
    parent = started["id"]
    await save(
        client, mother, parent, {**await read(client, mother, parent), **NEWBORN}, NEWBORN_SITUATION
    )
    await consent_to_everything(client, mother, parent)
    invitation = await invite(client, mother, parent, "father", FATHER_ID, "13805710088")
    joined = await join(client, father, invitation["code"])
    father_confirms = await confirm(client, father, parent)
    mother_confirms = await confirm(client, mother, parent)
    for child in await Application.filter(parent_id=uuid.UUID(parent)):
        await applications.complete(child.id)  # each department's decision

    held = {
        "holderName": "孙语桐",
        "status": "current",
        "heldFor": "孙语桐",
        "issuedByZerorun": True,
    }
    assert started["myParty"] == "mother" and joined["myParty"] == "father"
    assert joined["answers"]["newborn_name"] == "孙语桐"  # the child's part: both parents'
    assert (
        joined["answers"]["father_name"] == "孙磊"
        and joined["answers"]["father_id_number"] == FATHER_ID
    )
    assert father_confirms.get("status") == "DRAFT", father_confirms
    assert mother_confirms.get("status") == "SUBMITTED", mother_confirms
    assert {"type": "newborn_household_register", **held} in await wallet(client, mother)
    assert {"type": "newborn_household_register", **held} in await wallet(client, father)
    assert {"type": "social_security_card", **held} in await wallet(client, father)


async def test_an_application_sends_at_most_ten_invitations_a_day(
    client: httpx.AsyncClient,
) -> None:
    seller, parent = await seller_ready(client)
    sent = [await invite(client, seller, parent, "buyer") for _ in range(10)]
    eleventh = await invite(client, seller, parent, "buyer", BUYER_ID, "13957100002")
    assert all(len(s["code"]) == 8 for s in sent)
    assert eleventh["code"] == "CONFLICT"
    # the ten invitations' steps on the timeline; nothing for the eleventh, no text to her mobile
    assert await Outbox.filter(kind="party_invited").count() == 10
