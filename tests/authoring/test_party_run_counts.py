"""The configurator's preview counts each applicant party's trips: the promise of running at
most once holds for each person, and the matter's run count is the worst party's."""

from __future__ import annotations

import httpx
from authoring_support import CASE, create, material, save, senior_card, text
from support import staff_gql, staff_token

SAVE_CASE = """
mutation($c: String!, $t: TestCaseInput!) {
  saveTestCase(code: $c, testCase: $t) {
    ... on AuthoredMatter { testResults { runCount trips { itemId party } parties { party name { zh } runCount } } }
  }
}
"""


def with_a_witness(code: str) -> dict[str, object]:
    """The senior card with a second applicant party, a witness who brings the original of a
    residence certificate (their own trip) while the senior runs zero times."""
    document = senior_card(code)
    document["parties"] = [
        {
            "id": "senior",
            "name": text("老人", "Senior"),
            "role": "applicant",
            "identity_field": "applicant_id_number",
            "fields": ["applicant_name", "applicant_id_number"],
            "confirm": text("我确认以上信息属实。", "I confirm the details are true."),
        },
        {
            "id": "witness",
            "name": text("证明人", "Witness"),
            "role": "applicant",
            "required": False,
            "fields": ["residential_address"],
            "confirm": text("我证明老人在此居住。", "I confirm the senior lives here."),
        },
    ]
    proof = material("witness_proof", "proof.witness", "居住证明原件", [{"kind": "original"}])
    document["materials"] = [*document["materials"], {**proof, "party": "witness"}]
    return document


async def test_a_test_case_counts_each_partys_trips_says_whose_and_the_worst_is_the_matters(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "xihu-admin", "county_admin")
    code = await create(client, admin)
    saved = await save(client, admin, code, with_a_witness(code))
    case = {**CASE, "expected": {"eligible": True}}
    result = await staff_gql(client, SAVE_CASE, {"c": code, "t": case}, admin)

    assert [p for p in saved["problems"] if p["severity"] == "error"] == []
    [tested] = result["data"]["saveTestCase"]["testResults"]
    assert tested["runCount"] == 1
    assert tested["trips"] == [{"itemId": "witness_proof", "party": "witness"}]
    assert tested["parties"] == [
        {"party": "senior", "name": {"zh": "老人"}, "runCount": 0},
        {"party": "witness", "name": {"zh": "证明人"}, "runCount": 1},
    ]
