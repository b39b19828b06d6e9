"""Regenerate docs/walkthrough.md from real servers: `.venv/bin/python scripts/walkthrough.py`.

Starts the stand-in data-sharing registry and `zerorun serve` on free loopback ports with a
fresh SQLite file and the demo catalog, sends each request of the walkthrough, and writes the
requests and the server's responses as they were."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from walkthrough_automatic import CARD_REVIEWER, automatic

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "walkthrough-registry-token"
CITIZENS = ("demo-1", "demo-2", "demo-3")  # the seller, the buyer, and 赵敏 (her card)
STAFF_PASSWORD = "walkthrough staff password"
STAFF = {
    "clerk": ("window_clerk", None),
    "reviewer-housing": ("reviewer", "330106-ZJJ"),
    "reviewer-land": ("reviewer", "330106-GTJ"),
    "reviewer-tax": ("reviewer", "330106-SWJ"),
    "xihu-admin": ("county_admin", None),
    CARD_REVIEWER: ("reviewer", "330106-RSJ"),
}
HOUSE = "330106-ZJ-002"
SITUATION = {
    "applicant_role": "seller",
    "seller_marital_status": "married",
    "buyer_family_homes": "first",
    "buyer_marital_status": "married",
}
SELLER_PART = {"seller_mobile": "13805710001"}
BUYER_PART = {"buyer_mobile": "13905710021", "payment_method": "full_payment"}
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }"
ANSWERS = "query($id: ID!) { application(id: $id) { answers } }"
CHECKLIST = "evaluation { runCount materials { id status way evidence { zh } } trips { kind itemId reason { zh } remedy { zh } } }"
SIGN_IN = (
    'mutation { signIn(provider: "development", credential: "%s") { ... on Session { token } } }'
)
# A whole one-page PDF (uploads must parse as one), its cross-reference table at the right offsets.
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(args: list[str], env: dict[str, str], ready: str) -> Iterator[None]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend", *args],
        env=env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until the server says it is up
        if ready in line:
            break
    try:
        yield
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


class Walk:
    def __init__(self, client: httpx.Client, registry: str) -> None:
        self.client, self.registry, self.out = client, registry, []
        self.sections = 0  # each step is a numbered section
        self.tokens = {
            who: client.post("/graphql", json={"query": SIGN_IN % who}).json()["data"]["signIn"][
                "token"
            ]
            for who in CITIZENS
        }
        self.hidden: dict[str, str] = {}  # secret -> how the document shows it
        staff_sign_in = "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }"
        for username in STAFF:
            variables = {"u": username, "p": STAFF_PASSWORD}
            body = client.post(
                "/staff/graphql", json={"query": staff_sign_in, "variables": variables}
            ).json()
            self.tokens[username] = body["data"]["signIn"]["token"]

    def step(
        self,
        title: str,
        text: str,
        query: str,
        variables: dict[str, Any] | None = None,
        who: str | None = "demo-1",
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        path = "/staff/graphql" if who in STAFF else "/graphql"
        response = self.client.post(
            path, json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        auth = f"Authorization: Bearer <token of {who}>\n" if who else ""
        self.sections += 1
        self.out += [
            f"## {self.sections}. {title}",
            "",
            text,
            "",
            "```http",
            f"POST {path} HTTP/1.1\nContent-Type: application/json\n{auth}```",
            "",
            "```graphql",
            query.strip(),
            "```",
            "",
        ]
        if variables:
            self.out += [
                "Variables:",
                "",
                "```json",
                self.masked(json.dumps(variables, ensure_ascii=False, indent=2)),
                "```",
                "",
            ]
        shown = json.loads(self.masked(json.dumps(body, ensure_ascii=False)))
        if isinstance(shown.get("data"), dict) and "signIn" in shown["data"]:
            shown["data"]["signIn"]["token"] = "<token>"
        self.out += [
            f"Response ({response.status_code}):",
            "",
            "```json",
            json.dumps(shown, ensure_ascii=False, indent=2),
            "```",
            "",
        ]
        return body

    def masked(self, text: str) -> str:
        """The text with the citizens' tokens and the hidden secrets replaced."""
        for secret, shown_as in self.hidden.items():
            text = text.replace(secret, shown_as)
        for citizen in CITIZENS:
            text = text.replace(self.tokens[citizen], "<token>")
        return text

    def hide(self, secret: str, shown_as: str) -> None:
        """Show a secret (a share code) as a placeholder wherever it appears from now on."""
        self.hidden[secret] = shown_as

    def quietly(self, query: str, variables: dict[str, Any], who: str = "demo-1") -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        body: dict[str, Any] = self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        ).json()
        return body

    def quietly_staff(self, query: str, who: str) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        body: dict[str, Any] = self.client.post(
            "/staff/graphql", json={"query": query}, headers=headers
        ).json()
        return body

    def upload(self, application_id: str, material: str) -> None:
        query = "mutation($id: ID!, $m: String!, $f: Upload!) { uploadMaterial(applicationId: $id, materialId: $m, file: $f) { __typename } }"
        operations = {"query": query, "variables": {"id": application_id, "m": material, "f": None}}
        response = self.client.post(
            "/graphql",
            data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
            files={"0": ("consent.pdf", PDF, "application/pdf")},
            headers={"Authorization": f"Bearer {self.tokens['demo-1']}"},
        )
        answer = response.raise_for_status().json()["data"]["uploadMaterial"]
        if answer["__typename"] != "Application":  # a refused upload would derail the journey
            raise SystemExit(f"walkthrough: the upload of {material} was refused: {answer}")

    def switch(self, **switches: Any) -> None:
        httpx.post(
            f"{self.registry}/_control", json=switches, headers={"Authorization": f"Bearer {TOKEN}"}
        ).raise_for_status()


