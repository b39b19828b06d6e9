"""A county administrator manages the staff accounts of their region and below on
/staff/graphql: deactivate (sessions end at once), reactivate, unlock, reset a password (a
change is forced at the next sign-in), change role or scope, end every session; never their
own role; each change in the audit log. Staff sign out, and a signed-in request costs one
statement."""

from __future__ import annotations

import functools
import getpass
import os
import sqlite3
from pathlib import Path
from typing import Any

import httpx
from support import STAFF_PASSWORD, QueryCount, staff_gql, staff_token, zerorun

from backend.backoffice.models import AuditEntry
from backend.staff import service
from backend.staff.models import SignInAttempts, StaffMember, StaffSession

ME = "{ me { username role } }"
SIGN_IN = """
mutation($u: String!, $p: String!) {
  signIn(username: $u, password: $p) {
    __typename
    ... on StaffSession { token passwordChangeRequired member { username } }
    ... on StaffError { code }
  }
}
"""
MEMBERS = "{ staffMembers { username role regionCode active mustChangePassword lockedOut } }"
ERROR = "... on StaffError { code errors { path code message { zh en } } }"
ACCOUNT = f"__typename ... on StaffAccount {{ username role regionCode departmentCode active lockedOut }} {ERROR}"
DEACTIVATE = f"mutation($u: String!) {{ r: deactivateStaffMember(username: $u) {{ {ACCOUNT} }} }}"
REACTIVATE = f"mutation($u: String!) {{ r: reactivateStaffMember(username: $u) {{ {ACCOUNT} }} }}"
UNLOCK = f"mutation($u: String!) {{ r: unlockStaffMember(username: $u) {{ {ACCOUNT} }} }}"
RESET = f"mutation($u: String!) {{ r: resetStaffPassword(username: $u) {{ __typename ... on PasswordReset {{ temporaryPassword account {{ mustChangePassword }} }} {ERROR} }} }}"
UPDATE = f"""
mutation($u: String!, $role: StaffRole, $region: String, $department: String) {{
  r: updateStaffMember(username: $u, role: $role, region: $region, department: $department) {{ {ACCOUNT} }}
}}"""
END = f"mutation($u: String!) {{ r: endStaffSessions(username: $u) {{ __typename ... on SessionsEnded {{ ended }} {ERROR} }} }}"
CHANGE = f"""
mutation($c: String!, $n: String!) {{
  r: changePassword(currentPassword: $c, newPassword: $n) {{
    __typename ... on StaffSession {{ token passwordChangeRequired }} {ERROR}
  }}
}}"""
NEW_PASSWORD = "a password of my very own"


async def act(
    client: httpx.AsyncClient, document: str, token: str, **variables: Any
) -> dict[str, Any]:
    body = await staff_gql(client, document, variables, token)
    assert "errors" not in body, body
    answer: dict[str, Any] = body["data"]["r"]
    return answer


async def refusal(client: httpx.AsyncClient, document: str, token: str) -> str:
    body = await staff_gql(client, document, {}, token)
    return str(body["errors"][0]["extensions"]["code"])


async def signed_in(client: httpx.AsyncClient, username: str, password: str) -> dict[str, Any]:
    body = await staff_gql(client, SIGN_IN, {"u": username, "p": password})
    answer: dict[str, Any] = body["data"]["signIn"]
    return answer


async def audit(username: str) -> list[tuple[str, str]]:
    """The account's changes (its sign-ins are in the log too: tests/staff/test_audit_reads.py)."""
    changes = AuditEntry.filter(subject=f"staff:{username}").exclude(
        action__startswith="staff.sign"
    )
    entries = await changes.order_by("id")
    return [(e.actor, e.action) for e in entries]


async def test_an_administrator_lists_the_accounts_of_their_region_and_below(
    client: httpx.AsyncClient,
) -> None:
    county = await staff_token(client, "xihu", "county_admin")
    city = await staff_token(client, "hangzhou", "county_admin", region="330100")
    await staff_token(client, "binjiang-clerk", "window_clerk", region="330108")
    await staff_token(client, "ningbo-clerk", "window_clerk", region="330200")

    seen_by_county = (await staff_gql(client, MEMBERS, token=county))["data"]["staffMembers"]
    seen_by_city = (await staff_gql(client, MEMBERS, token=city))["data"]["staffMembers"]

    assert [m["username"] for m in seen_by_county] == ["xihu"]
    assert [m["username"] for m in seen_by_city] == ["binjiang-clerk", "hangzhou", "xihu"]
    assert seen_by_city[0] == {
        "username": "binjiang-clerk",
        "role": "WINDOW_CLERK",
        "regionCode": "330108",
        "active": True,
        "mustChangePassword": False,
        "lockedOut": False,
    }


