"""Parties of a multi-party application (多方申请): the starter invites the others (a share
code, or by resident ID and mobile with a notice), each joins once, fills and provides their
own part, and confirms or declines; the last required confirmation submits it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen, citizen_by_id_number
from backend.applications import party_access, party_parts
from backend.applications.models import Application, ApplicationEvent, ApplicationParty
from backend.applications.records import (
    ApplicationProblem,
    definition_of,
    own_draft,
    record_event,
)
from backend.forms.formats import resident_id_problem
from backend.forms.validation import FieldError
from backend.notifications import service as notifications

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed safely
CODE_LENGTH = 8
VALID_FOR = dt.timedelta(hours=72)
MAX_REASON = 200
MAX_INVITES = 10  # a day, per application
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


@dataclass(frozen=True)
class Invitation:
    code: str  # shown once: only its hash is kept
    party: str
    expires_at: dt.datetime


def invalid_input(path: str, zh: str, en: str) -> ApplicationProblem:
    return ApplicationProblem("INVALID_INPUT", zh, en, [FieldError(path, "invalid", zh, en)])


def invitation_invalid() -> ApplicationProblem:
    zh = "邀请码无效、已使用、已过期，或不是发给您的。"
    en = "The invitation code is unknown, used, expired or meant for someone else."
    return ApplicationProblem(
        "INVITATION_INVALID", zh, en, [FieldError("/code", "invitation_invalid", zh, en)]
    )


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _person(resident_id: str | None, mobile: str | None) -> tuple[str, str] | None:
    """The invitee named by resident ID and mobile, both or neither, each well formed."""
    if resident_id is None and mobile is None:
        return None
    resident_id, mobile = (resident_id or "").strip(), (mobile or "").strip()
    if resident_id_problem(resident_id) is not None:
        raise invalid_input(
            "/residentId", "请填写正确的 18 位公民身份号码。", "Give a valid 18-digit resident ID."
        )
    if not MOBILE.match(mobile):
        raise invalid_input(
            "/mobile", "请填写正确的 11 位手机号码。", "Give a valid 11-digit mobile number."
        )
    return resident_id, mobile


async def invite(
    citizen: Citizen,
    application_id: str,
    party: str,
    resident_id: str | None = None,
    mobile: str | None = None,
) -> Invitation:
    """The starter invites a party: a share code valid 72 hours for one use; named by
    resident ID, only that citizen may use it, and a notice goes to the mobile. Inviting a
    party again (one who declined, or never came) replaces the earlier invitation."""
    person = _person(resident_id, mobile)
    app = await own_draft(citizen, application_id)
    definition = await definition_of(app)
    rows = await party_access.rows_of(app)
    starter = party_access.starter_of(app, rows)
    wanted = party_parts.named(definition, party)
    if app.parent_id is not None:  # a life event's parties are its own, not a member's
        raise invalid_input(
            "/applicationId",
            "请在“一件事”的申请中邀请。",
            "Invite to the life event's application.",
        )
    if starter is None or app.citizen_id != citizen.id:
        raise ApplicationProblem(
            "NOT_YOUR_PART",
            "只有发起申请的一方可以邀请其他申请方。",
            "Only the party who started the application invites the others.",
        )
    if wanted is None or wanted["role"] != "applicant" or party == starter:
        raise invalid_input(
            "/party",
            f"不能邀请“{party}”：它不是此申请中可邀请的申请方。",
            f"{party!r} is not a party of this application that can be invited.",
        )
    if any(r.party == party and r.status in ("joined", "confirmed") for r in rows):
        raise ApplicationProblem(
            "CONFLICT", "这一方已经加入申请。", "This party has already joined the application."
        )
    await _within_invitation_limit(app)
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    async with in_transaction():
        await ApplicationParty.filter(application_id=app.id, party=party).delete()
        row = await ApplicationParty.create(
            application=app,
            party=party,
            code_hash=code_hash(code),
            invited_id_number=person[0] if person else None,
            invited_mobile=person[1] if person else None,
        )
        name = wanted["name"]
        await record_event(
            app, "party_invited", f"已邀请{name['zh']}加入申请。", f"Invited the {name['en']}."
        )
        if person:
            await _notify_invitee(app, person, name, code)
    return Invitation(code=code, party=party, expires_at=row.created_at + VALID_FOR)


async def _within_invitation_limit(app: Application) -> None:
    """At most MAX_INVITES invitations a day for an application: each may send a text."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    sent = await ApplicationEvent.filter(
        application_id=app.id, kind="party_invited", at__gte=since
    ).count()
    if sent >= MAX_INVITES:
        raise ApplicationProblem(
            "CONFLICT",
            f"这份申请 24 小时内已发出 {MAX_INVITES} 次邀请，请明天再试。",
            f"This application sent {MAX_INVITES} invitations in 24 hours; try again tomorrow.",
        )


