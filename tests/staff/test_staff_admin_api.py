"""A county administrator creates a staff account of their region on /staff/graphql: the
answer tells a temporary password once, the new member must change it at the first sign-in,
every field at fault is named under its path, and the creation is in the audit log. The
accounts they manage are listed by role and activity, capped."""

from __future__ import annotations

from typing import Any

import httpx
from support import staff_gql, staff_token

from backend.appointments.service import ServiceHall
from backend.backoffice.models import AuditEntry
from backend.staff.models import StaffMember

CREATE = """
mutation($u: String!, $n: String!, $role: StaffRole!, $region: String!, $d: String, $h: Int) {
  r: createStaffMember(username: $u, name: $n, role: $role, region: $region, department: $d, hall: $h) {
    __typename
    ... on StaffMemberCreated { temporaryPassword account { username name role regionCode departmentCode active mustChangePassword lockedOut } }
    ... on StaffError { code errors { path code message { zh en } } }
  }
}"""
ACCOUNTS = """
query($role: StaffRole, $active: Boolean, $limit: Int! = 200) {
  staffAccounts(role: $role, active: $active, limit: $limit) { username role active }
}"""
SIGN_IN = """
mutation($u: String!, $p: String!) {
  signIn(username: $u, password: $p) {
    __typename ... on StaffSession { token passwordChangeRequired }
  }
}"""
CHANGE = """
mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) {
    __typename ... on StaffSession { token passwordChangeRequired }
  }
}"""
ME = "{ me { username role } }"


