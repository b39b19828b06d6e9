"""Staff sign in on their own endpoint; passwords are argon2 hashes; repeated failures lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support import gql, sign_in, staff_gql

from backend.staff import service
from backend.staff.models import StaffMember

PASSWORD = "correct horse battery staple"
SIGN_IN = """
mutation SignIn($u: String!, $p: String!) {
  signIn(username: $u, password: $p) {
    __typename ... on StaffSession { token member { username role regionCode } } ... on StaffError { code }
  }
}
"""


async def test_a_clerk_signs_in_and_the_password_is_stored_only_as_an_argon2_hash(
    client: httpx.AsyncClient,
) -> None:
    await service.create("clerk1", "窗口一", "window_clerk", "330106", None, PASSWORD)

    result = (await staff_gql(client, SIGN_IN, {"u": "clerk1", "p": PASSWORD}))["data"]["signIn"]
    me = await staff_gql(client, "{ me { username role regionCode } }", token=result["token"])

    assert me["data"]["me"] == {
        "username": "clerk1",
        "role": "WINDOW_CLERK",
        "regionCode": "330106",
    }
    stored = (await StaffMember.get(username="clerk1")).password_hash
    assert stored.startswith("$argon2") and PASSWORD not in stored


async def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    client: httpx.AsyncClient,
) -> None:
    await service.create("clerk2", "窗口二", "window_clerk", "330106", None, PASSWORD)
    codes = [
        (await staff_gql(client, SIGN_IN, {"u": "clerk2", "p": "wrong"}))["data"]["signIn"]["code"]
        for _ in range(5)
    ]
    right = (await staff_gql(client, SIGN_IN, {"u": "clerk2", "p": PASSWORD}))["data"]["signIn"]
    locked_until = (await StaffMember.get(username="clerk2")).locked_until
    assert codes == ["INVALID_CREDENTIALS"] * 5
    assert right == {"__typename": "StaffError", "code": "INVALID_CREDENTIALS"}  # says no more
    assert locked_until is not None and locked_until > service.now()


async def test_an_unknown_username_is_refused_like_a_wrong_password(
    client: httpx.AsyncClient,
) -> None:
    result = (await staff_gql(client, SIGN_IN, {"u": "nobody", "p": PASSWORD}))["data"]["signIn"]
    assert result["code"] == "INVALID_CREDENTIALS"


async def test_a_citizen_token_means_nothing_on_the_staff_endpoint_and_the_reverse(
    client: httpx.AsyncClient,
) -> None:
    await service.create("clerk3", "窗口三", "window_clerk", "330106", None, PASSWORD)
    citizen = await sign_in(client, "demo-1")
    staff = (await staff_gql(client, SIGN_IN, {"u": "clerk3", "p": PASSWORD}))["data"]["signIn"][
        "token"
    ]

    as_staff = await staff_gql(client, "{ me { username } }", token=citizen)
    as_citizen = await gql(client, "{ me { name } }", token=staff)

    assert as_staff["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert as_citizen["data"]["me"] is None


async def test_the_citizen_endpoint_exposes_nothing_of_the_staff_schema(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, '{ __type(name: "StaffMember") { name } }')
    assert body["data"]["__type"] is None


@pytest.mark.parametrize(
    ("role", "region", "department", "code"),
    [
        ("janitor", "330106", None, "INVALID_ROLE"),
        ("reviewer", "330106", None, "DEPARTMENT_REQUIRED"),
        ("window_clerk", "33", None, "INVALID_REGION"),
    ],
)
async def test_invalid_accounts_are_refused_with_a_reason(
    client: httpx.AsyncClient,
    role: str,
    region: str,
    department: str | None,
    code: str,
) -> None:
    with pytest.raises(service.StaffProblem) as refused:
        await service.create("x", "x", role, region, department, PASSWORD)
    assert refused.value.code == code


def test_the_cli_creates_a_staff_account_reading_the_password_from_stdin(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{tmp_path / 'staff.sqlite3'}",
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "backend", *args]
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, env=env, timeout=120
        )

    assert run("migrate").returncode == 0
    created = run(
        "staff",
        "create",
        "clerk9",
        "--name",
        "窗口九",
        "--role",
        "window_clerk",
        "--region",
        "330106",
        stdin=PASSWORD + "\n",
    )
    weak = run(
        "staff",
        "create",
        "clerk8",
        "--name",
        "x",
        "--role",
        "window_clerk",
        "--region",
        "330106",
        stdin="short\n",
    )
    assert created.returncode == 0, created.stderr
    assert weak.returncode == 1 and "at least 12 characters" in weak.stderr


async def test_the_demo_seed_gives_one_account_per_role_and_can_run_again(
    client: httpx.AsyncClient,
) -> None:
    first = await service.seed_demo_staff()
    again = await service.seed_demo_staff()
    body = await staff_gql(client, SIGN_IN, {"u": "xihu-admin", "p": service.DEMO_PASSWORD})

    assert first == again and await StaffMember.all().count() == len(first)
    assert {m.role for m in await StaffMember.all()} == set(service.ROLES)
    assert body["data"]["signIn"]["member"] == {
        "username": "xihu-admin",
        "role": "COUNTY_ADMIN",
        "regionCode": "330106",
    }
