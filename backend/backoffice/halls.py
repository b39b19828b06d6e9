"""Halls below and beside the county (就近办, 异地可办): the hall a clerk works at, where an
application was received when not at its competent county's own window, and handing the
result over at the hall where the citizen collects it."""

from __future__ import annotations

import uuid

from tortoise.expressions import Q

from backend.applications.service import Application
from backend.appointments.service import ServiceHall
from backend.backoffice.records import BackofficeProblem, actor, not_found, now, record
from backend.staff import service as staff
from backend.staff.service import StaffMember

SCOPES = ("here", "for_elsewhere", "from_elsewhere")


async def halls(ids: list[int]) -> list[ServiceHall | None]:
    """Each id's hall, in the order asked (one statement for a page)."""
    found = {h.id: h for h in await ServiceHall.filter(id__in=set(ids))} if ids else {}
    return [found.get(i) for i in ids]


async def hall_of(staff: StaffMember) -> ServiceHall | None:
    return await ServiceHall.get_or_none(id=staff.hall_id) if staff.hall_id else None


def received_elsewhere(hall: ServiceHall | None, region: str) -> int | None:
    """The hall to record as receiving an application of `region`'s window: the clerk's hall
    unless it is that county's own (a township's hall or another county's always counts)."""
    if hall is None or hall.region_code == region:
        return None
    return hall.id


# What staff may see of a citizen's applications: those sent, never a draft the citizen is
# still writing (minimum access), only the window's own (a walk-in the clerk is filling in).
SENT = ~Q(status="draft") | Q(channel="window")


def scope_filter(staff: StaffMember, scope: str) -> Q:
    """Which applications a window queue of this scope holds for the clerk: `here`, the
    county's (those received at the clerk's hall for it too); `for_elsewhere`, received at the
    clerk's hall for another county (read only: its window decides); `from_elsewhere`, the
    county's received at another hall."""
    county = Q(region_code=staff.region_code)
    at_my_hall = Q(received_hall_id=staff.hall_id) if staff.hall_id else Q(id=None)
    if scope == "for_elsewhere":
        return at_my_hall & ~county & SENT
    if scope == "from_elsewhere":
        other_hall = Q(received_hall_id__isnull=False)
        if staff.hall_id:
            other_hall &= ~Q(received_hall_id=staff.hall_id)
        return county & other_hall & SENT
    return county & SENT


async def record_handover(staff: StaffMember, application_id: str) -> Application:
    """The clerk of the pickup hall hands the completed result over to the citizen: once (one
    of two clerks at once wins), on the timeline and in the audit log. The result of an
    application with no pickup hall is handed over at its county's own window."""
    app = await _at_pickup(staff, application_id)
    at = now()
    done = await Application.filter(
        id=app.id, status="completed", delivery_mode="pickup", handed_over_at__isnull=True
    ).update(handed_over_at=at)
    if not done:
        raise BackofficeProblem(
            "NOT_READY",
            "只有已办结、选择窗口领取且尚未交付的申请可以登记交付。",
            "Only a completed application collected at a hall, not handed over yet, can be handed over.",
        )
    app.handed_over_at = at
    hall = await hall_of(staff)
    name = hall.name if hall else {"zh": "窗口", "en": "the window"}
    await record(
        app,
        actor(staff),
        "handed_over",
        None,
        {"hall_id": staff.hall_id},
        f"办理结果已在{name['zh']}交付本人。",
        f"The result was handed over at {name['en']}.",
    )
    return app


async def _at_pickup(staff: StaffMember, application_id: str) -> Application:
    """The application whose result the clerk's hall hands over; any other reads as missing."""
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise not_found() from None
    app = await Application.get_or_none(id=uid, parent_id__isnull=True)
    if app is None:
        raise not_found()
    if app.pickup_hall_id is not None:
        if app.pickup_hall_id != staff.hall_id:
            raise not_found()
    elif app.region_code != staff.region_code:
        raise not_found()
    return app


# Development only: a window clerk at each receiving hall of the demo, beside Xihu's, and an
# agent (代办员) at the township hall, filing for citizens with their consent.
DEMO_HALL_STAFF = (
    ("sandun-window", "三墩镇便民服务中心窗口", "window_clerk", "330106", "township"),
    ("sandun-agent", "三墩镇代办员", "agent", "330106", "township"),
    ("shangcheng-window", "上城区综合窗口", "window_clerk", "330102", "other_county"),
)


async def seed_demo_hall_staff(
    county_hall: ServiceHall, receiving: dict[str, ServiceHall], password: str
) -> list[str]:
    """The demo's staff at the township and other county's halls; Xihu's window clerk works at
    the county's own hall. Idempotent."""
    for username, name, role, region, key in DEMO_HALL_STAFF:
        if not await StaffMember.exists(username=username):
            hall = receiving[key].id
            await staff.create(username, name, role, region, None, password, hall=hall)
    await StaffMember.filter(username="xihu-window", hall_id__isnull=True).update(
        hall_id=county_hall.id
    )
    return [u for u, *_ in DEMO_HALL_STAFF]
