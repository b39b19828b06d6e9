"""Regenerate docs/walkthrough.md from a real server: `.venv/bin/python scripts/walkthrough.py`.

Starts `zerorun serve` on a free port with a fresh SQLite file and the demo catalog, sends each
request of the walkthrough, and writes the requests and the server's responses as they were."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOUSE = "330106-ZJ-002"
SITUATION = {"applicant_role": "seller", "seller_marital_status": "married"}
ANSWERS: dict[str, Any] = {
    "seller_name": "王建国",
    "seller_id_number": "330106196803120311",
    "spouse_name": "刘芳",
    "spouse_id_number": "330106197002140026",
    "buyer_name": "李婷",
    "buyer_id_number": "330102199107210522",
    "buyer_mobile": "13905710021",
    "property_certificate_no": "浙(2019)杭州市不动产权第0123456号",
    "property_address": "杭州市西湖区文三路 100 号 2 幢 301 室",
    "contract_no": "XH2026110001",
    "transaction_price": 3200000,
}
EVALUATE = """query Evaluate($code: String!, $answers: JSON, $situation: JSON) {
  evaluate(matterCode: $code, answers: $answers, situation: $situation) {
    ... on Evaluation {
      eligible runCount
      materials { id status way }
      trips { visit kind itemId reason { zh en } remedy { zh en } }
    }
  }
}"""
SUBMIT = """mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    __typename
    ... on Application { id status version matter { code name { zh } } timeline { message { zh en } } }
    ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
  }
}"""

STEPS: list[tuple[str, str, str, dict[str, Any], str | None]] = [
    (
        "1. Sign in as the demo resident 王建国 (Wang Jianguo)",
        "He is selling his flat in Xihu District; the development identity provider stands in for the real one.",
        'mutation { signIn(provider: "development", credential: "demo-1") { ... on Session { token citizen { name idNumberMasked eLicenses } } } }',
        {},
        None,
    ),
    (
        "2. The second-hand house transfer life event",
        "One application for three matters at three departments.",
        '{ lifeEvent(code: "330106-YJS-001") { name { zh en } matters { code name { zh } department { name { zh } } } } }',
        {},
        None,
    ),
    (
        "3. Evaluate the transfer registration as Wang Jianguo: zero runs",
        "His e-licenses and shared data satisfy every material, so he need not go anywhere.",
        EVALUATE,
        {
            "code": HOUSE,
            "situation": SITUATION,
            "answers": {"seller_id_number": ANSWERS["seller_id_number"]},
        },
        "demo-1",
    ),
    (
        "4. The same matter for a resident without e-licenses: one trip, and why",
        "张秀英 (demo-4) holds no e-licenses; the paper certificate must be handed in, and the response says what would spare the trip.",
        EVALUATE,
        {
            "code": HOUSE,
            "situation": {"applicant_role": "seller", "seller_marital_status": "not_married"},
            "answers": {"seller_id_number": "330106195209180229"},
        },
        "demo-4",
    ),
    (
        "5. Submit with mistakes: every error at once, each with its field path",
        "A wrong check digit, a short mobile number, a price in words, a missing contract number and a field the form does not have.",
        SUBMIT,
        {
            "input": {
                "idempotencyKey": "walkthrough-1",
                "matterCode": HOUSE,
                "situation": SITUATION,
                "answers": {
                    **{k: v for k, v in ANSWERS.items() if k != "contract_no"},
                    "seller_id_number": "330106196803120319",
                    "buyer_mobile": "1390571",
                    "transaction_price": "三百二十万",
                    "note": "hi",
                },
            }
        },
        "demo-1",
    ),
    (
        "6. Fix and submit",
        "Nothing was stored by the failed submit; this one is accepted for the window and pinned to version 1.",
        SUBMIT,
        {
            "input": {
                "idempotencyKey": "walkthrough-2",
                "matterCode": HOUSE,
                "situation": SITUATION,
                "answers": ANSWERS,
            }
        },
        "demo-1",
    ),
    (
        "7. Find it in my applications",
        "",
        "{ myApplications(first: 5) { edges { node { id status matter { code } evaluation { runCount } } } } }",
        {},
        "demo-1",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="zerorun-walkthrough-"))
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{workdir / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    zerorun = [sys.executable, "-m", "backend"]
    for args in (["migrate"], ["catalog", "load", str(ROOT / "form_schemas")]):
        subprocess.run([*zerorun, *args], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [*zerorun, "serve", "--port", str(port)], env=env, cwd=ROOT, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        write(run(base), ROOT / "docs" / "walkthrough.md")
    finally:
        server.terminate()
        server.wait()


SIGN_IN = (
    'mutation { signIn(provider: "development", credential: "%s") { ... on Session { token } } }'
)


def run(base: str) -> list[str]:
    out: list[str] = []
    with httpx.Client(base_url=base) as client:
        tokens = {
            who: client.post("/graphql", json={"query": SIGN_IN % who}).json()["data"]["signIn"][
                "token"
            ]
            for who in ("demo-1", "demo-4")
        }
        for title, text, query, variables, who in STEPS:
            headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
            response = client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            body = response.json()
            if "signIn" in (body.get("data") or {}):
                body["data"]["signIn"]["token"] = (
                    body["data"]["signIn"]["token"][:16] + "…(signed session token)"
                )
            auth = f"Authorization: Bearer <token of {who}>\n" if who else ""
            out += [f"## {title}", "", text, ""] if text else [f"## {title}", ""]
            out += [
                "```http",
                f"POST /graphql HTTP/1.1\nContent-Type: application/json\n{auth}",
                "```",
                "",
                "```graphql",
                query,
                "```",
                "",
            ]
            if variables:
                out += [
                    "Variables:",
                    "",
                    "```json",
                    json.dumps(variables, ensure_ascii=False, indent=2),
                    "```",
                    "",
                ]
            out += [
                f"Response ({response.status_code}):",
                "",
                "```json",
                json.dumps(body, ensure_ascii=False, indent=2),
                "```",
                "",
            ]
    return out


def write(sections: list[str], path: Path) -> None:
    head = [
        "# Walkthrough: a second-hand house transfer with zero runs",
        "",
        "Real requests to a running server and its real responses, regenerated by",
        "`.venv/bin/python scripts/walkthrough.py` (it starts `zerorun serve` on a fresh SQLite file",
        "with the demo catalog). Ids and timestamps change from run to run.",
        "",
    ]
    path.write_text("\n".join(head + sections), encoding="utf-8")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
