"""A matter evaluated for one applicant: eligibility, their own checklist, fees, time limits
and the trips they must make."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from backend.api.catalog.guide import T
from backend.api.types import FieldError, LocalizedText
from backend.catalog import service


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
    party: str | None = strawberry.field(
        default=None,
        description="The party who provides it (the starter's party when the matter names none); null for a one-applicant matter.",
    )


@strawberry.type(description="One trip the applicant must make, why, and what would spare it.")
class Trip:
    visit: int
    kind: str = strawberry.field(description="original, on_site or pickup.")
    item_id: str
    reason: LocalizedText
    remedy: LocalizedText
    party: str | None = strawberry.field(
        default=None, description="Whose trip it is; null for a one-applicant matter."
    )

    @classmethod
    def of(cls, t: service.Trip) -> Trip:
        return cls(
            visit=t.visit,
            kind=t.kind,
            item_id=t.item_id,
            reason=T(t.reason),
            remedy=T(t.remedy),
            party=t.party,
        )


@strawberry.type(description="One applicant party's own trips: the promise holds for each person.")
class PartyRunCount:
    party: str
    name: LocalizedText
    run_count: int
    trips: list[Trip]


@strawberry.type(description="Why a fee is not due for this applicant, and the law that says so.")
class FeeExempted:
    id: str
    reason: LocalizedText
    basis: LocalizedText


@strawberry.type(description="A fee as this applicant owes it, in yuan.")
class FeeDue:
    id: str
    name: LocalizedText
    amount_cny: float = strawberry.field(
        description="What is owed now: 0 when exempt, or while amountKnown is false."
    )
    amount_known: bool = strawberry.field(
        default=True,
        description="False while a value a computed fee reads (the price, the area) is missing.",
    )
    formula: LocalizedText | None = strawberry.field(
        default=None, description="How a computed fee is counted, in words."
    )
    exemption: FeeExempted | None = None
    basis: LocalizedText | None = strawberry.field(
        default=None, description="The law that sets the fee (收费依据)."
    )

    @classmethod
    def of(cls, f: service.FeeItem) -> FeeDue:
        e = f.exemption
        return cls(
            id=f.id,
            name=T(f.name),
            amount_cny=f.amount_cny,
            amount_known=f.known,
            formula=T(f.formula) if f.formula else None,
            exemption=FeeExempted(id=e.id, reason=T(e.reason), basis=T(e.basis)) if e else None,
            basis=T(f.basis) if f.basis else None,
        )


@strawberry.type(description="A matter evaluated for one applicant and their answers.")
class Evaluation:
    eligible: bool
    eligibility: list[RuleOutcome]
    materials: list[ChecklistItem]
    on_site_steps: list[str]
    fees: list[FeeDue]
    promised_days: int
    statutory_days: int
    run_count: int = strawberry.field(
        description="Trips needed: 0 zero runs, 1 at most once; with parties, the worst party's."
    )
    trips: list[Trip]
    parties: list[PartyRunCount] = strawberry.field(
        description="Each applicant party's run count and trips; [] for a one-applicant matter."
    )

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
                    party=m.party,
                )
                for m in e.materials
            ],
            on_site_steps=e.on_site_steps,
            fees=[FeeDue.of(f) for f in e.fees],
            promised_days=e.promised_days,
            statutory_days=e.statutory_days,
            run_count=e.run_count,
            trips=[Trip.of(t) for t in e.trips],
            parties=[
                PartyRunCount(
                    party=party,
                    name=T(e.party_names.get(party, {"zh": party, "en": party})),
                    run_count=count,
                    trips=[Trip.of(t) for t in e.trips if t.party == party],
                )
                for party, count in e.party_run_counts().items()
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
