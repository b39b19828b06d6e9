"""Staff sign in on their own endpoint; passwords are argon2 hashes; repeated failures lock."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import httpx
import pytest
from support import gql, sign_in, staff_gql, zerorun

from backend.staff import service
from backend.staff.models import SignInAttempts, StaffMember

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


async def test_five_wrong_passwords_lock_the_address_out_even_for_the_right_one(
    client: httpx.AsyncClient,
) -> None:
    await service.create("clerk2", "窗口二", "window_clerk", "330106", None, PASSWORD)
    codes = [
        (await staff_gql(client, SIGN_IN, {"u": "clerk2", "p": "wrong"}))["data"]["signIn"]["code"]
        for _ in range(5)
    ]
    right = (await staff_gql(client, SIGN_IN, {"u": "clerk2", "p": PASSWORD}))["data"]["signIn"]
    attempts = await SignInAttempts.get(member__username="clerk2", address="127.0.0.1")
    assert codes == ["INVALID_CREDENTIALS"] * 5
    assert right == {"__typename": "StaffError", "code": "INVALID_CREDENTIALS"}  # says no more
    assert attempts.locked_until is not None and attempts.locked_until > service.now()


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
    ("role", "region", "department", "path", "code"),
    [
        ("janitor", "330106", None, "/role", "INVALID_ROLE"),
        ("reviewer", "330106", None, "/department", "DEPARTMENT_REQUIRED"),
        ("window_clerk", "33", None, "/region", "UNKNOWN_REGION"),
        ("window_clerk", "999999", None, "/region", "UNKNOWN_REGION"),
        ("reviewer", "330106", "NOPE", "/department", "UNKNOWN_DEPARTMENT"),
        ("reviewer", "330108", "330106-ZJJ", "/department", "UNKNOWN_DEPARTMENT"),
    ],
)
async def test_invalid_accounts_are_refused_with_the_field_at_fault(
    client: httpx.AsyncClient,
    role: str,
    region: str,
    department: str | None,
    path: str,
    code: str,
) -> None:
    with pytest.raises(service.StaffProblem) as refused:
        await service.create("x", "x", role, region, department, PASSWORD)
    assert refused.value.code == "INVALID_INPUT"
    assert [(e.path, e.code) for e in refused.value.errors] == [(path, code)]
    assert not await StaffMember.exists(username="x")


async def test_every_field_at_fault_is_named_at_once(client: httpx.AsyncClient) -> None:
    with pytest.raises(service.StaffProblem) as refused:
        await service.create("x" * 65, " ", "janitor", "999999", None, "short")

    assert [(e.path, e.code) for e in refused.value.errors] == [
        ("/username", "INVALID_LENGTH"),
        ("/name", "INVALID_LENGTH"),
        ("/role", "INVALID_ROLE"),
        ("/region", "UNKNOWN_REGION"),
        ("/password", "WEAK_PASSWORD"),
    ]


async def test_a_reviewer_of_a_department_the_region_publishes_matters_of_is_created(
    client: httpx.AsyncClient,
) -> None:
    # Binjiang is offered the province's template matters, Xihu its own localisations
    provincial = await service.create("p", "p", "reviewer", "330108", "330000-ZJGAT", PASSWORD)
    county = await service.create("c", "c", "reviewer", "330106", "330106-ZJJ", PASSWORD)

    assert (provincial.department_code, county.department_code) == ("330000-ZJGAT", "330106-ZJJ")


def test_the_cli_creates_a_staff_account_and_refuses_an_unknown_region_or_department(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{tmp_path / 'staff.sqlite3'}",
    }

    run = functools.partial(zerorun, env=env)

    def create(
        username: str, *options: str, password: str = PASSWORD
    ) -> subprocess.CompletedProcess[str]:
        return run("staff", "create", username, "--name", "窗口", *options, stdin=password + "\n")

    assert run("migrate").returncode == 0
    assert run("catalog", "load").returncode == 0  # the catalog brings the regions table
    created = create("clerk9", "--role", "window_clerk", "--region", "330106")
    weak = create("clerk8", "--role", "window_clerk", "--region", "330106", password="short")
    nowhere = create("clerk7", "--role", "window_clerk", "--region", "999999")
    nope = create("rev", "--role", "reviewer", "--region", "330106", "--department", "NOPE")

    assert created.returncode == 0, created.stderr
    assert weak.returncode == 1 and "at least 12 characters" in weak.stderr
    assert nowhere.returncode == 1 and "region 999999 is not in the regions table" in nowhere.stderr
    assert nope.returncode == 1 and "department NOPE" in nope.stderr
    assert [len(r.stderr.strip().splitlines()) for r in (weak, nowhere, nope)] == [1, 1, 1]
    assert "Not created" in nope.stderr and "Traceback" not in nope.stderr
    listed = run("staff", "list")
    assert listed.returncode == 0 and listed.stdout.split("\t")[:3] == [
        "clerk9",
        "window_clerk",
        "330106",
    ]


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
