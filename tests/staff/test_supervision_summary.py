"""The supervisor's dashboard read from the sweep's summary of settled days equals the one
computed live: a hand-built month summarised, an application received on a summarised day
completed later (stale until the next sweep, then equal again), and today's journeys (an
application submitted online, accepted and approved to completion; a walk-in filed at the
window) before and after their day is settled, with the run counts submission kept."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import uuid

import httpx
import pytest
from support import fees_paid, gql, sign_in, staff_gql, staff_token, zerorun
from test_backoffice import ACCEPT, DECIDE, TASKS
from test_queue_search import submitted_id_card
from test_supervision_dashboard import a_month_of_work, application, china, two_matters
from test_walk_in import (
    CONFIRM,
    EVALUATION,
    ZHANG,
    clerk,
    filled,
    settings,  # noqa: F401  (the identity service the walk-in asks)
)
from test_walk_in import SUBMIT as WALK_IN_SUBMIT
from test_walk_in import start as start_walk_in

from backend.accounts.service import Citizen
from backend.applications.models import Application, ApplicationEvent
from backend.backoffice import service, supervision_stats
from backend.backoffice.models import SupervisionDay, SupervisionWatermark
from backend.catalog.service import Matter
from backend.rules.domain import CHINA_TIME
from backend.staff.service import StaffMember

PROVINCE = StaffMember(username="summary", role="supervisor", region_code="330000")
REGIONS = ("330000", "330100", "330106", "330102")


async def differences(start: dt.date, end: dt.date) -> list[str]:
    """The regions whose dashboard from the summary differs from the live one."""
    differ = []
    for region in REGIONS:
        summary = await service.supervision_dashboard(PROVINCE, start, end, region)
        live = await service.supervision_dashboard(PROVINCE, start, end, region, live=True)
        if summary != live:
            differ.append(region)
    return differ


async def test_a_summarised_month_reads_as_the_live_one_and_catches_up_with_a_late_completion(
    client: httpx.AsyncClient,
) -> None:
    await a_month_of_work()
    waiting = await Application.get(status="accepted", submitted_at=china(3))

    written = await service.summarise_supervision(china(2, 9, month=4))

    assert written == 33  # February 28 (the first submission) through April 1
    assert (await SupervisionWatermark.get(id=1)).settled_through == dt.date(2026, 4, 1)
    # March 2: two applications of one matter, and a rating (the day's row of the county)
    assert await SupervisionDay.filter(day=dt.date(2026, 3, 2)).count() == 2
    for first, last in (
        (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 4, 30)),
    ):
        assert await differences(first, last) == []

    # Completed on April 2, received on March 3: a day the summary holds.
    await Application.filter(id=waiting.id).update(status="completed", due_on=dt.date(2026, 4, 9))
    await ApplicationEvent.create(
        application=waiting,
        kind="completed",
        message_zh="已办结。",
        message_en="Done.",
        at=china(2, 10, month=4),
    )
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    stale = await service.supervision_dashboard(PROVINCE, *march, "330106")
    assert (stale.total.completed, await differences(*march)) == (2, list(REGIONS[:3]))

    await service.summarise_supervision(china(3, 9, month=4))

    fresh = await service.supervision_dashboard(PROVINCE, *march, "330106")
    assert (fresh.total.completed, fresh.total.timed, fresh.total.on_time) == (3, 3, 2)
    assert await differences(*march) == []
    assert await differences(dt.date(2026, 3, 25), dt.date(2026, 4, 5)) == []


async def test_journeys_of_today_count_live_and_the_same_once_their_day_is_settled(
    client: httpx.AsyncClient,
) -> None:
    online = await submitted_id_card(client)  # 陈浩然's first ID card: fingerprints in person
    citizen = await sign_in(client, "demo-5")
    evaluation = (await gql(client, EVALUATION, {"id": online}, citizen))["data"]["application"]
    clerk_token = await clerk(client)
    accepted = (await staff_gql(client, ACCEPT, {"id": online}, clerk_token))["data"]
    await fees_paid(client, online)  # the card's 20 yuan, at the window of his fingerprints
    for t in accepted["acceptApplication"]["tasks"]:
        d = t["departmentCode"]
        reviewer = await staff_token(client, f"reviewer-{d}", "reviewer", department=d)
        [task] = (await staff_gql(client, TASKS, token=reviewer))["data"]["reviewQueue"]
        await staff_gql(client, DECIDE, {"id": task["id"], "ok": True}, reviewer)
    walk_in = await start_walk_in(client, clerk_token, ZHANG)
    at_window = await filled(client, walk_in)
    await staff_gql(client, CONFIRM, {"id": at_window, "m": "signature"}, clerk_token)
    await gql(client, WALK_IN_SUBMIT, {"id": at_window, "mode": "pickup"}, walk_in["token"])
    now = dt.datetime.now(CHINA_TIME)
    week = (now.date() - dt.timedelta(days=6), now.date())

    await service.summarise_supervision(now)
    today = await service.supervision_dashboard(PROVINCE, *week)
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(2), CHINA_TIME)
    await service.summarise_supervision(tomorrow)  # at 02:00 tomorrow, today is settled
    settled = await service.supervision_dashboard(PROVINCE, *week)

    runs = dict(await Application.filter(id__in=[online, at_window]).values_list("id", "run_count"))
    assert runs == {
        uuid.UUID(online): evaluation["evaluation"]["runCount"],
        uuid.UUID(at_window): 1,
    }
    assert (await SupervisionWatermark.get(id=1)).settled_through == now.date()
    assert (today.total.applications, today.total.completed) == (2, 1)
    assert (today.total.zero_run, today.total.one_run) == (
        list(runs.values()).count(0),
        list(runs.values()).count(1),
    )
    assert (today.daily[-1].received, today.daily[-1].completed) == (2, 1)
    assert today == settled
    assert await differences(*week) == []


async def test_two_sweeps_summarising_at_once_write_each_row_once(
    client: httpx.AsyncClient,
) -> None:
    await a_month_of_work()
    at = china(2, 9, month=4)
    await service.summarise_supervision(at)
    once = await SupervisionDay.all().count()

    await asyncio.gather(*(service.summarise_supervision(at) for _ in range(3)))

    assert await SupervisionDay.all().count() == once
    assert await differences(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == []


async def test_the_sweep_command_summarises_the_settled_days(
    client: httpx.AsyncClient, database_url: str
) -> None:
    await a_month_of_work()

    swept = zerorun("sweep", env={**os.environ, "DATABASE_URL": database_url})

    assert swept.returncode == 0, swept.stderr
    assert "day(s) of the supervisor's dashboard" in swept.stderr
    mark = await SupervisionWatermark.get(id=1)
    assert mark.settled_through is not None and mark.settled_through > dt.date(2026, 4, 1)
    assert await SupervisionDay.filter(day__lte=dt.date(2026, 3, 31)).count() > 0
    assert await differences(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == []


async def test_the_first_matters_and_departments_are_cut_at_the_same_place_summarised_or_live(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the matters that can be among the first rows are looked up by code: with ties at
    the cut, those of the lowest codes are shown, from the summary as live."""
    matters = await Matter.filter(region_code="330106").order_by("code")
    c = await Citizen.create(provider="test", subject="cut-1", name="张三", profile={})
    for matter, count in zip(matters[:5], (1, 2, 3, 2, 2), strict=True):
        for i in range(count):
            await application(c, matter, submitted=china(2 + i))
    await service.summarise_supervision(china(2, 9, month=4))
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    everything = await service.supervision_dashboard(PROVINCE, *march, "330106")
    monkeypatch.setattr(supervision_stats, "MAX_ROWS", 2)

    cut = await service.supervision_dashboard(PROVINCE, *march, "330106")
    live = await service.supervision_dashboard(PROVINCE, *march, "330106", live=True)

    counted = sorted(everything.by_matter, key=lambda f: (-f.applications, f.code))
    assert [(f.code, f.applications) for f in cut.by_matter] == [
        (matters[2].code, 3),
        (matters[1].code, 2),  # of the three with 2, the lowest code
    ]
    assert cut.by_matter == counted[:2] == live.by_matter
    assert cut.by_department == everything.by_department[:2] == live.by_department
    assert all(d.name_zh != d.code for d in cut.by_department)  # named from the catalog


