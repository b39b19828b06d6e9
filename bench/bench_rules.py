"""Evaluations per second: our compiled JsonLogic, panzi-json-logic, and hand-written Python.

    .venv/bin/python bench/bench_rules.py [--rounds 7] [--seconds 0.2]

The contenders are measured in turns inside each round (the machine is shared and noisy) and
the best round of each is kept. The table is printed and written to bench/results/rules.md.

The hand-written functions are what a careful developer would write instead of the rule: they
give the rule's answer for any JSON data and never raise, so they check types before comparing
(`age >= 18` raises TypeError on a string). The unchecked one-liner is measured too, for (a).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from json_logic import jsonLogic  # noqa: E402  (panzi-json-logic)

from backend.rules import Engine  # noqa: E402

COUNTIES = frozenset({"330106", "330108"})
RULE_A = {
    "and": [
        {">=": [{"var": "age"}, 18]},
        {"in": [{"var": "hukou.county"}, ["330106", "330108"]]},
    ]
}
DATA_A = {"age": 34, "hukou": {"county": "330108", "street": "文新街道"}}

RULE_B = {
    "if": [
        {"missing": ["applicant.id", "applicant.age"]},
        "incomplete",
        {
            "and": [
                {">=": [{"var": "applicant.age"}, 18]},
                {
                    "or": [
                        {"==": [{"var": "applicant.hukou"}, "330106"]},
                        {"in": [{"var": "applicant.county"}, ["330106", "330108", "330110"]]},
                    ]
                },
                {"<": [{"var": "household.income"}, 50000]},
            ]
        },
        "eligible",
        {"==": [{"var": "applicant.status"}, "pending"]},
        "review",
        "rejected",
    ]
}
DATA_B = {
    "applicant": {"id": "330106199001011234", "age": 34, "hukou": "330102", "county": "330108"},
    "household": {"income": 42000},
}

RULE_C = {"missing": ["a", "b", "c"]}
DATA_C = {"a": 1, "c": ""}


def hand_a(data: dict[str, Any]) -> bool:
    age = data.get("age")
    hukou = data.get("hukou")
    return (
        isinstance(age, int | float)
        and age >= 18
        and isinstance(hukou, dict)
        and hukou.get("county") in COUNTIES
    )


def hand_a_unchecked(data: dict[str, Any]) -> bool:
    return data.get("age", 0) >= 18 and data.get("hukou", {}).get("county") in COUNTIES


COUNTIES_B = frozenset({"330106", "330108", "330110"})


def hand_b(data: dict[str, Any]) -> str:
    applicant = data.get("applicant")
    applicant = applicant if isinstance(applicant, dict) else {}
    if applicant.get("id") in (None, "") or applicant.get("age") in (None, ""):
        return "incomplete"
    age = applicant["age"]
    household = data.get("household")
    income = household.get("income") if isinstance(household, dict) else None
    if (
        isinstance(age, int | float)
        and age >= 18
        and (applicant.get("hukou") == "330106" or applicant.get("county") in COUNTIES_B)
        and isinstance(income, int | float)
        and income < 50000
    ):
        return "eligible"
    if applicant.get("status") == "pending":
        return "review"
    return "rejected"


def hand_c(data: dict[str, Any]) -> list[str]:
    return [key for key in ("a", "b", "c") if data.get(key) in (None, "")]


def nodes(rule: Any) -> int:
    if isinstance(rule, list):
        return sum(nodes(item) for item in rule)
    if isinstance(rule, dict) and len(rule) == 1:
        (args,) = rule.values()
        return 1 + nodes(args if isinstance(args, list) else [args])
    return 1


def rate(function: Callable[[Any], Any], data: Any, seconds: float) -> float:
    """Calls per second over one batch of calls lasting at least `seconds`."""
    batch = 100
    while True:
        start = time.perf_counter()
        for _ in range(batch):
            function(data)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return batch / elapsed
        batch = int(batch * min(10.0, 1.2 * seconds / max(elapsed, 1e-6))) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=0.2)
    options = parser.parse_args()

    engine = Engine()
    cases: list[tuple[str, Any, Any, dict[str, Callable[[Any], Any]]]] = [
        ("(a) age and county", RULE_A, DATA_A, {"hand": hand_a, "unchecked": hand_a_unchecked}),
        (f"(b) {nodes(RULE_B)}-node eligibility", RULE_B, DATA_B, {"hand": hand_b}),
        ("(c) missing a, b, c", RULE_C, DATA_C, {"hand": hand_c}),
    ]
    rows = []
    for name, rule, data, hands in cases:
        contenders = {
            "ours": engine.compile(rule),
            "panzi": lambda data, rule=rule: jsonLogic(rule, data),
            **hands,
        }
        results = {label: function(data) for label, function in contenders.items()}
        assert len({repr(result) for result in results.values()}) == 1, (name, results)
        best = dict.fromkeys(contenders, 0.0)
        for _ in range(options.rounds):
            for label, function in contenders.items():
                best[label] = max(best[label], rate(function, data, options.seconds))
        rows.append((name, best))

    lines = [
        f"Python {platform.python_version()} on {platform.machine()}: evaluations per second, "
        f"best of {options.rounds} interleaved rounds of ~{options.seconds}s.",
        "",
        "| rule | ours (compiled once) | panzi-json-logic | hand-written "
        "| ours/panzi | ours/hand-written |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, best in rows:
        ours, panzi, hand = best["ours"], best["panzi"], best["hand"]
        lines.append(
            f"| {name} | {ours:,.0f} | {panzi:,.0f} | {hand:,.0f} "
            f"| {ours / panzi:.1f}x | {ours / hand:.0%} |"
        )
    unchecked = rows[0][1]["unchecked"]
    lines += [
        "",
        "hand-written: the rule's decision in plain Python, checking types so that it never "
        "raises on JSON input, as the rule does not.",
        f"(a) hand-written without type checks (raises on a string age): {unchecked:,.0f}/s; "
        f"ours is {rows[0][1]['ours'] / unchecked:.0%} of it.",
    ]
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results" / "rules.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    header = "# JsonLogic engine benchmark\n\n`.venv/bin/python bench/bench_rules.py`\n\n"
    out.write_text(header + table + "\n")


if __name__ == "__main__":
    main()
