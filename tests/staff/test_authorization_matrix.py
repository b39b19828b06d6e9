"""Every staff mutation × every role (and no sign-in), and own versus another region for the
role that may act: denials carry stable codes; another region's work is simply not there."""

from __future__ import annotations

import httpx
import pytest
from support import gql, ready_house_event, sign_in, staff_gql, staff_token
from test_halls import halls_and_clerks
from test_walk_in import CARD, ZHANG, start

from backend.applications.models import Application
from backend.appointments.service import seed_receiving_halls
from backend.backoffice.models import ReviewTask
from backend.staff.models import StaffMember

MUTATIONS = {
    "acceptApplication": (
        "window_clerk",
        'mutation { r: acceptApplication(id: "%s") { __typename ... on BackofficeError { code } } }',
    ),
    "rejectApplication": (
        "window_clerk",
        'mutation { r: rejectApplication(id: "%s", reason: "x", legalBasis: "y") { __typename ... on BackofficeError { code } } }',
    ),
    "requestCorrection": (
        "window_clerk",
        'mutation { r: requestCorrection(id: "%s", items: [{path: "/answers/buyer_mobile", reason: "x"}]) { __typename ... on BackofficeError { code } } }',
    ),
    "decideTask": (
        "reviewer",
        'mutation { r: decideTask(taskId: "%s", approve: true, opinion: "ok") { __typename ... on BackofficeError { code } } }',
    ),
    "recordWindowPayment": (  # issue 19: fees paid at the window
        "window_clerk",
        'mutation { r: recordWindowPayment(id: "%s") { __typename ... on BackofficeError { code } } }',
    ),
    "recordDispatch": (
        "window_clerk",
        'mutation { r: recordDispatch(id: "%s", trackingNumber: "SF123456") { __typename ... on BackofficeError { code } } }',
    ),
    "answerFollowUp": (
        "county_admin",
        'mutation { r: answerFollowUp(id: "%s", answer: "ok") { __typename ... on RatingError { code } } }',
    ),
    # issue 20: the 好差评 loop (callback, rectification) and the window's rating pad
    "recordFollowUpCallback": (
        "county_admin",
        'mutation { r: recordFollowUpCallback(id: "%s", method: PHONE, note: "x") { __typename ... on RatingError { code } } }',
    ),
    "recordFollowUpRectification": (
        "county_admin",
        'mutation { r: recordFollowUpRectification(id: "%s", rectification: "x") { __typename ... on RatingError { code } } }',
    ),
    "recordWindowRating": (
        "window_clerk",
        'mutation { r: recordWindowRating(applicationId: "%s", score: 3) { __typename ... on RatingError { code } } }',
    ),
    # issue 16: deferred materials (h5), walk-ins and halls (h4), agents (h3)
    "recordDeferredMaterial": (
        "window_clerk",
        'mutation { r: recordDeferredMaterial(id: "%s", materialId: "x") { __typename ... on BackofficeError { code } } }',
    ),
    "startWalkIn": (
        "window_clerk",
        'mutation { r: startWalkIn(residentId: "330106195209180229", name: "张秀英", matterCode: "%s") { __typename ... on BackofficeError { code } } }',
    ),
    "confirmWalkIn": (
        "window_clerk",
        'mutation { r: confirmWalkIn(id: "%s", method: "signature") { __typename ... on BackofficeError { code } } }',
    ),
    "recordHandover": (
        "window_clerk",
        'mutation { r: recordHandover(id: "%s") { __typename ... on BackofficeError { code } } }',
    ),
    "sendConsentCode": (
        "agent",
        'mutation { r: sendConsentCode(residentId: "%s", name: "张秀英") { __typename ... on AgentError { code } } }',
    ),
    "startAssistedFiling": (
        "agent",
        'mutation { r: startAssistedFiling(residentId: "%s", name: "张秀英", consent: {method: "paper", fileKey: "none"}) { __typename ... on AgentError { code } } }',
    ),
    "createStaffMember": (
        "county_admin",
        'mutation { r: createStaffMember(username: "%s", name: "", role: WINDOW_CLERK, region: "330106") { __typename ... on StaffError { code } } }',
    ),
    "decideGuardianshipClaim": (
        "window_clerk",
        'mutation { r: decideGuardianshipClaim(id: "%s", grant: true) { __typename ... on GuardianshipError { code } } }',
    ),
    # issue 17: halls, windows and slots (h1); each input is refused when the hall is there
    "saveHall": (
        "county_admin",
        'mutation { r: saveHall(hallId: "%s", name: {zh: "", en: ""}, address: {zh: "", en: ""}, regionCode: "330106", openingHours: []) { __typename ... on HallError { code } } }',
    ),
    "saveHallWindow": (
        "county_admin",
        'mutation { r: saveHallWindow(hallId: "%s", name: {zh: "", en: ""}, slotMinutes: 30, capacity: 1) { __typename ... on HallError { code } } }',
    ),
    "setSlotCapacity": (
        "county_admin",
        'mutation { r: setSlotCapacity(slotId: "%s", capacity: 0) { __typename ... on HallError { code } } }',
    ),
    "addHallClosure": (
        "county_admin",
        'mutation { r: addHallClosure(hallId: "%s", day: "2000-01-03", reason: "x") { __typename ... on HallError { code } } }',
    ),
    "removeHallClosure": (
        "county_admin",
        'mutation { r: removeHallClosure(closureId: "%s") { __typename ... on HallError { code } } }',
    ),
    "publishHallSlots": (
        "county_admin",
        'mutation { r: publishHallSlots(hallId: "%s", from: "2000-01-03", to: "2000-01-04") { __typename ... on HallError { code } } }',
    ),
    # issue 19: sealed documents and the checks of commitments (seals)
    "revokeDocument": (
        "county_admin",
        'mutation { r: revokeDocument(number: "%s", reason: "x") { __typename ... on SealError { code } } }',
    ),
    "recordCommitmentCheck": (
        "reviewer",
        'mutation { r: recordCommitmentCheck(id: "%s", outcome: PASSED) { __typename ... on SealError { code } } }',
    ),
    # issue 19: sampled automatic decisions and paused clocks
    "recordAutomaticCheck": (
        "reviewer",
        'mutation { r: recordAutomaticCheck(id: "%s", outcome: CONFIRMED) { __typename ... on BackofficeError { code } } }',
    ),
    "suspendTask": (
        "reviewer",
        'mutation { r: suspendTask(taskId: "%s", kind: EXPERT_REVIEW, reason: "专家评审") { __typename ... on BackofficeError { code } } }',
    ),
    "resumeTask": (
        "reviewer",
        'mutation { r: resumeTask(taskId: "%s") { __typename ... on BackofficeError { code } } }',
    ),
}
# What the role that may act is answered for the id "1" (or a matter or resident ID "1"): the
# thing is not there, or the input is refused before any work.
REACHED = {
    "createStaffMember": {"INVALID_INPUT"},  # the name is empty
    "startWalkIn": {"INVALID_INPUT"},
    "sendConsentCode": {"INVALID_INPUT"},
    "startAssistedFiling": {"INVALID_INPUT", "FILE_NOT_FOUND"},  # the paper consent's scan
    **{
        m: {"NOT_FOUND", "INVALID_INPUT"}  # hall 1 may be the demo hall: its input is refused
        for m in (
            "saveHall",
            "saveHallWindow",
            "setSlotCapacity",
            "addHallClosure",
            "publishHallSlots",
        )
    },
}
REACHED_NOT_READY = {
    "recordDispatch": "NOT_READY",  # nothing completed to send yet
    "recordDeferredMaterial": "INVALID_INPUT",  # nothing was deferred
}
ROLES = ["window_clerk", "reviewer", "county_admin", "supervisor", "agent", None]
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename } }"


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "signed-out")
async def test_a_role_that_may_not_act_is_refused_with_a_stable_code(
    client: httpx.AsyncClient, mutation: str, role: str | None
) -> None:
    allowed, document = MUTATIONS[mutation]
    token = await staff_token(client, f"u-{role}", role, department="330106-GTJ") if role else None

    body = await staff_gql(client, document % "1", token=token)

    if role == allowed:
        assert "errors" not in body, body
        assert body["data"]["r"]["code"] in REACHED.get(mutation, {"NOT_FOUND"})
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == (
            "UNAUTHENTICATED" if role is None else "FORBIDDEN_ROLE"
        )


