"""GraphQL types of a matter's test cases: an example applicant, what the draft makes of them,
the zero-run advisor's advice, and the replay of recent applications against the draft."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from backend.api.types import LocalizedText
from backend.authoring import service as authoring
from backend.catalog.service import Problem


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
    party: str | None = strawberry.field(
        default=None, description="Whose trip, in a matter with parties (a party id)."
    )

    @classmethod
    def of(cls, a: authoring.Advice) -> Advice:
        return cls(
            kind=a.kind,
            item_id=a.item_id,
            reason=LocalizedText.of(a.reason),
            remedy=LocalizedText.of(a.remedy),
            fix=a.fix,
            party=a.party,
        )


@strawberry.type(description="One applicant party's run count: the promise holds for each person.")
class TestCaseParty:
    party: str
    name: LocalizedText
    run_count: int


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
    parties: list[TestCaseParty] = strawberry.field(
        description="Each applicant party's run count (the run count is the worst); [] for a one-applicant matter."
    )

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
            parties=[
                TestCaseParty(party=p.party, name=LocalizedText.of(p.name), run_count=p.run_count)
                for p in r.parties
            ],
        )


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
