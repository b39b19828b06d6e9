"""Walk-in intake at one window (一窗受理, 前台综合受理): a clerk starts an application for the
citizen at the counter, with the same form, rules and checklist as online. The clerk's client
gets a citizen token acting for the walk-in (a representation on the basis walk_in, two hours)
and drives the citizen API with it; the citizen's confirmation of what is filed (a signature on
the pad, or on paper) is recorded before it can be submitted; then it goes the way an online
submission goes. Its run count is the one visit, with the reasons that brought the citizen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import orjson

from backend.accounts import service as accounts
from backend.accounts.service import Citizen, Representation, Sessions
from backend.applications import service as applications
from backend.applications.service import Application, ApplicationProblem
from backend.backoffice import halls
from backend.backoffice.identity import IdentityService, format_problem, verified
from backend.backoffice.models import AuditEntry
from backend.backoffice.records import BackofficeProblem, actor, not_found, record
from backend.catalog.service import Evaluation, Matter, Trip
from backend.datasources.service import Sharing
from backend.forms.formats import parse_resident_id
from backend.forms.validation import FieldError
from backend.infra import actors
from backend.regions.service import is_county_code
from backend.staff.service import StaffMember

TOKEN_TTL = dt.timedelta(hours=2)
CONFIRMATION_METHODS = ("signature", "paper")
CHOSE_TO_COME = {"zh": "本人选择到窗口办理", "en": "Chose to come to the window"}
CONFIRMED = "walk_in_confirmed"


@dataclass(frozen=True)
class WalkIn:
    token: str
    application: Application
    citizen: Citizen
    identity_verified: bool
    visit_reasons: list[dict[str, str]]


async def start_walk_in(
    staff: StaffMember,
    sessions: Sessions,
    identity: IdentityService,
    sharing: Sharing,
    resident_id: str,
    name: str,
    matter_code: str,
) -> WalkIn:
    """Check the identity, find or register the citizen, start their application of the matter
    at the clerk's window (received at the clerk's hall when that is not the competent county's
    own) and hand the clerk a token acting for the citizen."""
    resident_id, name, matter_code = resident_id.strip(), name.strip(), matter_code.strip()
    _check_input(resident_id, name, matter_code)
    matter = await Matter.get_or_none(code=matter_code, status="published")
    if matter is None:
        raise _invalid(
            "/matterCode",
            "MATTER_NOT_FOUND",
            "没有在办的这一事项。",
            "No matter offered has this code.",
        )
    match = await verified(identity, resident_id, name)
    citizen = await _citizen(resident_id, name, match)
    region = _competent_region(matter, citizen, staff)
    hall = await halls.hall_of(staff)
    received = halls.received_elsewhere(hall, region)
    if region != staff.region_code and received is None:
        raise halls_needed()
    representation = await accounts.represent(
        citizen,
        "walk_in",
        agent_staff=staff.username,
        matters=[matter.code],
        valid_until=accounts.now() + TOKEN_TTL,
        evidence={"identity_verified": match is True, "hall_id": staff.hall_id},
    )
    actors.act_as(actor(staff), [matter.code])  # this request's steps are the clerk's
    app = await applications.start(citizen, matter.code, None)
    await _at_window(app, region, received)
    await _record_walk_in(app, staff, hall, match is True)
    token = await sessions.issue(citizen, representation, TOKEN_TTL)
    reasons = visit_reasons(await applications.evaluation_of(citizen, app, sharing))
    return WalkIn(token, app, citizen, match is True, reasons)


def _check_input(resident_id: str, name: str, matter_code: str) -> None:
    """Limits before work: every input at fault, at once."""
    errors = []
    problem = format_problem(resident_id)
    if problem is not None:
        errors.append(
            FieldError(
                "/residentId",
                "INVALID_RESIDENT_ID",
                "公民身份号码有误（位数、出生日期或校验码不对）。",
                f"Not a valid resident ID ({problem}).",
            )
        )
    if not 0 < len(name) <= 64:
        errors.append(
            FieldError(
                "/name",
                "INVALID_LENGTH",
                "姓名须为 1 到 64 个字符。",
                "name must be 1 to 64 characters.",
            )
        )
    if not 0 < len(matter_code) <= 32:
        errors.append(
            FieldError(
                "/matterCode",
                "INVALID_LENGTH",
                "事项编码须为 1 到 32 个字符。",
                "matterCode must be 1 to 32 characters.",
            )
        )
    if errors:
        raise BackofficeProblem("INVALID_INPUT", "请核对输入。", "Check the input.", errors)


def _invalid(path: str, code: str, zh: str, en: str) -> BackofficeProblem:
    return BackofficeProblem("INVALID_INPUT", zh, en, [FieldError(path, code, zh, en)])


async def _citizen(resident_id: str, name: str, match: bool | None) -> Citizen:
    """The citizen with this resident ID, or one registered now. Refused when the identity
    service says the ID and name do not belong together, or when a known citizen of this ID
    has another name (whether or not the service answers)."""
    known = await Citizen.filter(id_number=resident_id).order_by("id").first()
    if match is False or (known is not None and known.name != name):
        zh, en = (
            "身份核验未通过：公民身份号码与姓名不一致。",
            "Identity not verified: the resident ID and the name do not match.",
        )
        raise BackofficeProblem(
            "IDENTITY_MISMATCH",
            zh,
            en,
            [
                FieldError("/residentId", "MISMATCH", zh, en),
                FieldError("/name", "MISMATCH", zh, en),
            ],
        )
    if known is not None:
        return known
    born = parse_resident_id(resident_id)
    profile: dict[str, Any] = {"id_number": resident_id}
    if born is not None:
        profile |= {"birth_date": born[0].isoformat(), "sex": born[1]}
    return await accounts.citizen_by_id_number(resident_id, name, profile)


def _competent_region(matter: Matter, citizen: Citizen, staff: StaffMember) -> str:
    """The county whose window handles it: the matter's own county; for a province or city
    matter, the citizen's registered county, else the clerk's."""
    if not matter.region_code.endswith("00"):
        return matter.region_code
    hukou = str(citizen.profile.get("hukou_region") or "")
    return hukou if is_county_code(hukou) and not hukou.endswith("00") else staff.region_code


def halls_needed() -> BackofficeProblem:
    return BackofficeProblem(
        "NOT_COMPETENT",
        "该事项由其他县（市、区）办理；您没有所属服务大厅，不能代收。",
        "Another county handles this matter; without a hall of your own you cannot receive it for them.",
    )


async def _at_window(app: Application, region: str, received: int | None) -> None:
    """The application as filed at a window: its county, and the hall that received it, where
    the result is also handed over when the citizen collects it."""
    changes = {"channel": "window", "region_code": region, "received_hall_id": received}
    changes["pickup_hall_id"] = received
    await Application.filter(id=app.id).update(**changes)
    app.channel, app.region_code = "window", region
    app.received_hall_id = app.pickup_hall_id = received


async def _record_walk_in(app: Application, staff: StaffMember, hall: Any, ok: bool) -> None:
    where = hall.name if hall is not None else {"zh": "窗口", "en": "the window"}
    checked_zh = "身份已核验" if ok else "身份核验服务暂不可用，已核对身份证原件"
    checked_en = (
        "identity verified" if ok else "identity service unavailable; ID card checked by hand"
    )
    await record(
        app,
        actor(staff),
        "walk_in",
        None,
        {"channel": "window", "hall_id": staff.hall_id, "identity_verified": ok},
        f"{where['zh']}窗口工作人员为您现场办理（{checked_zh}）。",
        f"Filed for you in person at {where['en']} ({checked_en}).",
    )


def as_window_visit(evaluation: Evaluation) -> Evaluation:
    """A window filing's evaluation as reported: its run count is the one visit made, each trip
    the evaluation counts being a reason for it; when it counts none, that they chose to come."""
    trips = [dataclasses.replace(t, visit=1) for t in evaluation.trips]
    return dataclasses.replace(evaluation, trips=trips or [_chose_to_come()])


def _chose_to_come() -> Trip:
    remedy = {"zh": "此事项可以网上办理，下次不用跑。", "en": "This can be done online next time."}
    return Trip(1, "window", "visit", dict(CHOSE_TO_COME), remedy)


def visit_reasons(evaluation: Evaluation) -> list[dict[str, str]]:
    """Why the citizen came: the trips the evaluation counts for them, each reason once; when it
    counts none, that they chose to come."""
    reasons: list[dict[str, str]] = []
    for trip in evaluation.trips:
        reason = dict(trip.reason)
        if reason not in reasons:
            reasons.append(reason)
    return reasons or [dict(CHOSE_TO_COME)]


async def run_count(app: Application, sharing: Sharing) -> tuple[int, list[dict[str, str]]]:
    """The trips reported for an application: one visit with its reasons for a window filing;
    the evaluation's count and reasons otherwise."""
    citizen = await Citizen.get(id=app.citizen_id)
    evaluation = await applications.evaluation_of(citizen, app, sharing)
    if app.channel == "window":
        evaluation = as_window_visit(evaluation)
    return evaluation.run_count, visit_reasons(evaluation) if evaluation.trips else []


