"""Citizens' signatures given in the app, and the later checks of their commitments: a signed
commitment and each party's confirmation record the text's hash, the session and the time,
sealed so a changed row shows; the sweep schedules a check once the application is accepted,
and a reviewer records its failure, which stays flagged and audited."""

from __future__ import annotations

import datetime as dt
import hashlib

import httpx
import orjson
from support import SUBMIT, gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.accounts.models import CitizenSession
from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.models import MaterialAction
from backend.backoffice.models import AuditEntry
from backend.seals import service as seals
from backend.seals.models import Signature

COMMITMENT = "tax.family_housing_commitment"
ACCEPT = "mutation($id: ID!) { acceptApplication(id: $id) { __typename } }"
CHECKS = """query($s: String) { commitmentChecks(status: $s) {
  id applicationId materialId dueOn status failed note checkedBy } }"""
RECORD = """mutation($id: ID!, $o: CheckOutcome!, $n: String!) {
  recordCommitmentCheck(id: $id, outcome: $o, note: $n) {
    __typename ... on CommitmentCheck { status failed note } ... on SealError { code path } } }"""


async def _sessions(name: str) -> set[str]:
    citizen = await Citizen.get(name=name)
    return {str(s.id) for s in await CitizenSession.filter(citizen_id=citizen.id)}


async def test_a_signed_commitment_and_confirmations_record_hash_session_and_time(
    client: httpx.AsyncClient,
) -> None:
    seller = await sign_in(client, "demo-1")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    parent = await ready_house_event(client, seller)
    await gql(client, SUBMIT, {"id": parent}, seller)  # the seller's confirmation submits

    rows = {(s.kind, s.subject): s for s in await seals.signatures_of(parent)}
    commitment = rows[("commitment", COMMITMENT)]
    action = await MaterialAction.get(application_id=parent, material_id=COMMITMENT)
    signed = orjson.dumps(action.text, option=orjson.OPT_SORT_KEYS)
    buyer = await Citizen.get(name="李婷")

    assert commitment.text_sha256 == hashlib.sha256(signed).hexdigest()
    assert commitment.citizen_id == buyer.id
    assert str(commitment.session_id) in await _sessions("李婷")
    assert commitment.signed_at >= before
    assert {k for k, _ in rows} == {"commitment", "confirmation"}
    assert {p for k, p in rows if k == "confirmation"} == {"buyer", "seller"}
    assert str(rows[("confirmation", "seller")].session_id) in await _sessions("王建国")
    assert all([await seals.intact(s) for s in rows.values()])
    # A row changed afterwards (another text's hash) no longer matches its seal.
    await Signature.filter(id=commitment.id).update(text_sha256="0" * 64)
    assert not await seals.intact(await Signature.get(id=commitment.id))


async def test_a_scheduled_check_whose_failure_is_recorded_stays_flagged(
    client: httpx.AsyncClient,
) -> None:
    seller = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, seller)
    await gql(client, SUBMIT, {"id": parent}, seller)
    today = dt.date(2026, 12, 3)
    early = await seals.schedule_checks(
        await applications.accepted_among(await seals.awaiting_checks()), today
    )  # not accepted yet: nothing to check
    clerk = await staff_token(client, "check-clerk", "window_clerk")
    await staff_gql(client, ACCEPT, {"id": parent}, clerk)
    swept = [
        await seals.schedule_checks(
            await applications.accepted_among(await seals.awaiting_checks()), today
        )
        for _ in range(2)
    ]  # the sweep, twice: idempotent
    reviewer = await staff_token(client, "checker", "reviewer", department="330106-SWJ")
    [check] = (await staff_gql(client, CHECKS, {"s": "scheduled"}, reviewer))["data"][
        "commitmentChecks"
    ]

    unexplained = await staff_gql(
        client, RECORD, {"id": check["id"], "o": "FAILED", "n": ""}, reviewer
    )
    failed = await staff_gql(
        client,
        RECORD,
        {"id": check["id"], "o": "FAILED", "n": "不动产登记显示名下另有住房"},
        reviewer,
    )
    twice = await staff_gql(client, RECORD, {"id": check["id"], "o": "PASSED", "n": ""}, reviewer)
    flagged = (await staff_gql(client, CHECKS, {"s": "failed"}, reviewer))["data"][
        "commitmentChecks"
    ]

    assert early == 0 and swept == [1, 0]
    assert (check["applicationId"], check["materialId"]) == (parent, COMMITMENT)
    assert check["dueOn"] == str(today + dt.timedelta(days=seals.CHECK_AFTER_DAYS))
    assert unexplained["data"]["recordCommitmentCheck"] == {
        "__typename": "SealError",
        "code": "INVALID_INPUT",
        "path": "note",
    }
    assert failed["data"]["recordCommitmentCheck"]["status"] == "failed"
    assert twice["data"]["recordCommitmentCheck"]["code"] == "ALREADY_RECORDED"
    assert [(c["id"], c["failed"], c["checkedBy"]) for c in flagged] == [
        (check["id"], True, "staff:checker")
    ]
    entry = await AuditEntry.get(action="commitment_check_failed")
    assert entry.after["note"] == "不动产登记显示名下另有住房"
