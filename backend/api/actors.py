"""Who acted, as a person reads it: "citizen:<id>" and "staff:<username>" (the actors timelines
record) made into display text in one statement per kind for a whole page. A citizen's name is
masked (李*): the one represented knows who their relatives are, anyone else need not learn it.
A staff member is named with their hall and role, as a counter's name plate shows it."""

from __future__ import annotations

from backend.accounts.service import Citizen
from backend.appointments.service import ServiceHall
from backend.staff.service import StaffMember

ROLE_NAMES = {
    "agent": "代办员",
    "window_clerk": "窗口",
    "reviewer": "审批",
    "county_admin": "管理员",
    "supervisor": "监督",
}


async def hall_names(ids: set[int]) -> dict[int, str]:
    """The halls' Chinese names, by id (no statement for none)."""
    return {h.id: h.name.get("zh", "") for h in await ServiceHall.filter(id__in=ids)} if ids else {}


def staff_name(member: StaffMember, halls: dict[int, str]) -> str:
    """西湖区政务服务中心 窗口 张三: the hall (when the member has one), the role, the name."""
    role = f"{ROLE_NAMES.get(member.role, '工作人员')} {member.name}"
    hall = halls.get(member.hall_id) if member.hall_id else None
    return f"{hall} {role}" if hall else role


def masked(name: str) -> str:
    """李萍 → 李*; a one-character name stays as it is."""
    return name[:1] + "*" * max(0, len(name) - 1)


async def actor_names(actors: list[str]) -> list[str | None]:
    """Each actor's display text ("李* 代办", "代办员 王芳"), None for one that names nobody."""
    ids = {int(a[8:]) for a in actors if a.startswith("citizen:") and a[8:].isdigit()}
    users = {a[6:] for a in actors if a.startswith("staff:")}
    citizens = {c.id: c.name for c in await Citizen.filter(id__in=ids)} if ids else {}
    staff = {s.username: s for s in await StaffMember.filter(username__in=users)} if users else {}
    halls = await hall_names({s.hall_id for s in staff.values() if s.hall_id})
    names: list[str | None] = []
    for actor in actors:
        kind, _, who = actor.partition(":")
        if kind == "citizen" and who.isdigit() and int(who) in citizens:
            names.append(f"{masked(citizens[int(who)])} 代办")
        elif kind == "staff" and who in staff:
            names.append(staff_name(staff[who], halls))
        else:
            names.append(None)
    return names
