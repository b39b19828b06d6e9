"""The catalog's promise checked at lint time: how many trips a matter costs the applicant who
holds nothing (no e-license, no shared data), in every combination of its situations."""

from __future__ import annotations

import itertools
from typing import Any

from backend.catalog.definition_model import MatterDefinition
from backend.catalog.definitions import Problem
from backend.catalog.evaluation import Applicant, compile_matter, evaluate


def situation_combinations(d: MatterDefinition) -> list[dict[str, Any]]:
    options = [[(s.id, o.value) for o in s.options] for s in d.situations]
    return [dict(combo) for combo in itertools.product(*options)]


def run_count_problems(file: str, d: MatterDefinition) -> list[Problem]:
    """Compute the worst case (no e-license, no shared data) for every situation combination."""
    try:
        compiled = compile_matter(d)
        worst = Applicant(profile={})
        outcomes = [
            (combo, evaluate(compiled, worst, {}, combo)) for combo in situation_combinations(d)
        ]
    except Exception as e:  # a rule the engine cannot run is a catalog error, reported as one
        return [
            Problem(
                file,
                "",
                f"the run count cannot be computed: {e}",
                message_zh=f"无法计算跑动次数（某条规则不能运行）：{e}",
            )
        ]
    problems = []
    for combo, ev in outcomes:
        if ev.run_count > 1:
            most = [p for p, n in ev.party_run_counts().items() if n == ev.run_count]
            who = f"the {' and the '.join(most)}" if most else "an applicant"
            trips = [t for t in ev.trips if not most or t.party in most]
            reasons = "; ".join(t.reason["en"] for t in trips)
            where = f" when {combo}" if combo else ""
            names = [ev.party_names.get(p, {}).get("zh", p) for p in most]
            who_zh = "、".join(names) if names else "申请人"
            where_zh = (
                f"（情形：{'，'.join(f'{k}={v}' for k, v in combo.items())}）" if combo else ""
            )
            problems.append(
                Problem(
                    file,
                    "",
                    f"{who} without e-licenses or shared data needs {ev.run_count} trips{where}: {reasons}",
                    "warning",
                    message_zh=f"没有电子证照和共享数据时，{who_zh}要跑 {ev.run_count} 次{where_zh}："
                    + "；".join(t.reason["zh"] for t in trips),
                )
            )
    return problems
