"""GraphQL types of the catalog: matters, their guides, life events, evaluations."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, cast

import strawberry
from strawberry.scalars import JSON

from backend.api.context import Info
from backend.api.regions.types import Region
from backend.api.types import FieldError, LocalizedText, PageInfo
from backend.catalog import service
from backend.catalog.service import LifeEvent as LifeEventRow
from backend.catalog.service import Matter as MatterRow

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


def L(text: service.Text) -> LocalizedText:
    return LocalizedText(zh=text.zh, en=text.en)


def maybe(text: service.Text | None) -> LocalizedText | None:
    return L(text) if text else None


@strawberry.type
class LegalBasis:
    title: LocalizedText
    article: str | None

    @classmethod
    def of(cls, b: service.LegalBasis) -> LegalBasis:
        return cls(title=L(b.title), article=b.article)


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

    @classmethod
    def of(cls, s: service.Situation) -> Situation:
        # A value may be an integer or a boolean too: String serializes it, as it always has.
        options = [SituationOption(value=cast(str, o.value), label=L(o.label)) for o in s.options]
        return cls(id=s.id, question=L(s.question), options=options, default=cast(str, s.default))


@strawberry.type(description="One way to satisfy a material, in order of preference.")
class MaterialWay:
    kind: str = strawberry.field(
        description="e_license, shared_data, commitment, upload or original."
    )
    license_type: str | None = None
    source: str | None = None
    elements: list[str] | None = None
    commitment_text: LocalizedText | None = None
    accept: list[str] | None = None
    max_bytes: int | None = None
    note: LocalizedText | None = None

    @classmethod
    def of(cls, way: service.Way) -> MaterialWay:
        kind = service.way_kind(way)
        match way:
            case service.ELicenseWay():
                return cls(kind=kind, license_type=way.license_type)
            case service.SharedDataWay():
                return cls(kind=kind, source=way.source, elements=way.elements)
            case service.CommitmentWay():
                return cls(kind=kind, commitment_text=L(way.text))
            case service.UploadWay():
                return cls(kind=kind, accept=way.accept, max_bytes=way.max_bytes)
            case _:
                return cls(kind=kind, note=maybe(way.note))


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

    @classmethod
    def of(cls, m: service.Material) -> Material:
        return cls(
            id=m.id,
            type=m.type,
            name=L(m.name),
            description=L(m.description),
            why=L(m.why),
            sample=L(m.sample),
            legal_basis=LegalBasis.of(m.legal_basis) if m.legal_basis else None,
            required_when=m.required_when,
            ways=[MaterialWay.of(w) for w in m.ways],
        )


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
    def of(cls, number: int, d: service.MatterDefinition) -> Guide:
        c, out, limits = d.contact, d.output, d.time_limits
        return cls(
            version=number,
            summary=L(d.summary),
            legal_basis=[LegalBasis.of(b) for b in d.legal_basis],
            situations=[Situation.of(s) for s in d.situations],
            form_schema=cast(JSON, d.form.schema),
            ui_schema=cast(JSON, d.form.ui),
            eligibility=[
                EligibilityRule(id=r.id, effect=r.effect, message=L(r.message), rule=r.rule)
                for r in d.eligibility
            ],
            materials=[Material.of(m) for m in d.materials],
            on_site_steps=[
                OnSiteStep(id=s.id, name=L(s.name), description=L(s.description), why=L(s.why))
                for s in d.on_site_steps
            ],
            time_limits=TimeLimits(
                statutory_days=limits.statutory_days, promised_days=limits.promised_days
            ),
            fees=[
                Fee(id=f.id, name=L(f.name), amount_cny=f.amount_cny, basis=maybe(f.basis))
                for f in d.fees
            ],
            delivery=list(d.delivery),
            channels=list(d.channels),
            output=Output(kind=out.kind, name=L(out.name), license_type=out.license_type),
            contact=Contact(phone=c.phone, address=L(c.address), hours=L(c.hours)) if c else None,
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
        return Guide.of(version.number, service.compiled(version).definition) if version else None

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
            for mat in service.compiled(version).definition.materials if version else []:
                item = merged.setdefault(
                    mat.type,
                    MergedMaterial(
                        type=mat.type, name=L(mat.name), description=L(mat.description), used_by=[]
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
    def of(cls, e: service.Evaluation) -> Evaluation:
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