def journey(w: Walk) -> None:
    w.step(
        "The second-hand house transfer, one life event for three departments",
        "",
        '{ lifeEvent(code: "330106-YJS-001") { name { zh en } promise { zh } matters { code name { zh } department { name { zh } } } } }',
        who=None,
    )
    w.step(
        "Who applies: the seller and the buyer, each for their own part",
        "The law (不动产登记暂行条例 art. 14) has buyer and seller apply jointly. The matter declares its parties: what each fills, brings and confirms, and who holds the output — the buyer receives the new certificate, which cancels the seller's.",
        f'{{ matter(code: "{HOUSE}") {{ guide {{ parties {{ id name {{ zh }} role required fields materials confirm {{ zh }} holdsOutput }} output {{ name {{ zh }} holder supersedes {{ party licenseType numberField }} }} }} }} }}',
        who=None,
    )
    w.step(
        "Before sharing any data: the run count of each party, and why",
        "王建国 (demo-1) evaluates the transfer registration as the seller without consenting to anything: each party's trips are counted for that party; the matter's run count is the worst party's.",
        f'query($s: JSON) {{ evaluate(matterCode: "{HOUSE}", situation: $s) {{ ... on Evaluation {{ runCount parties {{ party name {{ zh }} runCount trips {{ kind itemId reason {{ zh }} }} }} }} }} }}',
        {"s": SITUATION},
    )
    started = w.step(
        "The seller starts one application for the life event",
        "The members are pinned to the versions published now; the seller plays the seller's party, filled from his verified identity.",
        'mutation { startLifeEvent(code: "330106-YJS-001", idempotencyKey: "walk-1", asParty: "seller") { ... on Application { id status myParty lifeEvent { code } parties { party name { zh } required status isMe } } } }',
    )
    app_id = started["data"]["startLifeEvent"]["id"]
    w.quietly(SAVE, {"id": app_id, "a": {}, "s": SITUATION})
    sets = w.step(
        "What data would be read, from whom, why, on what legal basis",
        "Nothing is read before the party consents, data set by data set, and only for their own part.",
        "query($id: ID!) { application(id: $id) { dataSharing { sourceId name { zh } department { zh } purpose { zh } legalBasis { zh } consent { id } } } }",
        {"id": app_id},
    )
    sources = [d["sourceId"] for d in sets["data"]["application"]["dataSharing"]]
    w.switch(fail="error", sources=["e_license", "real_estate"])
    w.step(
        "Consent — while two registers are failing",
        "The registry stand-in answers 500 for the e-license library and the real-estate register. The application does not fail: that source's materials fall back to the next way, the reason is shown, the run count is recomputed.",
        "mutation($id: ID!, $s: [String!]!) { grantConsent(applicationId: $id, sources: $s) { ... on Application { dataSharing { sourceId lastPull { status reason { zh en } } } "
        + CHECKLIST
        + " } } }",
        {"id": app_id, "s": sources},
    )
    w.switch(fail="none", sources=None)
    w.step(
        "A later visit: the register is back, the read is retried",
        "The seller's materials are now satisfied by his e-licenses and shared data (with the evidence), except the spouse's consent, an upload.",
        "mutation($id: ID!) { refreshSharedData(applicationId: $id) { ... on Application { "
        + CHECKLIST
        + " } } }",
        {"id": app_id},
    )
    w.upload(app_id, "property.co_owner_consent")
    answers = w.quietly(ANSWERS, {"id": app_id})["data"]["application"]["answers"]
    w.quietly(SAVE, {"id": app_id, "a": {**answers, **SELLER_PART}, "s": SITUATION})
    invited = w.step(
        "Invite the buyer",
        "A share code (kept by the server only as its hash, usable once, for 72 hours) or an invitation by resident ID and mobile. The seller sends the code or the link to the buyer.",
        'mutation($id: ID!) { inviteParty(applicationId: $id, party: "buyer") { ... on PartyInvitation { shareCode: code link expiresAt party } ... on ApplicationError { code } } }',
        {"id": app_id},
    )
    code = invited["data"]["inviteParty"]["shareCode"]
    w.hide(code, "<share code>")
    w.step(
        "The buyer joins on her own account",
        "李婷 (demo-2) signs in on her own phone and joins with the code: her verified identity fills the buyer's fields. She sees the common fields and her own, never the seller's private ones.",
        "mutation($c: String!) { joinApplication(code: $c) { ... on Application { myParty answers parties { party status isMe holderName } } ... on ApplicationError { code } } }",
        {"c": code},
        who="demo-2",
    )
    w.quietly(
        "mutation($id: ID!, $s: [String!]!) { grantConsent(applicationId: $id, sources: $s) { __typename } }",
        {"id": app_id, "s": sources},
        who="demo-2",
    )
    w.quietly(
        'mutation($id: ID!) { signCommitment(applicationId: $id, materialId: "tax.family_housing_commitment") { __typename } }',
        {"id": app_id},
        who="demo-2",
    )
    answers = w.quietly(ANSWERS, {"id": app_id}, who="demo-2")["data"]["application"]["answers"]
    w.step(
        "A party changes only their own part",
        "The buyer tries to change the seller's mobile: refused with its path; nothing is stored.",
        "mutation($id: ID!, $a: JSON!) { saveApplication(id: $id, answers: $a) { __typename ... on ApplicationError { code errors { path code message { zh en } } } } }",
        {"id": app_id, "a": {**answers, **BUYER_PART, "seller_mobile": "13800000000"}},
        who="demo-2",
    )
    w.quietly(SAVE, {"id": app_id, "a": {**answers, **BUYER_PART}, "s": None}, who="demo-2")
    w.step(
        "The buyer's run count and checklist: her own part, zero runs",
        "Her materials are satisfied by her own e-licenses and shared data and her signed commitment.",
        "query($id: ID!) { application(id: $id) { "
        + CHECKLIST.replace("evaluation {", "evaluation { parties { party runCount }")
        + " } }",
        {"id": app_id},
        who="demo-2",
    )
    w.step(
        "The buyer confirms",
        "The application waits for every required party.",
        "mutation($id: ID!) { confirmParty(applicationId: $id) { ... on Application { status parties { party status } } ... on ApplicationError { code errors { path code } } } }",
        {"id": app_id},
        who="demo-2",
    )
    w.step(
        "The seller confirms last: one submission, three departments",
        "The last required confirmation submits the application, validated in full with each party as they are; each member becomes its department's application, reviewed in parallel.",
        "mutation($id: ID!) { confirmParty(applicationId: $id) { ... on Application { status parties { party status } children { status matter { code department { name { zh } } } } } ... on ApplicationError { code errors { path code } } } }",
        {"id": app_id},
    )
    w.step(
        "My applications, my consents, and who read my data",
        "",
        "{ myApplications(first: 5) { edges { node { id status lifeEvent { code } evaluation { runCount } } } } myConsents { sourceId department { zh } grantedAt expiresAt revokedAt } myDataAccessLog(first: 20) { sourceId accessor outcome fromCache at } }",
    )
    back_office(w, app_id)


