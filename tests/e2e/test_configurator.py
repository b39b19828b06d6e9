"""The configurator in real Chromium against a real server: a county administrator writes a
matter from scratch, localises a province template and declares the parties of another
(configurator/e2e/*.e2e.ts), then a citizen finds the new matter and has a valid application
accepted."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import demo_env, run_journeys, serving
from support import PDF, STAFF_PASSWORD

from backend.settings import ROOT

CONFIGURATOR = ROOT / "configurator"
ARTIFACTS = ROOT / "artifacts" / "configurator"
ADMIN = "xihu-admin"
LOCAL_ADMIN = "shangcheng-admin"  # 上城区 has localised no template yet
ADMINS = [(ADMIN, "西湖区管理员", "330106"), (LOCAL_ADMIN, "上城区管理员", "330102")]
DEMO_CITIZEN = "demo-1"  # 王建国, 330106196803120311, holds the resident ID card e-license

MATTERS = """
query($keyword: String!) {
  matters(filter: {region: "330106", keyword: $keyword}) { edges { node { code name { zh } } } }
}
"""
SIGN_IN = 'mutation { signIn(provider: "development", credential: "demo-1") { ... on Session { token } } }'
START = "mutation($code: String!) { startApplication(matterCode: $code) { __typename ... on Application { id } } }"
SAVE = """
mutation($id: ID!, $answers: JSON!) {
  saveApplication(id: $id, answers: $answers) { __typename ... on SavedApplication { problems { path } } }
}
"""
NEEDED = "query($id: ID!) { application(id: $id) { dataSharing { sourceId } } }"
GRANT = "mutation($id: ID!, $sources: [String!]!) { grantConsent(applicationId: $id, sources: $sources) { __typename } }"
SIGN = "mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename } }"
UPLOAD = "mutation($id: ID!, $m: String!, $f: Upload!) { uploadMaterial(applicationId: $id, materialId: $m, file: $f) { __typename } }"
SUBMIT = """
mutation($id: ID!) {
  submitApplication(input: {applicationId: $id}) {
    __typename
    ... on Application { status evaluation { runCount } }
    ... on ApplicationError { code errors { path code } }
  }
}
"""


@pytest.fixture
def server(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """One server process on a copy of the demo database, with county administrators of 西湖区
    and 上城区."""
    database = tmp_path / "configurator.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = demo_env(database, tmp_path, "configurator")
    for username, name, region in ADMINS:
        created = subprocess.run(
            [sys.executable, "-m", "backend", "staff", "create", username, "--name", name,
             "--role", "county_admin", "--region", region],
            input=STAFF_PASSWORD + "\n", env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert created.returncode == 0, created.stderr
    with serving(env) as url:
        yield url, env


def post(
    client: httpx.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body: dict[str, Any] = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    ).json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def upload(client: httpx.Client, token: str, application_id: str, material: str) -> str:
    operations = {"query": UPLOAD, "variables": {"id": application_id, "m": material, "f": None}}
    response = client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": ("dog.pdf", PDF, "application/pdf")},
        headers={"Authorization": f"Bearer {token}"},
    )
    return str(response.json()["data"]["uploadMaterial"]["__typename"])


def test_county_administrator_publishes_a_new_matter_that_a_citizen_can_apply_for(
    server: tuple[str, dict[str, str]],
) -> None:
    url, env = server

    # when: the administrator's journeys run in Chromium
    run_journeys(
        CONFIGURATOR,
        {
            **env,
            "ZERORUN_URL": url,
            "ZERORUN_STAFF_USER": ADMIN,
            "ZERORUN_LOCAL_STAFF_USER": LOCAL_ADMIN,
            "ZERORUN_STAFF_PASSWORD": STAFF_PASSWORD,
        },
        ARTIFACTS,
    )

    # then: a citizen finds the new matter and a valid application is accepted
    with httpx.Client(base_url=url, timeout=60) as client:
        found = post(client, MATTERS, {"keyword": "犬只登记"})["matters"]["edges"]
        assert [n["node"]["name"]["zh"] for n in found] == ["犬只登记"]
        code = found[0]["node"]["code"]
        token = post(client, SIGN_IN)["signIn"]["token"]
        application = post(client, START, {"code": code}, token)["startApplication"]
        assert application["__typename"] == "Application", application
        application_id = application["id"]
        answers = {
            "applicant_name": "王建国",
            "applicant_id_number": "330106196803120311",
            "dog_name": "旺财",
            "dog_size": "small",
        }
        saved = post(client, SAVE, {"id": application_id, "answers": answers}, token)[
            "saveApplication"
        ]
        assert saved["__typename"] == "SavedApplication" and saved["problems"] == [], saved
        sources = [
            d["sourceId"]
            for d in post(client, NEEDED, {"id": application_id}, token)["application"][
                "dataSharing"
            ]
        ]
        assert (
            post(client, GRANT, {"id": application_id, "sources": sources}, token)["grantConsent"][
                "__typename"
            ]
            == "Application"
        )
        assert (
            post(client, SIGN, {"id": application_id, "m": "rabies_vaccination"}, token)[
                "signCommitment"
            ]["__typename"]
            == "Application"
        )
        assert upload(client, token, application_id, "dog_photo") == "Application"

        submitted = post(client, SUBMIT, {"id": application_id}, token)["submitApplication"]

    assert submitted["__typename"] == "Application", submitted
    assert submitted["evaluation"]["runCount"] == 0
