"""Lint that guards citizens: what a definition promises them must hold, and what it asks of
them must be precise enough to bring on the first trip. The seeds name both as causes of repeat
trips: a promise the law does not back, and materials such as "相关证明材料" that leave the
citizen to guess."""

from __future__ import annotations

import re

from backend.catalog.definition_model import MatterDefinition
from backend.catalog.definitions import Problem

# Phrases that name no document: whoever reads them must ask what is meant.
VAGUE = (
    "相关证明",
    "相关材料",
    "相关资料",
    "相关文件",
    "相关手续",
    "其他材料",
    "其他证明",
    "其他资料",
    "其他文件",
    "有关材料",
    "有关证明",
    "有关资料",
    "有关部门",
    "等材料",
    "等证明",
    "等资料",
)
# Words that say a material is a document without saying which: a name of only these (and
# punctuation) names nothing, whatever its length ("证明材料", "其他文件").
GENERIC = re.compile(r"证明|材料|资料|文件|其他|相关|有关|复印件|原件|等|的|及|和|[\s、，,（）()]")
PRECISE_CHARACTERS = 2  # a name keeps at least this many characters without the generic words


def citizen_problems(file: str, d: MatterDefinition) -> list[Problem]:
    return _time_limit_problems(file, d) + _material_problems(file, d)


def _time_limit_problems(file: str, d: MatterDefinition) -> list[Problem]:
    t = d.time_limits
    promises = [("/time_limits/promised_days", t.promised_days)]
    promises += [
        (f"/time_limits/overrides/{i}/promised_days", o.promised_days)
        for i, o in enumerate(t.overrides)
    ]
    return [
        Problem(
            file,
            where,
            f"the promised time limit ({days} working days) is longer than the statutory one"
            f" ({t.statutory_days}): a promise may only shorten what the law allows",
            message_zh=f"承诺时限（{days} 个工作日）长于法定时限（{t.statutory_days} 个工作日），"
            "承诺只能比法定时限短",
        )
        for where, days in promises
        if days > t.statutory_days
    ]


def _material_problems(file: str, d: MatterDefinition) -> list[Problem]:
    problems = []
    for i, m in enumerate(d.materials):
        for part in ("name", "description"):
            text = getattr(m, part).zh
            if vague := [p for p in VAGUE if p in text]:
                problems.append(
                    Problem(
                        file,
                        f"/materials/{i}/{part}/zh",
                        f"{part} {text!r} uses {'、'.join(vague)}, which names no document:"
                        " say exactly which document, issued by whom",
                        message_zh=f"材料「{m.name.zh}」的{'名称' if part == 'name' else '说明'}"
                        f"用了「{'、'.join(vague)}」，没说清是哪份材料：请写明具体材料和出具单位",
                    )
                )
        if len(GENERIC.sub("", m.name.zh)) < PRECISE_CHARACTERS and not any(
            p.pointer == f"/materials/{i}/name/zh" for p in problems
        ):
            problems.append(
                Problem(
                    file,
                    f"/materials/{i}/name/zh",
                    f"the name {m.name.zh!r} says only that it is a document: name the document",
                    message_zh=f"材料名称「{m.name.zh}」只说了是份材料，请写明是什么材料",
                )
            )
    return problems
