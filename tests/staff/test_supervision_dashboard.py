"""The supervisor's dashboard (督察看板): exact figures over a hand-built month, region scoping,
bad periods refused, and a fixed number of statements whatever the data."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
from support import QueryCount, gql, ready_house_event, sign_in, staff_gql, staff_token

from backend.accounts.service import Citizen
from backend.applications.models import Application, ApplicationEvent
from backend.backoffice.models import ReviewTask
from backend.catalog.service import Matter
from backend.ratings.models import FollowUp, Rating
from backend.rules.domain import CHINA_TIME

SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"
DASHBOARD = """
query($from: Date!, $to: Date!, $region: String) {
  supervisionDashboard(from: $from, to: $to, region: $region) {
    __typename
    ... on SupervisionDashboard {
      regionCode from to
      daily { day received completed }
      total { applications completed zeroRunShare oneRunShare onTimeRate }
      byMatter { code nameZh applications completed zeroRunShare oneRunShare onTimeRate }
      byDepartment { code nameZh applications completed zeroRunShare oneRunShare onTimeRate }
      onTimeRate
      overdue
      overdueItems { matterCode departmentCode dueOn daysOver }
      ratings { count averageScore badCount badShare followUpsOpen followUpsClosed followUpsLate }
    }
    ... on BackofficeError { code errors { path code } }
  }
}
"""
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def china(day: int, hour: int = 10, month: int = 3, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=CHINA_TIME)


async def two_matters() -> tuple[Matter, Matter]:
    """Two published matters of Xihu of different departments."""
    matters = await Matter.filter(region_code="330106").order_by("code")
    first = matters[0]
    second = next(m for m in matters if m.department_code != first.department_code)
    return first, second


async def application(
    citizen: Citizen,
    matter: Matter,
    region: str = "330106",
    submitted: dt.datetime | None = None,
    status: str = "submitted",
    channel: str = "online",
    delivery: str = "e_license",
    due: dt.date | None = None,
    completed: dt.datetime | None = None,
) -> Application:
    app = await Application.create(
        id=uuid.uuid4(),
        citizen=citizen,
        matter_code=matter.code,
        status=status,
        region_code=region,
        channel=channel,
        delivery_mode=delivery,
        due_on=due,
        submitted_at=submitted,
    )
    if completed is not None:
        await ApplicationEvent.create(
            application=app,
            kind="completed",
            message_zh="已办结。",
            message_en="Done.",
            at=completed,
        )
    return app


async def rating(app: Application, score: int, at: dt.datetime) -> Rating:
    return await Rating.create(
        application_id=app.id, citizen_id=app.citizen_id, score=score, created_at=at
    )


async def task(app: Application, due: dt.date, flagged: bool, region: str = "330106") -> None:
    await ReviewTask.create(
        application_id=app.id,
        root_id=app.id,
        matter_code=app.matter_code,
        department_code="330106-ZJJ" if region == "330106" else "330102-ZJJ",
        department_name="住建局",
        region_code=region,
        due_on=due,
        overdue_flagged_at=dt.datetime.now(dt.UTC) if flagged else None,
    )


async def a_month_of_work() -> tuple[Matter, Matter]:
    """March 2026 in Xihu (330106) and one application in Shangcheng (330102)."""
    a, b = await two_matters()
    c = await Citizen.create(provider="test", subject="dash-1", name="张三", profile={})
    on_time = await application(
        c, a, submitted=china(2), status="completed", due=dt.date(2026, 3, 10), completed=china(5)
    )
    late = await application(
        c,
        a,
        submitted=china(2, 11),
        status="completed",
        channel="window",
        delivery="pickup",
        due=dt.date(2026, 3, 10),
        completed=china(12),
    )
    await application(
        c, a, submitted=china(3), status="accepted", channel="window", delivery="express"
    )
    await application(c, b, submitted=china(3, 9), delivery="pickup")
    february = await application(
        c,
        b,
        submitted=china(28, month=2),
        status="completed",
        due=dt.date(2026, 3, 9),
        completed=china(1, 9),
    )
    await application(c, a, status="draft")  # never submitted: not counted
    await application(c, b, submitted=china(31, 23, minute=30))  # 15:30 UTC: still March 31
    await application(c, b, submitted=china(1, 0, month=4, minute=30))  # April in China time
    elsewhere = await application(
        c,
        a,
        region="330102",
        submitted=china(5),
        status="completed",
        due=dt.date(2026, 3, 10),
        completed=china(6),
    )
    await rating(on_time, 5, china(6))
    bad = await rating(late, 1, china(13))
    await FollowUp.create(  # as the ratings service opens them: at the rating's time
        rating=bad,
        region_code="330106",
        opened_at=bad.created_at,
        due_on=dt.date(2026, 3, 20),
        closed_at=china(25),
    )
    still_open = await rating(february, 2, china(2))
    await FollowUp.create(
        rating=still_open,
        region_code="330106",
        opened_at=still_open.created_at,
        due_on=dt.date(2026, 3, 5),
    )
    await rating(elsewhere, 1, china(7))
    await task(late, dt.date(2026, 3, 10), flagged=True)
    await task(on_time, dt.date(2026, 3, 20), flagged=False)
    await task(elsewhere, dt.date(2026, 3, 8), flagged=True, region="330102")
    return a, b


async def dashboard(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    body = await staff_gql(client, DASHBOARD, {**MARCH, **variables}, token)
    assert "errors" not in body, body
    return dict(body["data"]["supervisionDashboard"])


def days_over(due: dt.date) -> int:
    return (dt.datetime.now(CHINA_TIME).date() - due).days


async def test_a_county_supervisor_sees_the_months_exact_figures(
    client: httpx.AsyncClient,
) -> None:
    a, b = await a_month_of_work()
    token = await staff_token(client, "dash-county", "supervisor")

    d = await dashboard(client, token)

    assert d["regionCode"] == "330106" and (d["from"], d["to"]) == ("2026-03-01", "2026-03-31")
    assert len(d["daily"]) == 31
    busy = {x["day"]: (x["received"], x["completed"]) for x in d["daily"] if any(x.values())}
    assert {k: v for k, v in busy.items() if v != (0, 0)} == {
        "2026-03-01": (0, 1),
        "2026-03-02": (2, 0),
        "2026-03-03": (2, 0),
        "2026-03-05": (0, 1),
        "2026-03-12": (0, 1),
        "2026-03-31": (1, 0),
    }
    assert d["total"] == {
        "applications": 5,
        "completed": 2,
        "zeroRunShare": 0.4,
        "oneRunShare": 0.4,
        "onTimeRate": 0.5,
    }
    assert d["onTimeRate"] == 0.5
    assert [(m["code"], m["applications"], m["completed"]) for m in d["byMatter"]] == [
        (a.code, 3, 2),
        (b.code, 2, 0),
    ]
    assert d["byMatter"][0]["nameZh"] == a.name_zh
    assert (d["byMatter"][0]["zeroRunShare"], d["byMatter"][0]["oneRunShare"]) == (
        0.3333,
        0.3333,
    )
    assert d["byMatter"][1]["onTimeRate"] is None
    assert {x["code"]: x["applications"] for x in d["byDepartment"]} == {
        a.department_code: 3,
        b.department_code: 2,
    }
    assert d["overdue"] == 1
    assert d["overdueItems"] == [
        {
            "matterCode": a.code,
            "departmentCode": "330106-ZJJ",
            "dueOn": "2026-03-10",
            "daysOver": days_over(dt.date(2026, 3, 10)),
        }
    ]
    assert d["ratings"] == {
        "count": 3,
        "averageScore": 2.67,
        "badCount": 2,
        "badShare": 0.6667,
        "followUpsOpen": 1,
        "followUpsClosed": 1,
        "followUpsLate": 2,
    }


async def test_a_city_supervisor_reads_both_counties_and_each_alone(
    client: httpx.AsyncClient,
) -> None:
    await a_month_of_work()
    city = await staff_token(client, "dash-city", "supervisor", region="330100")

    whole = await dashboard(client, city)
    shangcheng = await dashboard(client, city, region="330102")

    assert whole["regionCode"] == "330100"
    assert (whole["total"]["applications"], whole["total"]["completed"]) == (6, 3)
    assert whole["onTimeRate"] == 0.6667
    assert (whole["overdue"], whole["ratings"]["count"]) == (2, 4)
    assert (shangcheng["total"]["applications"], shangcheng["overdue"]) == (1, 1)
    assert shangcheng["ratings"]["badCount"] == 1


async def test_a_county_supervisor_cannot_read_another_county(client: httpx.AsyncClient) -> None:
    await a_month_of_work()
    token = await staff_token(client, "dash-xihu", "supervisor")

    refused = await dashboard(client, token, region="330102")
    city = await dashboard(client, token, region="330100")

    for answer in (refused, city):
        assert answer["__typename"] == "BackofficeError" and answer["code"] == "NOT_FOUND"
        assert answer["errors"] == [{"path": "/region", "code": "OUTSIDE"}]


async def test_a_county_administrator_reads_and_other_roles_are_refused(
    client: httpx.AsyncClient,
) -> None:
    await a_month_of_work()
    admin = await staff_token(client, "dash-admin", "county_admin")
    others = {
        role: await staff_token(client, f"dash-{role}", role, department=department)
        for role, department in (
            ("window_clerk", None),
            ("reviewer", "330106-ZJJ"),
            ("agent", None),
        )
    }

    assert (await dashboard(client, admin))["total"]["applications"] == 5
    for role, token in {**others, "none": None}.items():
        body = await staff_gql(client, DASHBOARD, MARCH, token)
        assert body["data"] is None, role
        expected = "UNAUTHENTICATED" if token is None else "FORBIDDEN_ROLE"
        assert body["errors"][0]["extensions"]["code"] == expected, role


async def test_bad_periods_and_codes_are_refused_with_their_paths(
    client: httpx.AsyncClient,
) -> None:
    token = await staff_token(client, "dash-bad", "supervisor")

    backwards = await dashboard(client, token, **{"from": "2026-03-31", "to": "2026-03-01"})
    too_long = await dashboard(client, token, **{"from": "2025-01-01", "to": "2026-01-02"})
    leap_year = await dashboard(client, token, **{"from": "2024-01-01", "to": "2024-12-31"})
    both = await dashboard(client, token, **{"from": "2026-03-31", "to": "2026-03-01"}, region="33")

    assert backwards["code"] == "INVALID_INPUT"
    assert backwards["errors"] == [{"path": "/to", "code": "RANGE"}]
    assert too_long["errors"] == [{"path": "/to", "code": "RANGE"}]
    assert leap_year["__typename"] == "SupervisionDashboard" and len(leap_year["daily"]) == 366
    assert both["errors"] == [
        {"path": "/to", "code": "RANGE"},
        {"path": "/region", "code": "FORMAT"},
    ]


async def test_a_dashboard_is_a_fixed_handful_of_statements_whatever_the_data(
    client: httpx.AsyncClient,
) -> None:
    token = await staff_token(client, "dash-count", "supervisor", region="330000")
    with QueryCount() as empty:
        await dashboard(client, token)
    await a_month_of_work()
    with QueryCount() as full:
        await dashboard(client, token)

    assert full.count == empty.count <= 12


async def test_a_life_event_filed_in_xihu_counts_each_of_its_matters_in_xihu(
    client: httpx.AsyncClient,
) -> None:
    seller = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, seller)
    await gql(client, SUBMIT, {"id": parent}, seller)
    supervisor = await staff_token(client, "dash-event", "supervisor")
    today = str(dt.datetime.now(CHINA_TIME).date())

    seen = await dashboard(client, supervisor, **{"from": today, "to": today})

    children = await Application.filter(parent_id=parent).values_list("matter_code", flat=True)
    assert len(children) > 1
    assert seen["total"]["applications"] == len(children)  # the parent names no matter
    assert sorted(m["code"] for m in seen["byMatter"]) == sorted(children)