async def _notify_invitee(
    app: Application, person: tuple[str, str], name: dict[str, str], code: str
) -> None:
    """A notice to the invitee's mobile: an account by resident ID when they have none yet
    (adopted when they sign in), with the mobile the starter gave."""
    invitee = await citizen_by_id_number(person[0], "", {"mobile": person[1]})
    zh = f"您被邀请作为{name['zh']}共同办理一项申请，邀请码 {code}（72 小时内有效）。"
    en = f"You are invited to an application as the {name['en']}; code {code} (72 hours)."
    await notifications.record(
        party_access.notice_id(app, invitee.id),
        invitee.id,
        "party_invited",
        {"application_id": str(app.id), "kind": "party_invited", "zh": zh, "en": en},
    )


async def join(citizen: Citizen, code: str) -> Application:
    """Join an application with an invitation code: once, as the party invited, only by the
    citizen it names (when it names one); the party's identity is filled in as verified."""
    normalised = re.sub(r"[\s-]", "", code or "").upper()
    if len(normalised) != CODE_LENGTH:
        raise invitation_invalid()
    row = await ApplicationParty.get_or_none(code_hash=code_hash(normalised), status="invited")
    if row is None or row.created_at + VALID_FOR < dt.datetime.now(dt.UTC):
        raise invitation_invalid()
    if row.invited_id_number and row.invited_id_number != citizen.id_number:
        raise invitation_invalid()
    app = await Application.get(id=row.application_id)
    already = await ApplicationParty.exists(application_id=app.id, citizen_id=citizen.id)
    if app.status != "draft" or app.citizen_id == citizen.id or already:
        raise invitation_invalid()
    definition = await definition_of(app)
    async with in_transaction():
        won = ApplicationParty.filter(id=row.id, status="invited", code_hash=row.code_hash)
        if not await won.update(
            citizen_id=citizen.id,
            status="joined",
            code_hash=None,
            joined_at=dt.datetime.now(dt.UTC),
        ):
            raise invitation_invalid()  # a concurrent join used it first
        part = party_parts.part_of(definition, row.party, row.party)
        verified = {part.identity_field: citizen.id_number, part.name_field: citizen.name}
        app.answers = {**app.answers, **{k: v for k, v in verified.items() if k and v}}
        await app.save(update_fields=["answers", "updated_at"])
        name = (party_parts.named(definition, row.party) or {}).get("name") or {}
        await record_event(
            app,
            "party_joined",
            f"{name.get('zh', row.party)}已加入申请。",
            f"The {name.get('en', row.party)} joined the application.",
        )
    return app


async def decline(citizen: Citizen, application_id: str, reason: str) -> Application:
    """A party declines: the application cannot be submitted, and the others are told why
    (the starter may invite that party again, or someone else in their place)."""
    reason = (reason or "").strip()
    if not 1 <= len(reason) <= MAX_REASON:
        raise invalid_input(
            "/reason",
            f"请说明原因（1 到 {MAX_REASON} 个字）。",
            f"Give a reason of 1 to {MAX_REASON} characters.",
        )
    app = await own_draft(citizen, application_id)
    definition = await definition_of(app)
    found = await party_access.part_for(app, citizen, definition)
    if found is None or found[0].party == found[0].starter:
        raise invalid_input(
            "/applicationId",
            "发起申请的一方不能拒绝，可直接不提交。",
            "The party who started the application does not decline; just do not submit it.",
        )
    part, rows = found
    name = (party_parts.named(definition, part.party) or {}).get("name") or {}
    async with in_transaction():
        await ApplicationParty.filter(
            application_id=app.parent_id or app.id, party=part.party
        ).update(status="declined", decline_reason=reason, decided_at=dt.datetime.now(dt.UTC))
        zh = f"{name.get('zh', part.party)}拒绝了申请，原因：{reason}"
        en = f"The {name.get('en', part.party)} declined the application: {reason}"
        await record_event(app, "party_declined", zh[:300], en[:300])
        await party_access.tell(app, rows, citizen.id, "party_declined", zh[:300], en[:300])
    return app
