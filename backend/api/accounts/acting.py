"""What the citizen endpoint says about acting for others: an authorisation as each side sees
it, the banner of a session acting in someone's name, expected failures as ApplicationError,
and the audit entry every grant, revocation, claim and start of acting leaves."""

from __future__ import annotations

from typing import Any, ClassVar

import strawberry

from backend.accounts import service as accounts
from backend.accounts.service import AccountProblem, Representation
from backend.api.accounts.types import ActedStep, ActingFor, Authorisation, SignInError
from backend.api.actors import actor_names, hall_names, masked, staff_name
from backend.api.applications.errors import ApplicationError, ApplicationErrorCode
from backend.api.context import Info
from backend.api.errors import Problems
from backend.api.types import FieldError, LocalizedText
from backend.applications.service import ApplicationEvent
from backend.backoffice.service import record_staff_change
from backend.staff.service import StaffMember


class AsApplicationError:
    """@problems_as(AsApplicationError): acting's problems answered as ApplicationError, the
    error type the contract's results share with the applications."""

    problem: ClassVar[Problems] = AccountProblem

    @classmethod
    def of(cls, p: AccountProblem) -> ApplicationError:
        return ApplicationError(
            code=ApplicationErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


class AsSignInError:
    """@problems_as(AsSignInError): actFor answers as signIn does."""

    problem: ClassVar[Problems] = AccountProblem

    @classmethod
    def of(cls, p: AccountProblem) -> SignInError:
        return SignInError(code=p.code, message=LocalizedText(zh=p.message_zh, en=p.message_en))


def not_while_acting() -> AccountProblem:
    return AccountProblem(
        "NOT_AUTHORISED",
        "代办时不能授权、收回授权或再为他人代办，请用您自己的身份登录。",
        "A session acting for someone cannot grant, revoke or act for anyone: sign in as yourself.",
    )


async def staff_names(rows: list[Representation]) -> dict[str, str]:
    users = {r.agent_staff for r in rows if r.agent_staff}
    found = await StaffMember.filter(username__in=users) if users else []
    halls = await hall_names({s.hall_id for s in found if s.hall_id})
    return {s.username: staff_name(s, halls) for s in found}


def authorisation(r: Representation, viewer_id: int, staff: dict[str, str]) -> Authorisation:
    """As `viewer_id` sees it: their own name in full, the other side's masked."""
    principal = r.principal.name if r.principal_id == viewer_id else masked(r.principal.name)
    if r.agent_staff:
        agent = staff.get(r.agent_staff, f"工作人员 {r.agent_staff}")
    else:
        name = r.agent_citizen.name if r.agent_citizen else ""
        agent = name if r.agent_citizen_id == viewer_id else masked(name)
    return Authorisation(
        id=strawberry.ID(str(r.id)),
        basis=r.basis,
        principal_name=principal,
        agent_name=agent,
        matters=r.matters,
        valid_until=r.valid_until,
        revoked_at=r.revoked_at,
        created_at=r.created_at,
        mine=r.principal_id == viewer_id,
        in_force=accounts.in_force(r),
    )


async def acting_for(
    citizen: accounts.Citizen | None, r: Representation | None
) -> ActingFor | None:
    """The banner of a session acting in the citizen's name, None for the citizen themself."""
    if r is None or citizen is None:
        return None
    if r.agent_staff:
        agent = (await staff_names([r])).get(r.agent_staff, r.agent_staff)
    else:
        found = await accounts.Citizen.get_or_none(id=r.agent_citizen_id)
        agent = found.name if found else ""
    return ActingFor(
        basis=r.basis,
        principal_name=citizen.name,
        agent_name=agent,
        matters=r.matters,
        valid_until=r.valid_until,
        banner=LocalizedText(
            zh=f"您正在为 {citizen.name} 代办", en=f"You are acting for {citizen.name}"
        ),
    )


async def audit(actor: str, action: str, r: Representation) -> None:
    """The audit log's entry: who made, ended or used which representation of whom."""
    after: dict[str, Any] = {
        "representation": r.id,
        "basis": r.basis,
        "agent": f"staff:{r.agent_staff}" if r.agent_staff else f"citizen:{r.agent_citizen_id}",
        "matters": r.matters,
        "valid_until": r.valid_until.isoformat() if r.valid_until else None,
        "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
    }
    await record_staff_change(actor, action, f"citizen:{r.principal_id}", None, after)


async def acted_steps(info: Info, events: list[ApplicationEvent]) -> list[ActedStep]:
    """The steps with their matters' names, who acted and in whose name: a statement for the
    actors, one for the owners, the matters from the request's loaders."""
    names = await info.context.loaders.of(actor_names).load_many([e.actor or "" for e in events])
    owners = {e.application.citizen_id for e in events}
    owner_names = {c.id: c.name for c in await accounts.Citizen.filter(id__in=owners)}
    steps = []
    for event, actor in zip(events, names, strict=True):
        app = event.application
        code = app.matter_code or app.life_event_code or ""
        row = await (
            info.context.loaders.matter if app.matter_code else info.context.loaders.life_event
        ).load(code)
        steps.append(
            ActedStep(
                application_id=strawberry.ID(str(app.parent_id or app.id)),
                matter_name=LocalizedText(zh=row.name_zh, en=row.name_en) if row else None,
                kind=event.kind,
                message=LocalizedText(zh=event.message_zh, en=event.message_en),
                actor=actor or "",
                principal_name=masked(owner_names.get(app.citizen_id, "")),
                at=event.at,
            )
        )
    return steps
