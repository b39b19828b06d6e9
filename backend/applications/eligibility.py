"""The third outcome of an eligibility rule: pending (待填写). A rule that does not pass and
reads an answer not given yet neither passes nor blocks; the server judges it once the answers
it reads are given, and at submit a rule still waiting on a required answer is reported with
the form's errors. (One that passes with an answer missing has passed: it says nothing.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from backend.applications import bundles
from backend.catalog.service import CompiledMatter
from backend.rules import default_engine

_ENGINE = default_engine()
# where a rule reads what the citizen answers; the verified applicant is always known
_ANSWERED = ("answers", "situation")


def reads(rule: Any) -> list[tuple[str, str]]:
    """The answers and situation questions a rule reads: ("answers", field), ("situation", id)."""
    found = set()
    for path in _ENGINE.var_paths(rule):
        where, _, rest = path.partition(".")
        name = rest.split(".")[0]
        if where in _ANSWERED and name:
            found.add((where, name))
    return sorted(found)


def given(value: Any) -> bool:
    return value is not None and value != "" and value != []


def unanswered(
    matter: CompiledMatter, answers: Any, situation: Any
) -> dict[str, list[tuple[str, str]]]:
    """Each eligibility rule waiting for an answer, by id, with what it still waits for."""
    d = matter.definition
    data = {
        "answers": answers if isinstance(answers, Mapping) else {},
        "situation": {
            **{s.id: s.default for s in d.situations if s.default is not None},
            **(situation if isinstance(situation, Mapping) else {}),
        },
    }
    waiting = {}
    for rule in d.eligibility:
        missing = [(w, n) for w, n in reads(rule.rule) if not given(data[w].get(n))]
        if missing:
            waiting[rule.id] = missing
    return waiting


def pending_ids(
    members: Iterable[tuple[str | None, CompiledMatter]], answers: Any, situation: Any
) -> list[str]:
    """The ids of the rules pending now, as the evaluation names them (a life event's
    `<matter>:<rule>`; a member reads its own share of the answers)."""
    ids = []
    for code, matter in members:
        share = bundles.member_inputs(matter.definition, answers, situation)
        for rule_id in unanswered(matter, *share):
            ids.append(f"{code}:{rule_id}" if code else rule_id)
    return ids


def still_required(
    waiting: Mapping[str, Sequence[tuple[str, str]]], required: Iterable[str]
) -> set[str]:
    """At submit, the rules still pending on a required answer (or an unanswered situation
    question): reported with the form's errors. One waiting only on an optional answer left
    empty is judged as it stands."""
    needed = set(required)
    return {
        rule_id
        for rule_id, missing in waiting.items()
        if any(w == "situation" or n in needed for w, n in missing)
    }
