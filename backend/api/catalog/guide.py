"""The guide of a matter: what a citizen reads before starting, from one published version's
typed definition."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.scalars import JSON

from backend.api.types import LocalizedText
from backend.catalog import service

T = LocalizedText.of


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
    party: str | None = strawberry.field(
        description="The party who provides it; null: the party who starts the application."
    )
    deferrable: bool = strawberry.field(
        description="The window may accept the application without it, with a date to bring it (容缺受理)."
    )

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
            party=m.party,
            deferrable=bool(m.deferrable),
        )


@strawberry.type
class OnSiteStep:
    id: str
    name: LocalizedText
    description: LocalizedText
    why: LocalizedText


@strawberry.type
class FeeExemption:
    id: str
    reason: LocalizedText
    legal_basis: LegalBasis


@strawberry.type
class Fee:
    id: str
    name: LocalizedText
    amount_cny: float = strawberry.field(
        description="The fixed amount; 0 for a fee computed from the answers (see formula)."
    )
    basis: LocalizedText | None
    computed: bool = strawberry.field(
        default=False,
        description="Counted from the applicant's answers: the evaluation gives their amount.",
    )
    formula: LocalizedText | None = strawberry.field(
        default=None, description="How a computed fee is counted, in words."
    )
    exemptions: list[FeeExemption] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, f: service.Fee) -> Fee:
        return cls(
            id=f.id,
            name=L(f.name),
            amount_cny=f.amount_cny or 0.0,
            basis=maybe(f.basis),
            computed=f.amount is not None,
            formula=maybe(f.formula),
            exemptions=[
                FeeExemption(id=e.id, reason=L(e.reason), legal_basis=LegalBasis.of(e.legal_basis))
                for e in f.exemptions
            ],
        )


@strawberry.type(description="Working days. promisedDays 0 means done on the spot.")
class TimeLimits:
    statutory_days: int
    promised_days: int


@strawberry.type(
    description="The holder's license of this type and number is cancelled on completion."
)
class Superseded:
    party: str
    license_type: str
    number_field: str = strawberry.field(description="The form field holding its number.")


@strawberry.type
class Output:
    kind: str
    name: LocalizedText
    license_type: str | None
    holder: str | None = strawberry.field(
        default=None,
        description="The party who receives it; null: the party who starts the application.",
    )
    supersedes: Superseded | None = None

    @classmethod
    def of(cls, out: service.Output) -> Output:
        old = out.supersedes
        return cls(
            kind=out.kind,
            name=L(out.name),
            license_type=out.license_type,
            holder=out.holder,
            supersedes=Superseded(
                party=old.party, license_type=old.license_type, number_field=old.number_field
            )
            if old
            else None,
        )


@strawberry.type(
    description="One of the people a matter is done by or for (多方申请): what each fills, brings and confirms."
)
class MatterParty:
    id: str
    name: LocalizedText
    role: str = strawberry.field(
        description="applicant: signs in, fills its part and confirms; subject: the person it is about (a newborn)."
    )
    required: bool = strawberry.field(
        description="Whether submission waits for this party's confirmation (false for a subject)."
    )
    identity_field: str | None
    name_field: str | None
    fields: list[str] = strawberry.field(description="The form fields only this party fills.")
    materials: list[str] = strawberry.field(description="The ids of the materials it provides.")
    confirm: LocalizedText | None = strawberry.field(
        description="What it confirms before submission."
    )
    holds_output: bool = strawberry.field(description="Whether it receives the output.")

    @classmethod
    def of(cls, p: service.Party, d: service.MatterDefinition) -> MatterParty:
        starter = next((q.id for q in d.parties if q.role == "applicant"), None)
        materials = [m.id for m in d.materials if (m.party or starter) == p.id]
        return cls.make(p, materials, (d.output.holder or starter) == p.id)

    @classmethod
    def make(cls, p: service.Party, materials: list[str], holds_output: bool) -> MatterParty:
        return cls(
            id=p.id,
            name=L(p.name),
            role=p.role,
            required=p.role == "applicant" and p.required is not False,
            identity_field=p.identity_field,
            name_field=p.name_field,
            fields=list(p.fields),
            materials=materials,
            confirm=maybe(p.confirm),
            holds_output=holds_output,
        )


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
    parties: list[MatterParty] = strawberry.field(
        description="Who applies and who it is for when there are several; [] for one applicant."
    )

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
            fees=[Fee.of(f) for f in d.fees],
            delivery=list(d.delivery),
            channels=list(d.channels),
            output=Output.of(out),
            contact=Contact(phone=c.phone, address=L(c.address), hours=L(c.hours)) if c else None,
            parties=[MatterParty.of(p, d) for p in d.parties],
        )


@strawberry.type
class EligibilityRule:
    id: str
    effect: str = strawberry.field(
        description="block: cannot apply; warn: may apply, read the message."
    )
    message: LocalizedText
    rule: JSON