async def test_a_deactivated_members_token_is_refused_at_once_and_reactivation_lets_them_back(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    clerk = await staff_token(client, "clerk", "window_clerk")
    before = await staff_gql(client, ME, token=clerk)

    deactivated = await act(client, DEACTIVATE, admin, u="clerk")
    refused_token = await refusal(client, ME, clerk)
    refused_sign_in = await signed_in(client, "clerk", STAFF_PASSWORD)
    reactivated = await act(client, REACTIVATE, admin, u="clerk")
    again = await signed_in(client, "clerk", STAFF_PASSWORD)

    assert before["data"]["me"]["username"] == "clerk"
    assert deactivated["active"] is False
    assert refused_token == "UNAUTHENTICATED"
    assert refused_sign_in["code"] == "INVALID_CREDENTIALS"
    assert reactivated["active"] is True and again["__typename"] == "StaffSession"
    assert await audit("clerk") == [
        ("staff:admin", "staff.deactivated"),
        ("staff:admin", "staff.reactivated"),
    ]
    entry = await AuditEntry.get(subject="staff:clerk", action="staff.deactivated")
    assert (entry.before["active"], entry.after["active"]) == (True, False)


async def test_a_member_made_inactive_in_the_database_is_refused_on_the_next_request(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff_token(client, "clerk", "window_clerk")
    await StaffMember.filter(username="clerk").update(active=False)

    assert await refusal(client, ME, clerk) == "UNAUTHENTICATED"


async def test_a_reset_forces_a_new_password_before_anything_else(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    clerk = await staff_token(client, "clerk", "window_clerk")

    reset = await act(client, RESET, admin, u="clerk")
    old_session = await refusal(client, ME, clerk)
    old_password = await signed_in(client, "clerk", STAFF_PASSWORD)
    temporary = await signed_in(client, "clerk", reset["temporaryPassword"])
    token = temporary["token"]
    me = await refusal(client, ME, token)
    queue = await refusal(client, "{ windowQueue { id } }", token)
    wrong = await act(client, CHANGE, token, c="not it at all", n=NEW_PASSWORD)
    short = await act(client, CHANGE, token, c=reset["temporaryPassword"], n="short")
    changed = await act(client, CHANGE, token, c=reset["temporaryPassword"], n=NEW_PASSWORD)
    temporary_session = await refusal(client, ME, token)
    fresh = await staff_gql(client, ME, token=changed["token"])

    assert reset["account"]["mustChangePassword"] is True
    assert len(reset["temporaryPassword"]) >= service.MIN_PASSWORD
    assert old_session == "UNAUTHENTICATED"
    assert old_password["code"] == "INVALID_CREDENTIALS"
    assert temporary["passwordChangeRequired"] is True
    assert me == queue == "PASSWORD_CHANGE_REQUIRED"
    assert [(e["path"], e["code"]) for e in wrong["errors"]] == [
        ("/currentPassword", "WRONG_PASSWORD")
    ]
    assert [(e["path"], e["code"]) for e in short["errors"]] == [("/newPassword", "WEAK_PASSWORD")]
    assert changed["passwordChangeRequired"] is False
    assert temporary_session == "UNAUTHENTICATED"
    assert fresh["data"]["me"] == {"username": "clerk", "role": "WINDOW_CLERK"}
    assert await audit("clerk") == [
        ("staff:admin", "staff.password_reset"),
        ("staff:clerk", "staff.password_changed"),
    ]
    entry = await AuditEntry.get(subject="staff:clerk", action="staff.password_reset")
    assert reset["temporaryPassword"] not in str(entry.after) and "hash" not in str(entry.after)


async def test_a_role_change_ends_the_members_sessions_and_applies_the_new_role(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    clerk = await staff_token(client, "clerk", "window_clerk")

    changed = await act(client, UPDATE, admin, u="clerk", role="REVIEWER", department="330106-ZJJ")
    ended = await refusal(client, ME, clerk)
    again = await signed_in(client, "clerk", STAFF_PASSWORD)
    queue = await staff_gql(client, "{ reviewQueue { id } }", token=again["token"])

    assert (changed["role"], changed["departmentCode"]) == ("REVIEWER", "330106-ZJJ")
    assert ended == "UNAUTHENTICATED"
    assert queue["data"]["reviewQueue"] == []
    entry = await AuditEntry.get(subject="staff:clerk", action="staff.changed")
    assert (entry.before["role"], entry.after["role"]) == ("window_clerk", "reviewer")


async def test_an_administrator_changes_nothing_of_their_own_nor_outside_their_region(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    await staff_token(client, "neighbour", "window_clerk", region="330108")
    await staff_token(client, "clerk", "window_clerk")

    own_role = await act(client, UPDATE, admin, u="admin", role="SUPERVISOR")
    own_deactivation = await act(client, DEACTIVATE, admin, u="admin")
    neighbour = await act(client, DEACTIVATE, admin, u="neighbour")
    unknown = await act(client, RESET, admin, u="nobody")
    moved_away = await act(client, UPDATE, admin, u="clerk", region="330108")
    nonsense = await act(client, UPDATE, admin, u="clerk", role="REVIEWER", department="NOPE")

    assert own_role["code"] == own_deactivation["code"] == "OWN_ACCOUNT"
    assert neighbour["code"] == unknown["code"] == "NOT_FOUND"
    assert [(e["path"], e["code"]) for e in moved_away["errors"]] == [
        ("/region", "OUTSIDE_YOUR_REGION")
    ]
    assert [(e["path"], e["code"]) for e in nonsense["errors"]] == [
        ("/department", "UNKNOWN_DEPARTMENT")
    ]
    assert nonsense["errors"][0]["message"]["zh"] and nonsense["errors"][0]["message"]["en"]
    assert (await StaffMember.get(username="admin")).role == "county_admin"
    assert (await StaffMember.get(username="clerk")).region_code == "330106"


async def test_an_administrator_unlocks_an_account_a_stranger_locked_from_their_address(
    client: httpx.AsyncClient,
) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    await service.create("clerk", "clerk", "window_clerk", "330106", None, STAFF_PASSWORD)
    for n in range(service.MAX_FAILURES):
        await signed_in(client, "clerk", f"wrong {n}")
    locked = (await staff_gql(client, MEMBERS, token=admin))["data"]["staffMembers"]

    unlocked = await act(client, UNLOCK, admin, u="clerk")
    after = await signed_in(client, "clerk", STAFF_PASSWORD)

    assert [m["lockedOut"] for m in locked if m["username"] == "clerk"] == [True]
    assert unlocked["lockedOut"] is False
    assert after["__typename"] == "StaffSession"
    assert (await SignInAttempts.get(member__username="clerk")).locked_until is None
    assert await audit("clerk") == [("staff:admin", "staff.unlocked")]


async def test_an_administrator_ends_every_session_of_a_member(client: httpx.AsyncClient) -> None:
    admin = await staff_token(client, "admin", "county_admin")
    desk = await staff_token(client, "clerk", "window_clerk")
    laptop = (await signed_in(client, "clerk", STAFF_PASSWORD))["token"]

    ended = await act(client, END, admin, u="clerk")

    assert ended["ended"] == 2
    assert [await refusal(client, ME, t) for t in (desk, laptop)] == ["UNAUTHENTICATED"] * 2
    assert (await staff_gql(client, ME, token=admin))["data"]["me"]["username"] == "admin"


async def test_only_a_county_administrator_manages_accounts(client: httpx.AsyncClient) -> None:
    supervisor = await staff_token(client, "supervisor", "supervisor")

    assert await refusal(client, MEMBERS, supervisor) == "FORBIDDEN_ROLE"
    assert await refusal(client, MEMBERS, "") == "UNAUTHENTICATED"


async def test_a_member_signs_out_and_the_token_is_refused_at_once(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff_token(client, "clerk", "window_clerk")
    other = (await signed_in(client, "clerk", STAFF_PASSWORD))["token"]

    signed_out = await staff_gql(client, "mutation { signOut }", token=clerk)

    assert signed_out["data"]["signOut"] is True
    assert await refusal(client, ME, clerk) == "UNAUTHENTICATED"
    assert (await staff_gql(client, ME, token=other))["data"]["me"]["username"] == "clerk"
    assert await StaffSession.filter(member__username="clerk").count() == 1


async def test_a_signed_in_staff_request_reads_its_session_and_member_in_one_statement(
    client: httpx.AsyncClient,
) -> None:
    clerk = await staff_token(client, "clerk", "window_clerk")

    with QueryCount() as q:
        me = await staff_gql(client, ME, token=clerk)

    assert me["data"]["me"]["username"] == "clerk"
    assert q.count == 1, q.statements


def test_the_cli_manages_accounts_with_one_line_refusals_and_records_the_os_user(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{tmp_path / 'staff.sqlite3'}",
    }

    run = functools.partial(zerorun, env=env)

    assert run("migrate").returncode == 0
    assert run("catalog", "load").returncode == 0
    create = ("staff", "create", "clerk", "--name", "窗口", "--role", "window_clerk")
    assert run(*create, "--region", "330106", stdin=STAFF_PASSWORD + "\n").returncode == 0

    steps = {
        "deactivate": run("staff", "deactivate", "clerk"),
        "reactivate": run("staff", "reactivate", "clerk"),
        "unlock": run("staff", "unlock", "clerk"),
        "set-role": run(
            "staff", "set-role", "clerk", "--role", "reviewer", "--department", "330106-ZJJ"
        ),
        "end-sessions": run("staff", "end-sessions", "clerk"),
        "reset-password": run("staff", "reset-password", "clerk"),
    }
    unknown = run("staff", "deactivate", "nobody")
    nonsense = run("staff", "set-role", "clerk", "--region", "999999")
    listed = run("staff", "list").stdout
    not_a_region = run("staff", "list", "--region", "1234567")

    assert {name: r.returncode for name, r in steps.items()} == dict.fromkeys(steps, 0)
    assert len(steps["reset-password"].stdout.strip()) >= service.MIN_PASSWORD
    assert unknown.returncode == 1 and unknown.stderr.strip().count("\n") == 0
    assert "No account named nobody" in unknown.stderr
    assert (
        nonsense.returncode == 1 and "region 999999 is not in the regions table" in nonsense.stderr
    )
    assert listed.split("\t")[:4] == ["clerk", "reviewer", "330106", "330106-ZJJ"]
    assert "must change password" in listed
    assert not_a_region.returncode == 1 and "six-digit" in not_a_region.stderr
    audited = sqlite3.connect(tmp_path / "staff.sqlite3").execute(
        "SELECT actor, action FROM audit_entry WHERE subject = 'staff:clerk' ORDER BY id"
    )
    user = f"cli:{getpass.getuser()}"
    assert list(audited) == [
        (user, "staff.created"),
        (user, "staff.deactivated"),
        (user, "staff.reactivated"),
        (user, "staff.unlocked"),
        (user, "staff.changed"),
        (user, "staff.sessions_ended"),
        (user, "staff.password_reset"),
    ]


async def test_a_staff_token_of_the_previous_key_works_after_rotation_and_expiry_ends_it(
    client: httpx.AsyncClient,
) -> None:
    member = await service.create("clerk", "clerk", "window_clerk", "330106", None, STAFF_PASSWORD)
    old, new = "the-staff-key-until-today-0123456789", "the-staff-key-from-today-0123456789"
    before = service.StaffSessions(old)
    after = service.StaffSessions(new, previous_keys=[old])
    stranger = service.StaffSessions("a-key-nobody-configured-0123456789")
    token = await before.issue(member)

    accepted = await after.member(token)
    refused = await after.member(await stranger.issue(member))
    await StaffSession.filter(member=member).update(expires_at=service.now())
    expired = await after.member(token)
    purged = await service.purge_expired()

    assert accepted is not None and accepted.username == "clerk"
    assert refused is None and expired is None
    assert purged == 2 and await StaffSession.filter(member=member).count() == 0
