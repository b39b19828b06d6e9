"""The fees one applicant owes: a fixed amount, or an amount rule over the answers (契税 =
成交价 × 税率), unless an exemption holds.

Money is counted in fen (分, integers), as the payment platforms count it: a rule's amount in
yuan is rounded half up to the fen once, here, and every later sum adds integers. An amount rule
is only trusted when every value it reads is given: before the applicant has entered the price,
`{"*": [null, 0.01]}` would be 0 by JavaScript's rules, which is not what they will owe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from backend.catalog.definition_model import Fee, FeeExemption
from backend.catalog.definitions import as_text
from backend.rules import default_engine
from backend.rules.js import to_number, truthy

Text = dict[str, str]
Rule = Callable[[Any], Any]
MAX_FEN = 10_000_000_000  # 1 亿元: the meta-schema's bound on a fixed amount, kept by rules too


@dataclass(frozen=True)
class Exemption:
    id: str
    reason: Text
    basis: Text  # the legal basis, title and article in one line


@dataclass(frozen=True)
class FeeItem:
    id: str
    name: Text
    amount_cny: float  # what is owed now: 0 when exempt, or while the amount is not known
    formula: Text | None = None  # how a computed fee is counted, in words
    exemption: Exemption | None = None
    known: bool = True  # False while a value the amount rule reads is missing
    basis: Text | None = None  # the law that sets the fee (收费依据)

    @property
    def amount_fen(self) -> int:
        return round(self.amount_cny * 100)


def fee_rules(fee: Fee) -> dict[str, Any]:
    """The rules of one fee by key under `fees/<id>`, beside its `when`."""
    rules: dict[str, Any] = {}
    if fee.amount is not None:
        rules[f"fees/{fee.id}/amount"] = fee.amount
    for e in fee.exemptions:
        rules[f"fees/{fee.id}/exemptions/{e.id}"] = e.when
    return rules


def fee_item(fee: Fee, rule: Callable[[str], Rule], data: Mapping[str, Any]) -> FeeItem:
    """The fee as this applicant owes it; `rule(key)` is the compiled rule of `fee_rules`."""
    name, formula = as_text(fee.name), as_text(fee.formula) if fee.formula else None
    basis = as_text(fee.basis) if fee.basis else None
    for e in fee.exemptions:
        if truthy(rule(f"fees/{fee.id}/exemptions/{e.id}")(data)):
            return FeeItem(fee.id, name, 0.0, formula, _exemption(e), basis=basis)
    if fee.amount is None:
        return FeeItem(fee.id, name, fee.amount_cny or 0.0, basis=basis)
    if not all(_given(data, path) for path in default_engine().var_paths(fee.amount)):
        return FeeItem(fee.id, name, 0.0, formula, known=False, basis=basis)
    fen = to_fen(rule(f"fees/{fee.id}/amount")(data))
    if fen is None:
        return FeeItem(fee.id, name, 0.0, formula, known=False, basis=basis)
    return FeeItem(fee.id, name, fen / 100, formula, basis=basis)


def to_fen(value: Any) -> int | None:
    """A rule's amount in yuan as whole fen, half up; None unless a finite amount in bounds."""
    number = to_number(value)
    if not math.isfinite(number) or not 0 <= number * 100 <= MAX_FEN:
        return None
    try:
        return int(Decimal(repr(number)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return None


def _given(data: Any, path: str) -> bool:
    node = data
    for part in path.split("."):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return node is not None and node != ""


def _exemption(e: FeeExemption) -> Exemption:
    article = f"{e.legal_basis.article}" if e.legal_basis.article else ""
    basis = {
        "zh": f"{e.legal_basis.title.zh}{article}",
        "en": f"{e.legal_basis.title.en} {article}".strip(),
    }
    return Exemption(e.id, as_text(e.reason), basis)