@pytest.mark.parametrize(
    "mutation",
    [
        "acceptApplication",
        "rejectApplication",
        "requestCorrection",
        "decideTask",
        "recordDispatch",
        "recordDeferredMaterial",
        "recordWindowPayment",
    ],
)
async def test_the_role_that_may_act_reaches_only_its_own_region(
    client: httpx.AsyncClient, mutation: str
) -> None:
    citizen = await sign_in(client, "demo-1")
    parent = await ready_house_event(client, citizen)
    await gql(client, SUBMIT, {"id": parent}, citizen)
    allowed, document = MUTATIONS[mutation]
    target = parent
    if mutation == "decideTask":
        clerk = await staff_token(client, "clerk", "window_clerk")
        await staff_gql(client, MUTATIONS["acceptApplication"][1] % parent, token=clerk)
        target = str((await ReviewTask.get(root_id=parent, department_code="330106-GTJ")).id)
    # The same role and department in the neighbouring district (no published matter there is
    # 330106-GTJ's, so the account is moved there after it was made)
    elsewhere = await staff_token(client, "elsewhere", allowed, department="330106-GTJ")
    await StaffMember.filter(username="elsewhere").update(region_code="330108")
    here = await staff_token(client, "here", allowed, department="330106-GTJ")

    other_region = (await staff_gql(client, document % target, token=elsewhere))["data"]["r"]
    own_region = (await staff_gql(client, document % target, token=here))["data"]["r"]

    assert other_region == {"__typename": "BackofficeError", "code": "NOT_FOUND"}
    if mutation in REACHED_NOT_READY:  # reached, but not in the state it needs
        assert own_region == {"__typename": "BackofficeError", "code": REACHED_NOT_READY[mutation]}
    else:
        assert own_region["__typename"] in ("StaffApplication", "ReviewTask")