async def created(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    body = await staff_gql(client, CREATE, variables, token)
    assert "errors" not in body, body
    answer: dict[str, Any] = body["data"]["r"]
    return answer


def at_fault(answer: dict[str, Any]) -> list[tuple[str, str]]:
    assert answer["__typename"] == "StaffError" and answer["code"] == "INVALID_INPUT", answer
    return [(e["path"], e["code"]) for e in answer["errors"]]


async def test_a_created_clerk_signs_in_with_the_temporary_password_and_must_change_it(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")

    answer = await created(
        client, admin, u=" new-clerk ", n="新窗口", role="WINDOW_CLERK", region="330106"
    )
    temporary = answer["temporaryPassword"]
    first = (await staff_gql(client, SIGN_IN, {"u": "new-clerk", "p": temporary}))["data"]
    before_change = await staff_gql(client, ME, token=first["signIn"]["token"])
    changed = await staff_gql(
        client, CHANGE, {"c": temporary, "n": "my own password 2026"}, first["signIn"]["token"]
    )
    me = await staff_gql(client, ME, token=changed["data"]["changePassword"]["token"])

    assert answer["account"] == {
        "username": "new-clerk",
        "name": "新窗口",
        "role": "WINDOW_CLERK",
        "regionCode": "330106",
        "departmentCode": None,
        "active": True,
        "mustChangePassword": True,
        "lockedOut": False,
    }
    assert len(temporary) >= 12
    assert first["signIn"] == {
        "__typename": "StaffSession",
        "token": first["signIn"]["token"],
        "passwordChangeRequired": True,
    }
    assert before_change["errors"][0]["extensions"]["code"] == "PASSWORD_CHANGE_REQUIRED"
    assert changed["data"]["changePassword"]["passwordChangeRequired"] is False
    assert me["data"]["me"] == {"username": "new-clerk", "role": "WINDOW_CLERK"}
    entry = await AuditEntry.get(subject="staff:new-clerk", action="staff.created")
    assert entry.actor == "staff:admin" and entry.before is None
    assert entry.after["must_change_password"] is True and "password_hash" not in entry.after


async def test_every_field_at_fault_is_named_and_nothing_is_created(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    await staff_token(client, "taken", "window_clerk")
    other_county = await ServiceHall.create(
        region_code="330108", name={"zh": "滨江区大厅"}, address={"zh": "滨江"}
    )

    blank = await created(client, admin, u=" ", n="", role="WINDOW_CLERK", region="330106")
    unknown = await created(client, admin, u="a", n="a", role="REVIEWER", region="999999")
    no_department = await created(client, admin, u="b", n="b", role="REVIEWER", region="330106")
    bad_department = await created(
        client, admin, u="c", n="c", role="REVIEWER", region="330106", d="NOPE"
    )
    outside = await created(client, admin, u="d", n="d", role="WINDOW_CLERK", region="330108")
    taken = await created(client, admin, u="taken", n="t", role="WINDOW_CLERK", region="330106")
    hall = await created(
        client, admin, u="e", n="e", role="WINDOW_CLERK", region="330106", h=other_county.id
    )

    assert at_fault(blank) == [("/username", "INVALID_LENGTH"), ("/name", "INVALID_LENGTH")]
    assert at_fault(unknown) == [
        ("/region", "UNKNOWN_REGION"),
        ("/department", "DEPARTMENT_REQUIRED"),
    ]
    assert at_fault(no_department) == [("/department", "DEPARTMENT_REQUIRED")]
    assert at_fault(bad_department) == [("/department", "UNKNOWN_DEPARTMENT")]
    assert at_fault(outside) == [("/region", "OUTSIDE_YOUR_REGION")]
    assert at_fault(taken) == [("/username", "USERNAME_TAKEN")]
    assert at_fault(hall) == [("/hall", "UNKNOWN_HALL")]
    assert blank["errors"][0]["message"]["zh"] and blank["errors"][0]["message"]["en"]
    assert sorted(await StaffMember.all().values_list("username", flat=True)) == ["admin", "taken"]
    assert not await AuditEntry.filter(action="staff.created").exists()


async def test_a_reviewer_of_a_published_department_at_a_hall_of_the_county(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    hall = await ServiceHall.create(
        region_code="330106", name={"zh": "西湖区大厅"}, address={"zh": "西湖"}
    )

    answer = await created(
        client,
        admin,
        u="rev",
        n="审批",
        role="REVIEWER",
        region="330106",
        d="330106-ZJJ",
        h=hall.id,
    )

    assert answer["account"]["departmentCode"] == "330106-ZJJ"
    assert (await StaffMember.get(username="rev")).hall_id == hall.id


async def test_only_county_administrators_create_or_list_accounts(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff_token(client, "clerk", "window_clerk")
    variables = {"u": "x", "n": "x", "role": "WINDOW_CLERK", "region": "330106"}

    create = await staff_gql(client, CREATE, variables, clerk)
    listing = await staff_gql(client, ACCOUNTS, {}, clerk)
    anonymous = await staff_gql(client, CREATE, variables)

    assert create["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not await StaffMember.exists(username="x")


async def test_accounts_are_listed_by_role_and_activity_within_the_region_and_capped(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    await staff_token(client, "clerk-1", "window_clerk")
    await staff_token(client, "clerk-2", "window_clerk")
    await staff_token(client, "neighbour", "window_clerk", region="330108")
    await StaffMember.filter(username="clerk-2").update(active=False)

    def names(body: dict[str, Any]) -> list[str]:
        return [a["username"] for a in body["data"]["staffAccounts"]]

    every = await staff_gql(client, ACCOUNTS, {}, admin)
    clerks = await staff_gql(client, ACCOUNTS, {"role": "WINDOW_CLERK"}, admin)
    inactive = await staff_gql(client, ACCOUNTS, {"active": False}, admin)
    first = await staff_gql(client, ACCOUNTS, {"limit": 1}, admin)
    huge = await staff_gql(client, ACCOUNTS, {"limit": 100000}, admin)
    none = await staff_gql(client, ACCOUNTS, {"limit": -5}, admin)

    assert names(every) == ["admin", "clerk-1", "clerk-2"]
    assert names(clerks) == ["clerk-1", "clerk-2"]
    assert names(inactive) == ["clerk-2"]
    assert names(first) == ["admin"]
    assert names(huge) == names(every) and names(none) == ["admin"]


async def test_the_halls_a_new_account_may_work_at_are_those_of_the_region_and_below(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    clerk = await staff_token(client, "clerk", "window_clerk")
    for region, name in (("330106001", "翠苑街道"), ("330106", "西湖区"), ("330108", "滨江区")):
        await ServiceHall.create(region_code=region, name={"zh": name}, address={"zh": name})
    halls = "{ staffHalls { name { zh } regionCode } }"

    listed = await staff_gql(client, halls, {}, admin)
    refused = await staff_gql(client, halls, {}, clerk)

    assert listed["data"]["staffHalls"] == [
        {"name": {"zh": "西湖区"}, "regionCode": "330106"},
        {"name": {"zh": "翠苑街道"}, "regionCode": "330106001"},
    ]
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN_ROLE"
