"""A department's decision that an application is done: its output e-license issued into the
citizen's wallet, a life event completed with its last member."""

from __future__ import annotations

import uuid

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.models import Application, ApplicationParty
from backend.applications.records import (
    JOINED,
    ApplicationProblem,
    add_event,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    MatterDefinition,
    MatterVersion,
)
from backend.seals import service as seals
from backend.wallet import service as wallet

DELIVERY_NOTES = {
    "express": {
        "zh": "，结果将以快递寄出，寄出后可在此查看快递单号",
        "en": "; the result will be sent by express, with its tracking number here",
    },
    "pickup": {
        "zh": "，请到窗口领取结果（可网上预约）",
        "en": "; pick the result up at the window (you can book a time online)",
    },
}


async def complete(application_id: uuid.UUID) -> Application:
    """A department's decision that the application is done (the back office adds the real
    workflow): its output e-license is issued into the citizen's wallet, where it satisfies
    that material in every other matter; a life event completes with its last member."""
    app = await Application.get(id=application_id)
    if app.status not in ("submitted", "accepted") or app.matter_version_id is None:
        raise ApplicationProblem(
            "NOT_EDITABLE",
            "只有已提交的事项申请可以办结。",
            "Only a submitted matter application can be completed.",
        )
    d = catalog.compiled(await MatterVersion.get(id=app.matter_version_id)).definition
    output, department = d.output, catalog.as_text(d.department.name)
    citizen = await Citizen.get(id=app.citizen_id)
    async with in_transaction():
        if not await Application.filter(id=app.id, status=app.status).update(status="completed"):
            raise ApplicationProblem(
                "CONFLICT", "该申请已被处理。", "The application was already handled."
            )
        if output.license_type:
            holder = await holder_of(app, d, citizen)
            issued = await wallet.issue(
                holder,
                app.id,
                output.license_type,
                department,
                {"matter": app.matter_code, "name": catalog.as_text(output.name)},
            )
            await _seal_certificate(app, d, holder, issued)
            await _cancel_superseded(app, d)
            note = _issued_note(d, holder.citizen.id == citizen.id)
        else:
            note = {"zh": "", "en": ""}
        sending = DELIVERY_NOTES.get(app.delivery_mode or "", {"zh": "", "en": ""})
        note = {lang: note[lang] + sending[lang] for lang in ("zh", "en")}
        await add_event(app, "completed", f"已办结{note['zh']}。", f"Completed{note['en']}.")
        if (
            app.parent_id
            and not await Application.filter(parent_id=app.parent_id)
            .exclude(status="completed")
            .exists()
        ):
            await Application.filter(id=app.parent_id).update(status="completed")
            parent = await Application.get(id=app.parent_id)
            await add_event(
                parent, "completed", "各部门均已办结。", "Every department has completed its part."
            )
    await app.refresh_from_db()
    return app


async def _seal_certificate(
    app: Application, d: MatterDefinition, holder: wallet.Holder, issued: wallet.IssuedLicense
) -> None:
    """The e-license's certificate as a PDF sealed with the issuing department's key (once),
    for the holder to download and anyone to verify."""
    name = catalog.as_text(d.output.name)
    await seals.seal(
        seals.Issue(
            kind="certificate",
            application_id=app.id,
            citizen_id=holder.citizen.id,
            region_code=app.region_code,
            issuer_code=d.department.code,
            issuer_name=catalog.as_text(d.department.name),
            holder_name=holder.name,
            title=name,
            license_type=issued.type,
            license_number=issued.number,
            lines=[
                ("证照名称", "License", name["zh"]),
                ("持证人", "Holder", holder.name),
                ("证件号码", "Resident ID", _masked_id(holder.id_number)),
                ("证照编号", "License number", issued.number),
                ("申请编号", "Application", str(app.id)),
            ],
        )
    )


def _masked_id(id_number: str | None) -> str:
    """A resident ID as printed on a certificate: its region and its last four digits."""
    if not id_number:
        return "—"
    return id_number[:6] + "*" * max(0, len(id_number) - 10) + id_number[-4:]


def _issued_note(d: MatterDefinition, to_starter: bool) -> dict[str, str]:
    name = d.output.name
    party = next((p for p in d.parties if p.id == d.output.holder), None)
    if to_starter or party is None:
        return {
            "zh": f"，{name.zh}已发放到您的电子证照",
            "en": f"; {name.en} is now in your e-license wallet",
        }
    return {
        "zh": f"，{name.zh}已发放到{party.name.zh}的电子证照",
        "en": f"; {name.en} is now in the {party.name.en.lower()}'s e-license wallet",
    }


async def holder_of(app: Application, d: MatterDefinition, starter: Citizen) -> wallet.Holder:
    """Whom the output goes to: the starter, when the matter names no holder; an applicant
    party's own account and resident ID; or a subject (a newborn): held in the child's name
    by the starting guardian, and seen by every other joined applicant party."""
    party = next((p for p in d.parties if p.id == d.output.holder), None)
    if party is None:
        return wallet.Holder(starter, starter.name, starter.id_number)
    answers = app.answers if isinstance(app.answers, dict) else {}
    id_number = answers.get(party.identity_field or "") or None
    rows = await ApplicationParty.filter(
        application_id=app.parent_id or app.id, status__in=JOINED, citizen_id__isnull=False
    )
    if party.role == "applicant":
        row = next((r for r in rows if r.party == party.id), None)
        citizen = await Citizen.get(id=row.citizen_id) if row and row.citizen_id else starter
        return wallet.Holder(citizen, citizen.name, id_number or citizen.id_number)
    name_field = getattr(party, "name_field", None) or ""
    return wallet.Holder(
        starter,
        str(answers.get(name_field) or starter.name),
        id_number,
        [r.citizen_id for r in rows if r.citizen_id and r.citizen_id != starter.id],
        ward=True,
    )


async def _cancel_superseded(app: Application, d: MatterDefinition) -> None:
    """The license the output replaces (the seller's old certificate) is cancelled."""
    s = d.output.supersedes
    answers = app.answers if isinstance(app.answers, dict) else {}
    if s is None or not answers.get(s.number_field):
        return
    party = next((p for p in d.parties if p.id == s.party), None)
    holder = answers.get(party.identity_field or "") if party else None
    if not holder:
        row = await ApplicationParty.get_or_none(
            application_id=app.parent_id or app.id, party=s.party, citizen_id__isnull=False
        )
        found = await Citizen.get_or_none(id=row.citizen_id) if row else None
        holder = found.id_number if found else None
    if holder:
        await wallet.cancel(s.license_type, str(answers[s.number_field]), str(holder), app.id)
