from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from backend.api.types import LocalizedText
from backend.backoffice.service import StaffRead
from backend.datasources.service import Consent as ConsentRow
from backend.datasources.service import DataAccess, Source
from backend.datasources.service import DataPull as PullRow

T = LocalizedText.of


@strawberry.type(
    description="A record of the citizen's consent to one data set for one application."
)
class Consent:
    id: strawberry.ID
    source_id: str
    application_id: strawberry.ID
    purpose: LocalizedText
    department: LocalizedText
    granted_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None

    @classmethod
    def of(cls, c: ConsentRow) -> Consent:
        return cls(
            id=strawberry.ID(str(c.id)),
            source_id=c.source_id,
            application_id=strawberry.ID(str(c.application_id)),
            purpose=T(c.purpose["purpose"]),
            department=T(c.purpose["department"]),
            granted_at=c.granted_at,
            expires_at=c.expires_at,
            revoked_at=c.revoked_at,
        )


@strawberry.type(description="How the last read of a data set went.")
class Pull:
    status: str = strawberry.field(description="ok, no_record, failed or revoked.")
    reason: LocalizedText | None
    fetched_at: dt.datetime

    @classmethod
    def of(cls, p: PullRow) -> Pull:
        return cls(
            status=p.status, reason=T(p.reason) if p.reason else None, fetched_at=p.fetched_at
        )


@strawberry.type(
    description="A data set this application may read, shown before the citizen consents."
)
class DataSet:
    source_id: str
    name: LocalizedText
    department: LocalizedText
    purpose: LocalizedText
    legal_basis: list[LocalizedText]
    elements: list[str]
    consent: Consent | None
    last_pull: Pull | None

    @classmethod
    def of(cls, s: Source, consent: ConsentRow | None, pull: PullRow | None) -> DataSet:
        basis = [
            LocalizedText(
                zh=f"{b['title']['zh']}{b.get('article', '')}",
                en=f"{b['title']['en']} {b.get('article', '')}".strip(),
            )
            for b in s.legal_basis
        ]
        return cls(
            source_id=s.id,
            name=T(s.name),
            department=T(s.department["name"]),
            purpose=T(s.purpose),
            legal_basis=basis,
            elements=list(s.elements),
            consent=Consent.of(consent) if consent else None,
            last_pull=Pull.of(pull) if pull else None,
        )


@strawberry.type(description="A form value that came from shared data, and where from.")
class PrefilledValue:
    field: str
    value: JSON
    source_id: str
    fetched_at: str
    consent_id: strawberry.ID
    edited: bool


@strawberry.type(description="One read of the citizen's data: by whom, from which source, when.")
class AccessEntry:
    source_id: str
    accessor: str
    purpose: str
    outcome: str
    from_cache: bool
    at: dt.datetime

    @classmethod
    def of(cls, a: DataAccess) -> AccessEntry:
        return cls(
            source_id=a.source_id,
            accessor=a.accessor,
            purpose=a.purpose,
            outcome=a.outcome,
            from_cache=a.from_cache,
            at=a.at,
        )


@strawberry.type(description="An electronic license the citizen holds, or sees as a guardian.")
class ELicense:
    type: str
    number: str
    holder_name: str
    issuer: LocalizedText
    issued_on: str | None
    valid_until: str | None
    issued_by_zerorun: bool
    status: str = strawberry.field(
        default="current",
        description="current, or cancelled: a later output superseded it (the old real-estate certificate once the home is transferred).",
    )
    held_for: str | None = strawberry.field(
        default=None,
        description="The ward's name when I see it as a guardian (a newborn's documents); null when it is mine.",
    )


READS = {
    "application.read": (
        "查看了办件详情（含共享数据）",
        "read the application (with its shared data)",
    ),
    "file.read": ("查看了上传的材料", "read an uploaded material"),
    "task.result_file_read": ("查看了审批结果文件", "read the review's result file"),
}
READERS = {
    "window_clerk": ("综合受理窗口", "the one window"),
    "reviewer": ("审批部门", "a reviewing department"),
    "supervisor": ("督察人员", "supervision"),
    "county_admin": ("县级管理员", "a county administrator"),
    "agent": ("代办员", "an agent"),
    "system": ("部门业务系统", "a department's own system"),
}


@strawberry.type(
    description="One read of my applications, files or shared data by government staff or a department's system: which office read what, when (the staff member's name stays in the audit log, for supervisors)."
)
class StaffReadEntry:
    id: strawberry.ID = strawberry.field(description="Pass as `before` for the older page.")
    at: dt.datetime
    action: str = strawberry.field(
        description="application.read, file.read, task.result_file_read."
    )
    what: LocalizedText
    application_id: strawberry.ID | None
    material_id: str | None
    reader_role: str = strawberry.field(
        description="The reader's role as staff accounts name it (window_clerk for the one window…); system for a department's own system."
    )
    reader_department: str | None = strawberry.field(description="The department's code.")
    reader_region: str | None = strawberry.field(description="The reader's county (region code).")
    reader: LocalizedText = strawberry.field(description="The role as a sentence shows it.")

    @classmethod
    def of(cls, r: StaffRead) -> StaffReadEntry:
        what = READS.get(r.action, ("查看了您的数据", "read your data"))
        reader = READERS.get(r.reader.role, ("工作人员", "staff"))
        return cls(
            id=strawberry.ID(str(r.id)),
            at=r.at,
            action=r.action,
            what=LocalizedText(zh=what[0], en=what[1]),
            application_id=strawberry.ID(str(r.application_id)) if r.application_id else None,
            material_id=r.material_id,
            reader_role=r.reader.role,
            reader_department=r.reader.department_code,
            reader_region=r.reader.region_code,
            reader=LocalizedText(zh=reader[0], en=reader[1]),
        )