# Walk-ins and halls: own hall, another hall of the same county, another county (with a hall).
HALL_CASES = {
    "confirmWalkIn": {"township": "StaffApplication", "county": "NOT_FOUND", "other": "NOT_FOUND"},
    "recordHandover": {"township": "NOT_READY", "county": "NOT_FOUND", "other": "NOT_FOUND"},
}


@pytest.mark.parametrize("mutation", HALL_CASES)
async def test_a_walk_in_is_reached_only_from_the_hall_that_received_it(
    client: httpx.AsyncClient, mutation: str
) -> None:
    clerks = await halls_and_clerks(client)
    app = (await start(client, clerks["township"], ZHANG, CARD))["applicationId"]
    document = MUTATIONS[mutation][1]

    answers = {}
    for clerk in ("other", "county", "township"):
        r = (await staff_gql(client, document % app, token=clerks[clerk]))["data"]["r"]
        answers[clerk] = r.get("code", r["__typename"])

    assert answers == HALL_CASES[mutation]


async def test_a_walk_in_for_another_county_is_received_by_a_clerk_with_a_hall_and_decided_there(
    client: httpx.AsyncClient,
) -> None:
    clerks = await halls_and_clerks(client)
    await StaffMember.filter(username="other").update(hall_id=None)
    hall_less = (await start(client, clerks["other"], ZHANG, CARD))["code"]
    await StaffMember.filter(username="other").update(hall_id=(await halls_of())["other_county"])
    app = (await start(client, clerks["other"], ZHANG, CARD))["applicationId"]
    # confirmed and submitted as in tests/staff/test_halls.py
    await Application.filter(id=app).update(status="submitted")
    elsewhere = await staff_token(client, "binjiang", "window_clerk", region="330108")

    decided = {
        clerk: (await staff_gql(client, MUTATIONS["acceptApplication"][1] % app, token=token))[
            "data"
        ]["r"]
        for clerk, token in (
            ("binjiang", elsewhere),
            ("other", clerks["other"]),
            ("county", clerks["county"]),
        )
    }

    assert hall_less == "NOT_COMPETENT"
    assert decided["binjiang"] == {"__typename": "BackofficeError", "code": "NOT_FOUND"}
    assert decided["other"] == {"__typename": "BackofficeError", "code": "NOT_COMPETENT"}
    assert decided["county"]["__typename"] == "StaffApplication"


async def halls_of() -> dict[str, int]:
    return {k: h.id for k, h in (await seed_receiving_halls()).items()}
