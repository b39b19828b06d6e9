"""GraphQL types of authoring: a matter as its author sees it, its problems, versions and
results; test cases (cases.py) and the dictionary (dictionary.py) are re-exported here."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, ClassVar, cast

import strawberry
from strawberry.scalars import JSON

from backend.api.authoring.cases import ReplayReport, TestCase, TestCaseInput, TestCaseResult
from backend.api.authoring.dictionary import (
    DataElement,
    Department,
    LicenseTypeInfo,
    SharedSourceInfo,
    TemplateSummary,
)
from backend.api.errors import Problems
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


@strawberry.enum(description="Why an authoring step changed nothing.")
class AuthoringErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="No such matter (or version) in my region."
    )
    INVALID = strawberry.enum_value(
        "INVALID", description="The document or input is not acceptable; problems say where."
    )
    CONFLICT = strawberry.enum_value(
        "CONFLICT", description="It clashes with what exists, e.g. a code already taken."
    )
    HAS_ERRORS = strawberry.enum_value(
        "HAS_ERRORS", description="The draft still has errors; problems say where."
    )
    TESTS_FAILING = strawberry.enum_value(
        "TESTS_FAILING", description="Test cases fail; failingTests says which and why."
    )
    NOTHING_TO_PUBLISH = strawberry.enum_value(
        "NOTHING_TO_PUBLISH", description="There are no unpublished changes."
    )


@strawberry.type(
    description="Why nothing changed; problems and failing tests, when any, say where."
)
class AuthoringError:
    problem: ClassVar[Problems] = authoring.AuthoringProblem
    code: AuthoringErrorCode
    message: LocalizedText
    problems: list[AuthoringProblem]
    failing_tests: list[TestCaseResult]

    @classmethod
    def of(cls, p: authoring.AuthoringProblem) -> AuthoringError:
        return cls(
            code=AuthoringErrorCode(p.code),
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


__all__ = [
    "AuthoredLifeEvent",
    "AuthoredMatter",
    "AuthoredMatterPage",
    "AuthoredMatterSummary",
    "AuthoringError",
    "AuthoringProblem",
    "AuthoringResult",
    "AuthoringStatus",
    "DataElement",
    "Department",
    "DiffEntry",
    "LicenseTypeInfo",
    "LifeEventResult",
    "LocalizedTextInput",
    "PublishResult",
    "PublishedMatter",
    "ReplayReport",
    "SharedSourceInfo",
    "TemplateChange",
    "TemplateSummary",
    "TestCaseInput",
    "TestCaseResult",
    "VersionInfo",
]