async def confirm_walk_in(staff: StaffMember, application_id: str, method: str) -> Application:
    """The citizen confirms, at the counter, what the clerk filed for them (signing the pad or
    the printout): the answers as they stand are what may be submitted."""
    if method not in CONFIRMATION_METHODS:
        raise _invalid(
            "/method",
            "ENUM",
            "确认方式须为 signature（签字板）或 paper（纸质签字）。",
            "method is signature or paper.",
        )
    app = await _received_by(staff, application_id)
    if app.status != "draft":
        raise BackofficeProblem(
            "NOT_READY",
            "只有尚未提交的申请需要申请人确认。",
            "Only an application not submitted yet needs the applicant's confirmation.",
        )
    labels = {
        "signature": ("签字板签名", "a signature on the pad"),
        "paper": ("纸质签字", "a signature on paper"),
    }
    await record(
        app,
        actor(staff),
        CONFIRMED,
        None,
        {"method": method, "answers_sha256": digest(app.answers)},
        f"申请人已确认填报内容（{labels[method][0]}）。",
        f"The applicant confirmed what was filed ({labels[method][1]}).",
    )
    return app


async def _received_by(staff: StaffMember, application_id: str) -> Application:
    """A window filing the clerk's own hall received (or the county's window, when no other
    hall did); any other reads as missing."""
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        raise not_found() from None
    app = await Application.get_or_none(id=uid, channel="window", parent_id__isnull=True)
    if app is None:
        raise not_found()
    mine = (
        app.received_hall_id == staff.hall_id
        if app.received_hall_id is not None
        else app.region_code == staff.region_code
    )
    if not mine:
        raise not_found()
    return app


