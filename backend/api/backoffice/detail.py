"""An application in full for the back office (staffApplication): the applicant (masked), the
parties, every answer with its title and provenance, every material with its evidence and, for
an upload, the staff download path; and the window queue's counts by status."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import strawberry
from strawberry.scalars import JSON

from backend.api.context import Info
from backend.api.types import LocalizedText
from backend.applications.service import Application
from backend.backoffice import service
from backend.backoffice.service import Detail


@strawberry.type(description="Who applied, as the window sees them.")
class StaffApplicant:
    name: str
    resident_id: str = strawberry.field(description="Masked: 330106********0311.")
    mobile: str | None = strawberry.field(description="Masked: 138****0001.")


@strawberry.type(description="A party of a multi-party application (多方申请) as staff see it.")
class StaffParty:
    party: str = strawberry.field(description="The matter's party id: seller, buyer…")
    name: LocalizedText
    role: str = strawberry.field(description="applicant, or subject (not a person applying).")
    status: str | None = strawberry.field(
        description="invited, joined, confirmed or declined; null when nobody was invited."
    )
    person_name: str | None = strawberry.field(description="The citizen who plays the party.")


@strawberry.type(description="Where an answer came from when shared data filled it.")
class StaffProvenance:
    source_id: str
    source_name: LocalizedText
    fetched_at: dt.datetime | None
    edited: bool = strawberry.field(description="The applicant changed the value read.")


@strawberry.type(description="One answer of the form, with its title.")
class StaffAnswer:
    field: str
    title: LocalizedText
    value: JSON
    provenance: StaffProvenance | None = strawberry.field(
        description="Set when the value came from shared data (共享数据)."
    )


@strawberry.type(description="An uploaded file, downloaded by staff with their bearer token.")
class StaffFile:
    url: str = strawberry.field(
        description="GET with Authorization: Bearer <staff token>; each download is in the audit log."
    )
    filename: str
    content_type: str
    size: int


@strawberry.type(description="What shows a material is satisfied, or that it is not.")
class StaffEvidence:
    kind: str = strawberry.field(
        description="e_license, shared_data, commitment, upload, deferred (容缺), window_original or missing."
    )
    text: LocalizedText | None = strawberry.field(
        description="The e-license's number and issuer, the shared source and its time, the commitment's full text, the file's name and size."
    )
    file: StaffFile | None = strawberry.field(description="For an upload.")


@strawberry.type(description="One material of the application and its evidence.")
class StaffMaterial:
    id: str
    name: LocalizedText
    status: str = strawberry.field(
        description="provided, signed, uploaded, to_sign, to_upload or bring_original."
    )
    party: str | None = strawberry.field(description="The party who provides it.")
    evidence: StaffEvidence


@strawberry.type(description="How many applications of one status a queue holds.")
class StatusCount:
    status: str
    count: int


def applicant_of(d: Detail) -> StaffApplicant:
    a = d.applicant
    return StaffApplicant(name=a.name, resident_id=a.resident_id, mobile=a.mobile)


def parties_of(d: Detail) -> list[StaffParty]:
    return [
        StaffParty(
            party=p.party,
            name=LocalizedText.of(p.name),
            role=p.role,
            status=p.status,
            person_name=p.person_name,
        )
        for p in d.parties
    ]


def answers_of(d: Detail) -> list[StaffAnswer]:
    return [
        StaffAnswer(
            field=a.field,
            title=LocalizedText.of(a.title),
            value=a.value,
            provenance=StaffProvenance(
                source_id=a.source_id,
                source_name=LocalizedText.of(a.source_name),
                fetched_at=_when(a.fetched_at),
                edited=a.edited,
            )
            if a.source_id
            else None,
        )
        for a in d.answers
    ]


def materials_of(d: Detail) -> list[StaffMaterial]:
    return [
        StaffMaterial(
            id=m.id,
            name=LocalizedText.of(m.name),
            status=m.status,
            party=m.party,
            evidence=StaffEvidence(
                kind=m.kind,
                text=LocalizedText.of(m.text) if m.text else None,
                file=StaffFile(
                    url=m.file.url,
                    filename=m.file.filename,
                    content_type=m.file.content_type,
                    size=m.file.size,
                )
                if m.file
                else None,
            ),
        )
        for m in d.materials
    ]


def _when(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


async def detail_once(info: Info, row: Application, kept: dict[str, Any]) -> Detail:
    """The detail of one application, worked out (and its read recorded in the audit log) once
    however many of its fields a query asks for, even when they resolve at the same time."""
    if "task" not in kept:
        assert info.context.staff is not None
        kept["task"] = asyncio.ensure_future(
            service.application_detail(info.context.staff, row, info.context.services.sharing)
        )
    found: Detail = await kept["task"]
    return found