def back_office(w: Walk, app_id: str) -> None:
    w.step(
        "The window clerk's queue",
        "Staff use their own endpoint, /staff/graphql, scoped to their region.",
        "{ windowQueue { id status lifeEventCode submittedAt } }",
        who="clerk",
    )
    w.step(
        "Ask for every correction at once (一次性告知)",
        "The citizen may change only the listed items; the statutory clock pauses.",
        'mutation($id: ID!) { requestCorrection(id: $id, items: [{path: "/answers/buyer_mobile", reason: "号码无法接通，请核对"}]) { ... on StaffApplication { status } ... on BackofficeError { code } } }',
        {"id": app_id},
        who="clerk",
    )
    answers = w.quietly(ANSWERS, {"id": app_id}, who="demo-2")["data"]["application"]["answers"]
    w.step(
        "The buyer corrects her listed item and resubmits",
        "The item is the buyer's: she corrects it on her own account.",
        "mutation($id: ID!, $a: JSON) { submitApplication(input: {applicationId: $id, answers: $a}) { ... on Application { status } ... on ApplicationError { code errors { path code } } } }",
        {"id": app_id, "a": {**answers, "buyer_mobile": "13905719999"}},
        who="demo-2",
    )
    w.step(
        "Accept: three departments review in parallel",
        "Each task has its promised deadline in working days (holidays and make-up days counted).",
        "mutation($id: ID!) { acceptApplication(id: $id) { ... on StaffApplication { status dueOn tasks { id departmentName status dueOn } } } }",
        {"id": app_id},
        who="clerk",
    )
    paying(w, app_id)
    for reviewer in ("reviewer-housing", "reviewer-land", "reviewer-tax"):
        [task] = w.quietly_staff("{ reviewQueue { id } }", reviewer)["data"]["reviewQueue"]
        w.step(
            f"{reviewer} approves",
            "",
            'mutation($id: ID!) { decideTask(taskId: $id, approve: true, opinion: "材料齐全，符合条件", resultDocument: "西〔2026〕001号") { ... on ReviewTask { departmentName status decidedAt } } }',
            {"id": task["id"]},
            who=reviewer,
        )
    w.step(
        "Completed: the buyer holds the new real-estate certificate",
        "The outputs go to the party the matter names as their holder: the buyer's wallet holds the new certificate and the deed-tax certificate in her name.",
        "query($id: ID!) { application(id: $id) { status children { status } } myWallet { type holderName status issuedByZerorun } }",
        {"id": app_id},
        who="demo-2",
    )
    w.step(
        "The seller's old certificate is cancelled",
        "",
        "{ myWallet { type holderName status issuedByZerorun } }",
        who="demo-1",
    )
    documents = w.step(
        "The buyer's sealed certificates (电子证照, 电子印章)",
        "Each e-license issued comes with a PDF sealed with its department's key and a QR code that opens the public verify page; she downloads it from `downloadPath` with her token.",
        "{ issuedDocuments { number kind title { zh } downloadPath revoked } }",
        who="demo-2",
    )["data"]["issuedDocuments"]
    certificate = next(d for d in documents if d["kind"] == "certificate")
    w.step(
        "Anyone verifies it, without signing in",
        "A bank or a landlord types the number printed beside the QR code (or uploads the PDF, `verifyDocumentFile`, or opens `/verify`): genuine, current, with the holder's name masked and no resident ID. The statement, signature and key let them check the signature offline (`sealKeys`).",
        "query($n: String!) { verifyDocument(number: $n) { ... on DocumentVerification { status message { zh en } kind holder issuer { zh } issuedAt licenseType sealed keyId } ... on SealError { code } } }",
        {"n": certificate["number"]},
        who=None,
    )
    w.step(
        "The seller's old certificate verifies as revoked",
        "The certificate the transfer superseded is no longer in force, for anyone who checks it.",
        "query($n: String!) { verifyDocument(number: $n) { ... on DocumentVerification { status message { zh en } licenseType revokedAt } } }",
        {"n": "浙（2016）杭州市不动产权第0087654号"},
        who=None,
    )
    w.step(
        "A rating of 2 opens a follow-up for the county",
        "",
        'mutation($id: ID!) { rateApplication(applicationId: $id, score: 2, tags: ["等待久"], comment: "补正来回一次，希望更快") { ... on Rating { score followUp { dueOn } } } }',
        {"id": app_id},
    )
    [follow_up] = w.quietly_staff("{ followUpsInState { id } }", "xihu-admin")["data"][
        "followUpsInState"
    ]
    w.step(
        "The county calls the citizen back within 1 working day (回访)",
        "",
        'mutation($id: ID!) { recordFollowUpCallback(id: $id, method: PHONE, note: "已电话联系王先生，核实补正原因。") { ... on FollowUp { state callbackDueOn calledBackAt } } }',
        {"id": follow_up["id"]},
        who="xihu-admin",
    )
    w.step(
        "The county records the rectification within 15 working days (整改)",
        "",
        'mutation($id: ID!) { recordFollowUpRectification(id: $id, rectification: "手机号码校验已提前到填表时，避免补正。") { ... on FollowUp { state dueOn rectification reRatingDueOn } } }',
        {"id": follow_up["id"]},
        who="xihu-admin",
    )
    w.step(
        "The citizen rates once more (追评), which closes the follow-up",
        "",
        'mutation($id: ID!) { reRateApplication(applicationId: $id, score: 4, comment: "整改后填表时就提示了") { ... on FollowUp { state reScore closedAt } } }',
        {"id": app_id},
    )
    w.step(
        "The whole story, as the citizen sees it",
        "",
        "query($id: ID!) { application(id: $id) { status rating { score followUp { state reScore } } timeline { kind message { zh } at } } }",
        {"id": app_id},
    )


