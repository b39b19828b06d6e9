"""The engine against the official jsonlogic.com suite and the community suite.

Community-suite cases that expect a result and use only classic operators are counted
(816 of 1138). We fail 3 of them on purpose, where that suite departs from JavaScript, which
the engine follows:
- {"==": [null, 0]} and {"!=": [null, 0]}: in JavaScript null == 0 is false;
- {"cat": {"merge": [...]}}: classic JsonLogic treats a lone operation as one argument, so cat
  stringifies the merged array ("Hello ,World,!"); the suite spreads it.
"""

import json
from collections.abc import Callable
from typing import Any

from rules_support import CLASSIC_OPERATORS, conformance_file, js_equal

from backend.rules import Engine
from backend.settings import ROOT

OFFICIAL_CASES = 277
COMMUNITY_CASES = 816
COMMUNITY_FLOOR = 813  # raise it when the engine passes more, never lower it


def operators_in(rule: Any) -> set[str]:
    """Every operator a rule uses: the key of each object with exactly one key."""
    if isinstance(rule, list):
        return set().union(*map(operators_in, rule)) if rule else set()
    if isinstance(rule, dict) and len(rule) == 1:
        ((op, args),) = rule.items()
        return {op} | operators_in(args)
    return set()


def failures(cases: list[tuple[Any, ...]]) -> list[str]:
    engine = Engine()
    failed = []
    for rule, data, expected in cases:
        try:
            result = engine.apply(rule, data)
        except Exception as error:  # a failing case is reported, not raised
            result = error
        if not js_equal(result, expected):
            failed.append(f"{json.dumps(rule)} on {json.dumps(data)}: {result!r}, not {expected!r}")
    return failed


def test_every_case_of_the_official_jsonlogic_suite_passes(
    record_property: Callable[[str, object], None],
) -> None:
    suite = json.loads(conformance_file("jsonlogic.com", "tests.json").read_text())
    cases = [tuple(case) for case in suite if not isinstance(case, str)]

    failed = failures(cases)

    passed = len(cases) - len(failed)
    summary = f"official jsonlogic.com: {passed}/{len(cases)}"
    record_property("conformance", summary)
    assert len(cases) == OFFICIAL_CASES
    assert failed == [], summary


def test_community_suite_classic_cases_pass_at_least_the_committed_floor(
    record_property: Callable[[str, object], None],
) -> None:
    suites = conformance_file("compat-tables", "suites")
    cases = []
    for name in json.loads((suites / "index.json").read_text()):
        for case in json.loads((suites / name).read_text()):
            if isinstance(case, str) or "result" not in case:
                continue
            if operators_in(case["rule"]) <= CLASSIC_OPERATORS:
                cases.append((case["rule"], case.get("data"), case["result"]))

    failed = failures(cases)

    passed = len(cases) - len(failed)
    summary = f"community (result expected, classic operators only): {passed}/{len(cases)}"
    record_property("conformance", summary)
    assert len(cases) == COMMUNITY_CASES, summary
    assert passed >= COMMUNITY_FLOOR, "\n".join([summary, *failed])


def test_every_operator_the_rule_builder_offers_passes_all_its_official_cases() -> None:
    """The configurator's builder offers only operators both engines pass: its Vitest suite
    runs the same cases through json-logic-js, this one through ours."""
    offered = set(
        json.loads((ROOT / "configurator" / "src" / "rules" / "operators.json").read_text())
    )
    suite = json.loads(conformance_file("jsonlogic.com", "tests.json").read_text())
    cases = [tuple(c) for c in suite if not isinstance(c, str) and operators_in(c[0]) & offered]

    assert offered <= CLASSIC_OPERATORS and len(cases) > 200
    assert failures(cases) == []