def digest(answers: Any) -> str:
    return hashlib.sha256(orjson.dumps(answers or {}, option=orjson.OPT_SORT_KEYS)).hexdigest()


async def require_confirmation(
    acting: Representation | None, application_id: str, answers: Any
) -> None:
    """Before a clerk submits for a walk-in (a session acting on the basis walk_in): the draft
    is submitted only as its applicant confirmed it, with the answers confirmed. The citizen
    submitting themself confirms by doing so, and costs no statement here."""
    if acting is None or acting.basis != "walk_in":
        return
    try:
        uid = uuid.UUID(application_id)
    except ValueError:
        return
    app = await Application.get_or_none(id=uid, citizen_id=acting.principal_id, channel="window")
    if app is None or app.status != "draft":  # a correction is resubmitted as online ones are
        return
    confirmed = await AuditEntry.filter(subject_id=app.id, action=CONFIRMED).order_by("-id").first()
    submitted = app.answers if answers is None else answers
    if confirmed is None or confirmed.after.get("answers_sha256") != digest(submitted):
        zh = "请先让申请人在窗口确认填报内容（签字），再提交。"
        en = "The applicant confirms what was filed (a signature at the window) before it is submitted."
        raise ApplicationProblem(
            "CONFIRMATION_REQUIRED", zh, en, [FieldError("/confirmation", "REQUIRED", zh, en)]
        )