def paying(w: Walk, app_id: str) -> None:
    """The buyer pays the deed tax and the registration fee online; the platform's notice comes
    twice and pays once; the last approval waits for it (issue 19)."""
    pay = "mutation($id: ID!) { payFees(applicationId: $id) { ... on PaymentOrder { id amountCny status prepayId fees { id name { zh } amountCny } } ... on PaymentError { code message { zh } } } }"
    order = w.step(
        "The buyer pays the fees online (网上缴费)",
        "The server counts what is owed: the deed tax (契税 = 成交价 3,850,000 × 1%, the family's only home of 89.62 m²) and the registration fee. She pays in the platform's cashier with the prepay id.",
        pay,
        {"id": app_id},
        who="demo-2",
    )["data"]["payFees"]
    w.hide(order["prepayId"], "<prepay id>")
    paid = httpx.post(
        f"{w.registry}/_pay/{order['id']}",
        json={"notify": "twice"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    ).json()
    w.out += [
        "The stand-in platform's cashier takes the payment and delivers its signed notice to",
        f"`POST /pay/notify` twice; both are answered {paid['deliveries']} and the fees are paid once:",
        "",
    ]
    w.step(
        "Paid once",
        "",
        pay,
        {"id": app_id},
        who="demo-2",
    )


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="zerorun-walkthrough-"))
    registry_port, port = free_port(), free_port()
    registry = f"http://127.0.0.1:{registry_port}"
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{workdir / 'db.sqlite3'}",
        "ZERORUN_FILES_DIR": str(workdir / "files"),
        "ZERORUN_REGISTRY_URL": registry,
        "ZERORUN_REGISTRY_TOKEN": TOKEN,
        "ZERORUN_PAY_URL": registry,
        "ZERORUN_PAY_TOKEN": TOKEN,
        "ZERORUN_PAY_NOTIFY_URL": f"http://127.0.0.1:{port}/pay/notify",
    }
    env.pop("REDIS_URL", None)
    for args in (["migrate"], ["catalog", "load", str(ROOT / "form_schemas")]):
        subprocess.run(
            [sys.executable, "-m", "backend", *args],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
    for username, (role, department) in STAFF.items():
        extra = ["--department", department] if department else []
        command = [
            sys.executable,
            "-m",
            "backend",
            "staff",
            "create",
            username,
            "--name",
            username,
            "--role",
            role,
            "--region",
            "330106",
            *extra,
        ]
        subprocess.run(
            command,
            input=STAFF_PASSWORD + "\n",
            text=True,
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
    with (
        running(
            ["dev-registry", "--port", str(registry_port), "--token", TOKEN], env, "Uvicorn running"
        ),
        running(["serve", "--port", str(port)], env, "Application startup complete"),
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client,
    ):
        walk = Walk(client, registry)
        journey(walk)
        automatic(walk)
    head = [
        "# Walkthrough: a second-hand house transfer by seller and buyer, with zero runs",
        "",
        "Then a matter no one's desk decides: a social security card approved at submission.",
        "",
        "Real requests to running servers and their real responses, regenerated by",
        "`.venv/bin/python scripts/walkthrough.py`: it starts the stand-in data-sharing registry",
        "(`zerorun dev-registry`) and `zerorun serve` on a fresh SQLite file with the demo catalog.",
        "Ids, tokens and timestamps change from run to run.",
        "",
    ]
    path = ROOT / "docs" / "walkthrough.md"
    path.write_text("\n".join(head + walk.out), encoding="utf-8")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
