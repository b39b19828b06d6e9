from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from backend.api.types import LocalizedText
from backend.authoring import service as authoring
from backend.authoring.service import Change
from backend.catalog.service import MatterVersion, Problem


@strawberry.enum(description="DRAFT: never published yet.")
class AuthoringStatus(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


@strawberry.type(description="One thing wrong with (or worth knowing about) a draft.")
class AuthoringProblem:
    path: str = strawberry.field(
        description='JSON pointer, e.g. "/materials/2/ways"; "" for the whole document; into the document or, for a localisation checked after merging with its template, into `effective` (see pointsInto).'
    )
    message: str
    message_zh: str | None = strawberry.field(
        description="The same in Chinese, where the wording is known; show message otherwise."
    )
    severity: str = strawberry.field(description="error | warning | info")

    points_into: str = strawberry.field(
        description="document | effective: which of the two `path` points into."
    )

    @classmethod
    def of(cls, p: Problem, in_effective: bool = False) -> AuthoringProblem:
        return cls(
            path=p.pointer,
            message=p.message,
            message_zh=p.message_zh or None,
            severity=p.severity,
            points_into="effective" if in_effective else "document",
        )


@strawberry.type(description="One difference between two documents.")
class DiffEntry:
    path: str = strawberry.field(description="JSON pointer.")
    op: str = strawberry.field(description="add | remove | replace")
    before: JSON | None
    after: JSON | None

    @classmethod
    def of(cls, c: Change) -> DiffEntry:
        return cls(path=c.path, op=c.op, before=c.before, after=c.after)


@strawberry.type
class VersionInfo:
    number: int
    note: str
    author: str
    published_at: dt.datetime

    @classmethod
    def of(cls, v: MatterVersion) -> VersionInfo:
        return cls(number=v.number, note=v.note, author=v.author, published_at=v.published_at)


@strawberry.type(description="The template published versions since this localisation was.")
class TemplateChange:
    from_version: int
    to_version: int
    diff: list[DiffEntry]


@strawberry.type
class TestExpectation:
    eligible: bool
    materials: list[str] | None = strawberry.field(
        description="Ids of the required materials, in any order; null: not checked."
    )
    run_count: int | None


@strawberry.type(description="An example applicant and what the matter should make of them.")
class TestCase:
    id: strawberry.ID
    name: str
    profile: JSON
    e_licenses: list[str]
    shared_sources: list[str]
    situation: JSON
    answers: JSON
    expected: TestExpectation

    @classmethod
    def of(cls, c: authoring.Case) -> TestCase:
        e = c.expected or {}
        return cls(
            id=strawberry.ID(str(c.id)),
            name=c.name,
            profile=cast(JSON, c.profile),
            e_licenses=list(c.e_licenses),
            shared_sources=list(c.shared_sources),
            situation=cast(JSON, c.situation),
            answers=cast(JSON, c.answers),
            expected=TestExpectation(
                eligible=e.get("eligible", True),
                materials=e.get("materials"),
                run_count=e.get("run_count"),
            ),
        )


@strawberry.type(description="A trip the applicant still makes, and the change that removes it.")
class Advice:
    kind: str = strawberry.field(description="original | on_site | pickup")
    item_id: str = strawberry.field(description='Material id, step id or "delivery".')
    reason: LocalizedText
    remedy: LocalizedText
    fix: str | None = strawberry.field(
        description="offer_e_license | allow_upload | accept_commitment | deliver_by_express; null when nothing can be changed (an on-site step the law requires). applyAdvice makes it."
    )

    @classmethod
    def of(cls, a: authoring.Advice) -> Advice:
        return cls(
            kind=a.kind,
            item_id=a.item_id,
            reason=LocalizedText.of(a.reason),
            remedy=LocalizedText.of(a.remedy),
            fix=a.fix,
        )


@strawberry.type(description="A test case run against the draft, with the zero-run advisor.")
class TestCaseResult:
    case_id: strawberry.ID | None
    name: str
    passed: bool
    mismatches: list[str]
    error: str | None
    eligible: bool | None
    failed_rules: list[str]
    materials: list[str]
    run_count: int | None
    trips: list[Advice]

    @classmethod
    def of(cls, r: authoring.CaseResult) -> TestCaseResult:
        return cls(
            case_id=strawberry.ID(str(r.case.id)) if r.case.id is not None else None,
            name=r.case.name,
            passed=r.passed,
            mismatches=r.mismatches,
            error=r.error,
            eligible=r.eligible,
            failed_rules=r.failed_rules,
            materials=r.materials,
            run_count=r.run_count,
            trips=[Advice.of(t) for t in r.trips],
        )


@strawberry.type
class AuthoredMatterSummary:
    code: str
    name: LocalizedText
    status: AuthoringStatus
    has_draft: bool
    extends: str | None
    needs_review: bool
    latest_version: int | None
    run_count: int | None = strawberry.field(
        description="Worst case (no e-license, no shared data) of the draft, else of the published version; null while the draft has errors."
    )
    updated_at: dt.datetime

    @classmethod
    def of(cls, s: authoring.Summary) -> AuthoredMatterSummary:
        return cls(
            code=s.code,
            name=LocalizedText.of(s.name),
            status=AuthoringStatus(s.status),
            has_draft=s.has_draft,
            extends=s.extends,
            needs_review=s.needs_review,
            latest_version=s.latest_version,
            run_count=s.run_count,
            updated_at=s.updated_at,
        )


@strawberry.type
class AuthoredMatterPage:
    items: list[AuthoredMatterSummary]
    next_cursor: str | None


@strawberry.type(description="A matter as its author sees it: draft, checks, tests, history.")
class AuthoredMatter:
    code: str
    status: AuthoringStatus
    has_draft: bool
    extends: str | None
    needs_review: bool
    document: JSON = strawberry.field(
        description="As authored (a localisation holds only its changes): the draft, else the latest published source."
    )
    effective: JSON | None = strawberry.field(
        description="The template merged with the document; null when they cannot be merged."
    )
    template: JSON | None
    template_diff: list[DiffEntry]
    template_change: TemplateChange | None
    problems: list[AuthoringProblem]
    test_cases: list[TestCase]
    test_results: list[TestCaseResult]
    versions: list[VersionInfo] = strawberry.field(description="Newest first.")
    run_count: int | None

    @classmethod
    def of(cls, ws: authoring.Workspace) -> AuthoredMatter:
        change = ws.template_change
        return cls(
            code=ws.code,
            status=AuthoringStatus(ws.status),
            has_draft=ws.has_draft,
            extends=ws.extends,
            needs_review=change is not None,
            document=cast(JSON, ws.document),
            effective=cast(JSON, ws.effective),
            template=cast(JSON, ws.template),
            template_diff=[DiffEntry.of(c) for c in ws.template_diff()],
            template_change=TemplateChange(
                from_version=change[0],
                to_version=change[1],
                diff=[DiffEntry.of(c) for c in change[2]],
            )
            if change
            else None,
            problems=[AuthoringProblem.of(p, ws.problems_in_effective) for p in ws.problems],
            test_cases=[TestCase.of(authoring.case_of(c)) for c in ws.cases],
            test_results=[TestCaseResult.of(r) for r in ws.results],
            versions=[VersionInfo.of(v) for v in ws.versions],
            run_count=authoring.worst_run_count(ws.compiled) if ws.compiled else None,
        )


@strawberry.type(
    description="Why nothing changed; problems and failing tests, when any, say where."
)
class AuthoringError:
    code: str = strawberry.field(
        description="NOT_FOUND | INVALID | CONFLICT | HAS_ERRORS | TESTS_FAILING | NOTHING_TO_PUBLISH"
    )
    message: LocalizedText
    problems: list[AuthoringProblem]
    failing_tests: list[TestCaseResult]

    @classmethod
    def of(cls, p: authoring.AuthoringProblem) -> AuthoringError:
        return cls(
            code=p.code,
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            problems=[AuthoringProblem.of(x) for x in p.problems],
            failing_tests=[TestCaseResult.of(r) for r in p.failing],
        )


AuthoringResult = Annotated[AuthoredMatter | AuthoringError, strawberry.union("AuthoringResult")]


@strawberry.type
class PublishedMatter:
    matter: AuthoredMatter
    version: int


PublishResult = Annotated[PublishedMatter | AuthoringError, strawberry.union("PublishResult")]


@strawberry.type
class TemplateSummary:
    code: str
    name: LocalizedText
    region_code: str
    department: LocalizedText
    localised_as: str | None = strawberry.field(
        description="The code of your region's localisation, when there is one."
    )


@strawberry.type(description="A data element of the dictionary (elements.json).")
class DataElement:
    key: str
    name: LocalizedText
    type: str
    format: str | None
    profile_key: str | None = strawberry.field(
        description="Available in rules as applicant.<profileKey>."
    )
    schema: JSON = strawberry.field(description="A form field for this element, ready to add.")

    @classmethod
    def of(cls, e: dict[str, Any]) -> DataElement:
        return cls(
            key=e["key"],
            name=LocalizedText.of(e["name"]),
            type=e["type"],
            format=e.get("format"),
            profile_key=e.get("profile_key"),
            schema=cast(JSON, field_schema(e)),
        )


def field_schema(e: dict[str, Any]) -> dict[str, Any]:
    """The form property a matter declares for this element (a date is a string of format date)."""
    schema: dict[str, Any] = {
        "title": e["name"]["zh"],
        "x-title-en": e["name"]["en"],
        "type": "string" if e["type"] == "date" else e["type"],
    }
    if e.get("format"):
        schema["format"] = e["format"]
    if e.get("max_length"):
        schema["maxLength"] = e["max_length"]
    return schema


@strawberry.type
class Department:
    code: str
    name: LocalizedText


@strawberry.type
class LicenseTypeInfo:
    type: str
    name: LocalizedText


@strawberry.type
class SharedSourceInfo:
    id: str
    name: LocalizedText
    elements: list[str]


@strawberry.type(description="The region's recent applications evaluated again against the draft.")
class ReplayReport:
    checked: int
    eligibility_changed: int
    materials_changed: int
    examples: list[str]


@strawberry.input
class TestExpectationInput:
    eligible: bool
    materials: list[str] | None = None
    run_count: int | None = None


@strawberry.input
class TestCaseInput:
    id: strawberry.ID | None = None
    name: str
    profile: JSON
    e_licenses: list[str] = strawberry.field(default_factory=list)
    shared_sources: list[str] = strawberry.field(default_factory=list)
    # Optional rather than defaulting to {}: graphql-core cannot write an object default of a
    # custom scalar in an introspection answer (`defaultValue`), which failed the whole query.
    situation: JSON | None = strawberry.field(default=None, description="Default: {}.")
    answers: JSON | None = strawberry.field(default=None, description="Default: {}.")
    expected: TestExpectationInput | None = None

    def case(self) -> authoring.Case:
        given: dict[str, object] = {
            "profile": self.profile,
            "situation": {} if self.situation is None else self.situation,
            "answers": {} if self.answers is None else self.answers,
        }
        for key, value in given.items():
            if not isinstance(value, dict):
                raise authoring.AuthoringProblem(
                    "INVALID",
                    f"测试用例的 {key} 须是 JSON 对象。",
                    f"The test case's {key} must be a JSON object.",
                    [Problem("testCase", f"/{key}", "not a JSON object")],
                )
        e = self.expected
        return authoring.Case(
            id=int(self.id) if self.id is not None and str(self.id).isdigit() else None,
            name=self.name,
            profile=cast(dict[str, Any], given["profile"]),
            e_licenses=self.e_licenses,
            shared_sources=self.shared_sources,
            situation=cast(dict[str, Any], given["situation"]),
            answers=cast(dict[str, Any], given["answers"]),
            expected={"eligible": e.eligible, "materials": e.materials, "run_count": e.run_count}
            if e
            else None,
        )


@strawberry.input
class LocalizedTextInput:
    zh: str
    en: str


@strawberry.type(
    description="A life event (一件事) of my region: several matters applied for as one."
)
class AuthoredLifeEvent:
    code: str
    name: LocalizedText
    matters: list[str]
    document: JSON


LifeEventResult = Annotated[AuthoredLifeEvent | AuthoringError, strawberry.union("LifeEventResult")]