async def test_a_year_read_from_its_whole_months_quarters_and_year_reads_as_the_live_one(
    client: httpx.AsyncClient,
) -> None:
    """Applications over 2025 (two matters, two counties, some completed): the summary keeps
    each matter's days, months, quarters and year, and every period, whole or not, reads from
    them as it does live."""
    a, b = await two_matters()
    c = await Citizen.create(provider="test", subject="year-1", name="张三", profile={})
    for i, day in enumerate(range(3, 365, 11)):
        at = dt.datetime(2025, 1, 1, 10, tzinfo=CHINA_TIME) + dt.timedelta(days=day)
        done = at + dt.timedelta(days=4) if i % 3 == 0 else None
        await application(
            c,
            a if i % 2 else b,
            region="330106" if i % 5 else "330102",
            submitted=at,
            status="completed" if done else "accepted",
            due=(at + dt.timedelta(days=10)).date(),
            completed=done,
        )
    await service.summarise_supervision(dt.datetime(2026, 1, 2, 9, tzinfo=CHINA_TIME))
    grains = {g for g in await SupervisionDay.all().values_list("grain", flat=True)}
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))

    assert grains == {"d", "m", "q", "y"}
    for period in (
        year,
        (dt.date(2025, 1, 15), dt.date(2026, 1, 1)),  # days, months, quarters, days
        (dt.date(2025, 3, 20), dt.date(2025, 7, 9)),
    ):
        assert await differences(*period) == [], period
    summary = await service.supervision_dashboard(PROVINCE, *year)
    assert summary.total.applications == 33
    assert sum(f.applications for f in summary.by_matter) == 33
