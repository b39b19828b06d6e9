"""The walkthrough's automatic decision (秒批, issue 19): a resident whose photo the population
registry holds applies for her social security card; its rules decide it at submission, with
no one's desk, and a sampled share waits for the department's check afterwards."""

from __future__ import annotations

from typing import Any, Protocol

CARD = "330106-ZJ-006"
CARD_REVIEWER = "reviewer-social"  # of 330106-RSJ, the department that issues the card
DATA_SETS = "query($id: ID!) { application(id: $id) { dataSharing { sourceId } } }"


class Walk(Protocol):
    def step(
        self,
        title: str,
        text: str,
        query: str,
        variables: dict[str, Any] | None = None,
        who: str | None = "demo-1",
    ) -> dict[str, Any]: ...

    def quietly(
        self, query: str, variables: dict[str, Any], who: str = "demo-1"
    ) -> dict[str, Any]: ...


def automatic(w: Walk) -> None:
    who = "demo-3"
    start = (
        "mutation($c: String!) { startApplication(matterCode: $c) { ... on Application { id } } }"
    )
    app_id = w.quietly(start, {"c": CARD}, who)["data"]["startApplication"]["id"]
    w.quietly(
        "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }",
        {"id": app_id, "a": {"ssc_bank": "icbc"}, "s": {"card_for": "self"}},
        who,
    )
    sets = w.quietly(DATA_SETS, {"id": app_id}, who)["data"]["application"]["dataSharing"]
    w.quietly(
        "mutation($id: ID!, $s: [String!]!) { grantConsent(applicationId: $id, sources: $s) { __typename } }",
        {"id": app_id, "s": [d["sourceId"] for d in sets]},
        who,
    )
    w.step(
        "An automatic decision (秒批): 赵敏 applies for her social security card",
        "Every eligibility rule passes and every material is satisfied by authoritative data (her identity card as an e-license, her photo from the population registry), and the matter declares `automatic`: its rules accept, approve and complete it at submission. No clerk, no reviewer; the audit log names the rules' version as the decider.",
        "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { ... on Application { status evaluation { runCount } timeline { kind message { zh en } } } ... on ApplicationError { code } } }",
        {"id": app_id},
        who=who,
    )
    w.step(
        "Her card is in her wallet",
        "",
        "{ myWallet { type holderName status issuedByZerorun } }",
        who=who,
    )
    w.step(
        "The department checks a sampled share afterwards (抽查)",
        "The matter samples 10 % of its automatic decisions (`automatic.sample_rate`): a sampled one waits here for a reviewer of the issuing department, who records CONFIRMED or WRONG with a note. Whether this one was drawn is chance; the list may be empty.",
        "{ automaticChecks { applicationId decidedBy outcome } }",
        who=CARD_REVIEWER,
    )
