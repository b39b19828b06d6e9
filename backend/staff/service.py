"""Staff accounts: sign-in (signin.py), sessions kept in the database (sessions.py), and the
accounts' lifecycle (lifecycle.py).

The public surface of the domain: other domains and the API import only this module."""

from __future__ import annotations

from backend.staff.admin import MAX_LISTED, create_with_temporary_password, listed
from backend.staff.lifecycle import MIN_PASSWORD, ROLES, Actor, Recorder, create, view
from backend.staff.lifecycle import change_password as change_password
from backend.staff.lifecycle import deactivate as deactivate
from backend.staff.lifecycle import end_sessions as end_sessions
from backend.staff.lifecycle import members as members
from backend.staff.lifecycle import reactivate as reactivate
from backend.staff.lifecycle import reset_password as reset_password
from backend.staff.lifecycle import sign_in as sign_in
from backend.staff.lifecycle import unlock_sign_in as unlock_sign_in
from backend.staff.lifecycle import update as update
from backend.staff.models import StaffMember
from backend.staff.problems import StaffProblem, refused
from backend.staff.sessions import StaffSessions, purge_expired_sessions
from backend.staff.signin import (
    LOCKOUT,
    MAX_FAILURES,
    Throttle,
    authenticate,
    locked_out,
    now,
    purge_stale_attempts,
)

__all__ = [
    "DEMO_PASSWORD",
    "LOCKOUT",
    "MAX_FAILURES",
    "MAX_LISTED",
    "MIN_PASSWORD",
    "ROLES",
    "Actor",
    "Recorder",
    "StaffMember",
    "StaffProblem",
    "StaffSessions",
    "Throttle",
    "authenticate",
    "change_password",
    "create",
    "create_with_temporary_password",
    "deactivate",
    "end_sessions",
    "listed",
    "locked_out",
    "members",
    "now",
    "purge_expired",
    "purge_expired_sessions",
    "purge_stale_attempts",
    "reactivate",
    "refused",
    "reset_password",
    "seed_demo_staff",
    "unlock_sign_in",
    "update",
    "view",
]


async def purge_expired() -> int:
    """For the sweep: expired staff sessions and sign-in attempts nobody made for a month;
    how many rows went."""
    return await purge_expired_sessions() + await purge_stale_attempts()


DEMO_PASSWORD = "zerorun-demo-2026"
DEMO_STAFF = (
    ("xihu-admin", "西湖区事项管理员", "county_admin", None),
    ("xihu-window", "西湖区综合窗口", "window_clerk", None),
    ("xihu-housing", "西湖区住建局审批", "reviewer", "330106-ZJJ"),
    ("xihu-land", "西湖区不动产登记审批", "reviewer", "330106-GTJ"),
    ("xihu-tax", "西湖区税务局审批", "reviewer", "330106-SWJ"),
    ("xihu-police", "西湖区公安分局审批", "reviewer", "330106-GAJ"),
    ("xihu-supervisor", "西湖区效能监督", "supervisor", None),
    ("xihu-agent", "翠苑街道代办员", "agent", None),
)


async def seed_demo_staff() -> list[str]:
    """Development only: one account per role in Xihu District, with a published password."""
    for username, name, role, department in DEMO_STAFF:
        if not await StaffMember.exists(username=username):
            await create(username, name, role, "330106", department, DEMO_PASSWORD)
    return [u for u, *_ in DEMO_STAFF]
