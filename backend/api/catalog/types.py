"""GraphQL types of the catalog: matters, their guides, life events, evaluations."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from backend.api.context import Info
from backend.api.regions.types import Region
from backend.api.types import FieldError, LocalizedText, PageInfo
from backend.catalog import evaluation as ev
from backend.catalog import service
from backend.catalog.models import LifeEvent as LifeEventRow
from backend.catalog.models import Matter as MatterRow

T = LocalizedText.of


@strawberry.enum
class MaterialStatus(Enum):
    NOT_REQUIRED = "not_required"
    PROVIDED = "provided"
    SIGNED = "signed"
    UPLOADED = "uploaded"
    TO_SIGN = "to_sign"
    TO_UPLOAD = "to_upload"
    BRING_ORIGINAL = "bring_original"


@strawberry.type
class Department:
    code: str
    name: LocalizedText


@strawberry.type
class LegalBasis:
    title: LocalizedText
    article: str | None


@strawberry.type
class SituationOption:
    value: str
    label: LocalizedText


@strawberry.type(
    description="A 情形 question whose answer selects materials, fees and time limits."
)
class Situation:
    id: str
    question: LocalizedText
    options: list[SituationOption]
    default: str | None


@strawberry.type(description="One way to satisfy a material, in order of preference.")
class MaterialWay:
    kind: str = strawberry.field(
        description="e_license, shared_data, commitment, upload or original."
    )
    license_type: str | None
    source: str | None
    elements: list[str] | None
    commitment_text: LocalizedText | None
    accept: list[str] | None
    max_bytes: int | None
    note: LocalizedText | None


@strawberry.type(
    description="A material as the guide describes it: precise, with why and a sample."
)
class Material:
    id: str
    type: str
    name: LocalizedText
    description: LocalizedText
    why: LocalizedText
    sample: LocalizedText | None
    legal_basis: LegalBasis | None
    required_when: JSON | None = strawberry.field(description="JsonLogic; null means always.")
    ways: list[MaterialWay]


@strawberry.type
class OnSiteStep:
    id: str
    name: LocalizedText
    description: LocalizedText
    why: LocalizedText


@strawberry.type
class Fee:
    id: str
    name: LocalizedText
    amount_cny: float
    basis: LocalizedText | None


@strawberry.type(description="Working days. promisedDays 0 means done on the spot.")
class TimeLimits:
    statutory_days: int
    promised_days: int


@strawberry.type
class Output:
    kind: str
    name: LocalizedText
    license_type: str | None


@strawberry.type
class Contact:
    phone: str | None
    address: LocalizedText | None
    hours: LocalizedText | None


@strawberry.type(description="What a citizen reads before starting, from one published version.")
class Guide:
    version: int
    summary: LocalizedText
    legal_basis: list[LegalBasis]
    situations: list[Situation]
    form_schema: JSON = strawberry.field(description="JSON Schema 2020-12 of the answers.")
    ui_schema: JSON = strawberry.field(description="Presentation hints for the form.")
    eligibility: list[EligibilityRule]
    materials: list[Material]
    on_site_steps: list[OnSiteStep]
    time_limits: TimeLimits
    fees: list[Fee]
    delivery: list[str]
    channels: list[str]
    output: Output
    contact: Contact | None

    @classmethod
    def of(cls, number: int, d: dict[str, Any]) -> Guide:
        def basis(b: dict[str, Any] | None) -> LegalBasis | None:
            return LegalBasis(title=T(b["title"]), article=b.get("article")) if b else None

        def optional(v: Any) -> LocalizedText | None:
            return T(v) if v else None

        return cls(
            version=number,
            summary=T(d.get("summary")),
            legal_basis=[b for b in map(basis, d.get("legal_basis", [])) if b],
            situations=[
                Situation(
                    id=s["id"],
                    question=T(s["question"]),
                    default=s.get("default"),
                    options=[
                        SituationOption(value=o["value"], label=T(o["label"])) for o in s["options"]
                    ],
                )
                for s in d.get("situations", [])
            ],
            form_schema=d["form"]["schema"],
            ui_schema=d["form"].get("ui", {}),
            eligibility=[
                EligibilityRule(
                    id=r["id"], effect=r["effect"], message=T(r["message"]), rule=r["rule"]
                )
                for r in d.get("eligibility", [])
            ],
            materials=[
                Material(
                    id=m["id"],
                    type=m["type"],
                    name=T(m["name"]),
                    description=T(m["description"]),
                    why=T(m["why"]),
                    sample=optional(m.get("sample")),
                    legal_basis=basis(m.get("legal_basis")),
                    required_when=m.get("required_when"),
                    ways=[
                        MaterialWay(
                            kind=w["kind"],
                            license_type=w.get("license_type"),
                            source=w.get("source"),
                            elements=w.get("elements"),
                            commitment_text=optional(w.get("text")),
                            accept=w.get("accept"),
                            max_bytes=w.get("max_bytes"),
                            note=optional(w.get("note")),
                        )
                        for w in m["ways"]
                    ],
                )
                for m in d["materials"]
            ],
            on_site_steps=[
                OnSiteStep(
                    id=s["id"], name=T(s["name"]), description=T(s["description"]), why=T(s["why"])
                )
                for s in d.get("on_site_steps", [])
            ],
            time_limits=TimeLimits(
                statutory_days=d["time_limits"]["statutory_days"],
                promised_days=d["time_limits"]["promised_days"],
            ),
            fees=[
                Fee(
                    id=f["id"],
                    name=T(f["name"]),
                    amount_cny=f["amount_cny"],
                    basis=optional(f.get("basis")),
                )
                for f in d.get("fees", [])
            ],
            delivery=d["delivery"],
            channels=d["channels"],
            output=Output(
                kind=d["output"]["kind"],
                name=T(d["output"]["name"]),
                license_type=d["output"].get("license_type"),
            ),
            contact=Contact(
                phone=d["contact"].get("phone"),
                address=optional(d["contact"].get("address")),
                hours=optional(d["contact"].get("hours")),
            )
            if d.get("contact")
            else None,
        )


@strawberry.type
class EligibilityRule:
    id: str
    effect: str = strawberry.field(
        description="block: cannot apply; warn: may apply, read the message."
    )
    message: LocalizedText
    rule: JSON


@strawberry.type
class Matter:
    code: str
    name: LocalizedText
    kind: str
    audience: str
    department: Department
    region_code: str
    extends: str | None = strawberry.field(
        description="The province template this version localises."
    )
    status: str
    row: strawberry.Private[MatterRow]

    @classmethod
    def of(cls, m: MatterRow) -> Matter:
        return cls(
            code=m.code,
            name=LocalizedText(zh=m.name_zh, en=m.name_en),
            kind=m.kind,
            audience=m.audience,
            department=Department(
                code=m.department_code, name=LocalizedText(zh=m.department_name, en="")
            ),
            region_code=m.region_code,
            extends=m.extends_code,
            status=m.status,
            row=m,
        )

    @strawberry.field(description="The guide of the version published now.")
    async def guide(self, info: Info) -> Guide | None:
        if self.row.published_version_id is None:
            return None
        version = await info.context.loaders.version.load(self.row.published_version_id)
        return Guide.of(version.number, version.definition) if version else None

    @strawberry.field
    async def region(self, info: Info) -> Region | None:
        return await Region.load(info, self.region_code)


@strawberry.type
class MatterEdge:
    cursor: str
    node: Matter


@strawberry.type
class MatterConnection:
    edges: list[MatterEdge]
    page_info: PageInfo


@strawberry.type(
    description="A material needed by several member matters of a life event, asked once."
)
class MergedMaterial:
    type: str
    name: LocalizedText
    description: LocalizedText
    used_by: list[str]


@strawberry.type(description="A life event (一件事): several matters applied for as one.")
class LifeEvent:
    code: str
    name: LocalizedText
    summary: LocalizedText
    promise: LocalizedText | None
    region_code: str
    row: strawberry.Private[LifeEventRow]

    @classmethod
    def of(cls, e: LifeEventRow) -> LifeEvent:
        d = e.definition
        return cls(
            code=e.code,
            name=T(d["name"]),
            summary=T(d.get("summary")),
            promise=T(d["promise"]) if d.get("promise") else None,
            region_code=e.region_code,
            row=e,
        )

    @strawberry.field
    async def matters(self) -> list[Matter]:
        return [Matter.of(m) for m in await service.member_matters(self.row)]

    @strawberry.field(description="Every material of the member matters, each type listed once.")
    async def materials(self, info: Info) -> list[MergedMaterial]:
        merged: dict[str, MergedMaterial] = {}
        for m in await service.member_matters(self.row):
            version = await info.context.loaders.version.load(m.published_version_id)  # type: ignore[arg-type]
            for mat in version.definition["materials"] if version else []:
                item = merged.setdefault(
                    mat["type"],
                    MergedMaterial(
                        type=mat["type"],
                        name=T(mat["name"]),
                        description=T(mat["description"]),
                        used_by=[],
                    ),
                )
                item.used_by.append(m.code)
        return list(merged.values())


@strawberry.type
class RuleOutcome:
    id: str
    passed: bool
    effect: str
    message: LocalizedText


@strawberry.type(description="One material on the applicant's own checklist.")
class ChecklistItem:
    id: str
    name: LocalizedText
    required: bool
    way: str | None = strawberry.field(description="How it is satisfied for this applicant.")
    status: MaterialStatus
    evidence: LocalizedText | None = strawberry.field(
        description="What shows it is satisfied: the e-license, the shared record, the signature or the file."
    )


@strawberry.type(description="One trip the applicant must make, why, and what would spare it.")
class Trip:
    visit: int
    kind: str = strawberry.field(description="original, on_site or pickup.")
    item_id: str
    reason: LocalizedText
    remedy: LocalizedText


@strawberry.type
class FeeDue:
    id: str
    name: LocalizedText
    amount_cny: float


@strawberry.type(description="A matter evaluated for one applicant and their answers.")
class Evaluation:
    eligible: bool
    eligibility: list[RuleOutcome]
    materials: list[ChecklistItem]
    on_site_steps: list[str]
    fees: list[FeeDue]
    promised_days: int
    statutory_days: int
    run_count: int = strawberry.field(description="Trips needed: 0 zero runs, 1 at most once.")
    trips: list[Trip]

    @classmethod
    def of(cls, e: ev.Evaluation) -> Evaluation:
        return cls(
            eligible=e.eligible,
            eligibility=[
                RuleOutcome(id=r.id, passed=r.passed, effect=r.effect, message=T(r.message))
                for r in e.eligibility
            ],
            materials=[
                ChecklistItem(
                    id=m.id,
                    name=T(m.name),
                    required=m.required,
                    way=m.way,
                    status=MaterialStatus(m.status),
                    evidence=T(m.evidence) if m.evidence else None,
                )
                for m in e.materials
            ],
            on_site_steps=e.on_site_steps,
            fees=[FeeDue(id=f.id, name=T(f.name), amount_cny=f.amount_cny) for f in e.fees],
            promised_days=e.promised_days,
            statutory_days=e.statutory_days,
            run_count=e.run_count,
            trips=[
                Trip(
                    visit=t.visit,
                    kind=t.kind,
                    item_id=t.item_id,
                    reason=T(t.reason),
                    remedy=T(t.remedy),
                )
                for t in e.trips
            ],
        )


@strawberry.enum
class EvaluateErrorCode(Enum):
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"


@strawberry.type(description="Why nothing was evaluated; `errors` lists every input problem.")
class EvaluateError:
    code: EvaluateErrorCode
    message: LocalizedText
    errors: list[FieldError]


EvaluateResult = Annotated[Evaluation | EvaluateError, strawberry.union("EvaluateResult")]
