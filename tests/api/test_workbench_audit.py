"""The workbench's audit log screen (审计日志) against the staff API: what it sends, at pinned
costs.

PINNED: the statements of each operation of configurator/src/workbench/audit/queries.graphql,
measured in this file's scenario (tests/api/test_client_round_trips.py checks that every
operation the clients send is pinned somewhere). fast_path_reads: the screen's reads, sent both
ways by tests/api/test_fast_path.py (filtered on sign-ins: each read of the log adds an entry)."""

from __future__ import annotations

from typing import Any

from operation_replay import Replay
from support import staff_token

PINNED: dict[str, int] = {
    # the session, the region's staff, the page, the read's own entry (the chain's head, the
    # insert)
    "configurator/AuditLog": 5,
}
SIGN_INS = {"filter": {"action": "staff.signed_in"}, "first": 50}


async def fast_path_reads(c: Any) -> None:
    """Every query of the screen, sent through both apps (c.send(key, variables, token))."""
    supervisor = await staff_token(c.client, "audit-ui-1", "supervisor")
    await c.send("configurator/AuditLog", SIGN_INS, supervisor)


async def test_a_supervisor_pages_through_the_audit_log_at_the_pinned_cost(
    replay: Replay,
) -> None:
    r = replay
    supervisor = await staff_token(r.client, "audit-ui-2", "supervisor")
    await staff_token(r.client, "audit-ui-3", "window_clerk")

    first = await r.run("configurator/AuditLog", {**SIGN_INS, "first": 1}, supervisor)
    page = first["auditLog"]
    second = await r.send(
        "configurator/AuditLog", {**SIGN_INS, "first": 1, "after": page["endCursor"]}, supervisor
    )

    assert [e["actor"] for e in page["entries"]] == ["staff:audit-ui-3"]
    assert page["hasNextPage"] is True
    assert [e["actor"] for e in second["auditLog"]["entries"]] == ["staff:audit-ui-2"]
    assert r.counts == PINNED
