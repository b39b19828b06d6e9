"""The effective definition of a matter, typed: generated from matter.schema.json, do not edit.

Regenerate with `.venv/bin/python scripts/generate_definition_model.py` (its docstring says what
the generator reads); tests/catalog/test_definition_model.py fails when this file is stale.
Parse a definition with `backend.catalog.definitions.parse_definition`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from msgspec import Meta, Struct, field


class Text(Struct, forbid_unknown_fields=True):
    zh: Annotated[str, Meta(min_length=1, pattern="\\S")]
    en: str


Rule: TypeAlias = Any


MatterCode: TypeAlias = Annotated[str, Meta(pattern="^[0-9]{6}-[A-Z0-9]{2,12}-[0-9]{3,6}$")]


RegionCode: TypeAlias = Annotated[str, Meta(pattern="^[0-9]{6}$")]


Identifier: TypeAlias = Annotated[str, Meta(max_length=64, pattern="^[a-z][a-z0-9_]*$")]


LicenseType: TypeAlias = Identifier


DataSource: TypeAlias = Identifier


ElementKey: TypeAlias = Identifier


Keyword: TypeAlias = Annotated[str, Meta(max_length=30, min_length=1)]


Keywords: TypeAlias = list[Keyword]


Article: TypeAlias = Annotated[str, Meta(min_length=1)]


class LegalBasis(Struct, forbid_unknown_fields=True):
    title: Text
    article: Article | None = None


LegalBasisList: TypeAlias = Annotated[list[LegalBasis], Meta(min_length=1)]


Kind: TypeAlias = Literal[
    "administrative_license",
    "administrative_confirmation",
    "administrative_payment",
    "public_service",
    "other_power",
]


Audience: TypeAlias = Literal["citizen", "business"]


class Department(Struct, forbid_unknown_fields=True):
    code: Annotated[str, Meta(pattern="^[0-9]{6}-[A-Z0-9]{2,12}$")]
    name: Text


SituationValue: TypeAlias = str | int | bool


class SituationOption(Struct, forbid_unknown_fields=True):
    value: SituationValue
    label: Text


class Situation(Struct, forbid_unknown_fields=True):
    id: Identifier
    question: Text
    options: Annotated[list[SituationOption], Meta(min_length=2)]
    default: SituationValue | None = None


class Party(Struct, forbid_unknown_fields=True):
    id: Identifier
    name: Text
    role: Literal["applicant", "subject"]
    required: bool | None = None
    identity_field: Identifier | None = None
    name_field: Identifier | None = None
    fields: list[Identifier] = field(default_factory=list)
    confirm: Text | None = None


FormSchema: TypeAlias = dict[str, Any]


UiSchema: TypeAlias = dict[str, Any]


class Form(Struct, forbid_unknown_fields=True):
    schema: FormSchema
    ui: UiSchema


class EligibilityRule(Struct, forbid_unknown_fields=True):
    id: Identifier
    rule: Rule
    message: Text
    effect: Literal["block", "warn"]


class ELicenseWay(Struct, forbid_unknown_fields=True, tag_field="kind", tag="e_license"):
    license_type: LicenseType


class SharedDataWay(Struct, forbid_unknown_fields=True, tag_field="kind", tag="shared_data"):
    source: DataSource
    elements: Annotated[list[ElementKey], Meta(min_length=1)]


class CommitmentWay(Struct, forbid_unknown_fields=True, tag_field="kind", tag="commitment"):
    text: Text


AcceptItem: TypeAlias = Annotated[str, Meta(pattern="^[a-z]+/[a-z0-9.+-]+$")]


MaxBytes: TypeAlias = Annotated[int, Meta(ge=1)]


class UploadWay(Struct, forbid_unknown_fields=True, tag_field="kind", tag="upload"):
    accept: Annotated[list[AcceptItem], Meta(min_length=1)]
    max_bytes: MaxBytes | None = None


Copies: TypeAlias = Annotated[int, Meta(ge=0)]


class OriginalWay(Struct, forbid_unknown_fields=True, tag_field="kind", tag="original"):
    copies: Copies | None = None
    note: Text | None = None


class OnSiteStep(Struct, forbid_unknown_fields=True):
    id: Identifier
    name: Text
    description: Text
    why: Text
    required_when: Rule = None


class TimeLimitOverride(Struct, forbid_unknown_fields=True):
    when: Rule
    promised_days: Annotated[int, Meta(ge=0)]
    note: Text


class TimeLimits(Struct, forbid_unknown_fields=True):
    statutory_days: Annotated[int, Meta(ge=0)]
    promised_days: Annotated[int, Meta(ge=0)]
    overrides: list[TimeLimitOverride] = field(default_factory=list)


class FeeExemption(Struct, forbid_unknown_fields=True):
    id: Identifier
    when: Rule
    reason: Text
    legal_basis: LegalBasis


AmountCny: TypeAlias = Annotated[float, Meta(ge=0.0, le=100000000.0)]


class Fee(Struct, forbid_unknown_fields=True):
    id: Identifier
    name: Text
    amount_cny: AmountCny | None = None
    amount: Rule = None
    formula: Text | None = None
    exemptions: list[FeeExemption] = field(default_factory=list)
    when: Rule = None
    basis: Text | None = None


Delivery: TypeAlias = Annotated[
    list[Literal["e_license", "express", "pickup", "none"]], Meta(min_length=1)
]


Channels: TypeAlias = Annotated[
    list[Literal["mini_program", "web", "window", "self_service_kiosk"]], Meta(min_length=1)
]


class Automatic(Struct, forbid_unknown_fields=True):
    sample_rate: Annotated[float, Meta(ge=0.0, le=1.0)]


class Review(Struct, forbid_unknown_fields=True):
    in_: Literal["workbench", "own_system"] = field(name="in")


class Supersedes(Struct, forbid_unknown_fields=True):
    party: Identifier
    license_type: LicenseType
    number_field: Identifier


class Output(Struct, forbid_unknown_fields=True):
    kind: Literal["e_license", "certificate", "decision", "registration", "none"]
    name: Text
    license_type: LicenseType | None = None
    holder: Identifier | None = None
    supersedes: Supersedes | None = None


class Contact(Struct, forbid_unknown_fields=True):
    phone: Annotated[str, Meta(pattern="^[0-9][0-9-]{3,19}$")]
    address: Text
    hours: Text


Way: TypeAlias = ELicenseWay | SharedDataWay | CommitmentWay | UploadWay | OriginalWay


Ways: TypeAlias = Annotated[list[Way], Meta(min_length=1)]


class Material(Struct, forbid_unknown_fields=True):
    id: Identifier
    type: Annotated[str, Meta(max_length=100, pattern="^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")]
    name: Text
    description: Text
    why: Text
    sample: Text
    ways: Ways
    legal_basis: LegalBasis | None = None
    required_when: Rule = None
    party: Identifier | None = None
    deferrable: bool | None = None


class MatterDefinition(Struct, forbid_unknown_fields=True):
    code: MatterCode
    name: Text
    summary: Text
    kind: Kind
    audience: Audience
    department: Department
    region: RegionCode
    legal_basis: LegalBasisList
    form: Form
    materials: list[Material]
    time_limits: TimeLimits
    delivery: Delivery
    channels: Channels
    output: Output
    extends: MatterCode | None = None
    keywords: Keywords = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    eligibility: list[EligibilityRule] = field(default_factory=list)
    on_site_steps: list[OnSiteStep] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)
    automatic: Automatic | None = None
    review: Review | None = None
    contact: Contact | None = None
