"""Automatic decisions (秒批 / 无感审批): when a matter that declares `automatic` may be decided
by its own rules, without anyone's desk, and what the linter says of a declaration that could
never hold.

An application qualifies when the evaluation the submission made shows every eligibility rule
passing (a warning rule too: it asks a person to look), every required material provided by an
e-license or shared data (a commitment is the citizen's word and an upload a picture, which a
person must judge), no on-site step and no fee due (a fee is paid before a decision). Anything
else goes the normal way, to the window.
"""

from __future__ import annotations

import hashlib
import uuid

from backend.catalog.definition_model import ELicenseWay, MatterDefinition, SharedDataWay
from backend.catalog.definitions import Problem
from backend.catalog.evaluation import Evaluation

AUTHORITATIVE = ("e_license", "shared_data")


def qualifies(d: MatterDefinition, ev: Evaluation) -> bool:
    """Whether the matter declares automatic decisions and this evaluation meets them all."""
    return d.automatic is not None and not hindrances(ev)


def hindrances(ev: Evaluation) -> list[str]:
    """Why this evaluation cannot be decided automatically (empty: it can), one id each:
    `rule:<id>`, `material:<id>`, `on_site:<id>`, `fee:<id>`."""
    found = [f"rule:{r.id}" for r in ev.eligibility if not r.passed]
    found += [
        f"material:{m.id}"
        for m in ev.materials
        if m.required and not (m.status == "provided" and m.way in AUTHORITATIVE)
    ]
    found += [f"on_site:{s}" for s in ev.on_site_steps]
    return found + [f"fee:{f.id}" for f in ev.fees]


def sampled(application_id: uuid.UUID, rate: float) -> bool:
    """Whether this automatic decision is one a person checks afterwards: the application id's
    SHA-256, read as a number in [0, 1), falls below the matter's rate. Deterministic (the same
    application is always in or out, whichever worker decides it) and even over random ids."""
    digest = hashlib.sha256(application_id.bytes).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def automatic_problems(file: str, d: MatterDefinition) -> list[Problem]:
    """An automatic declaration that can never hold: a material always required without an
    e-license or shared-data way, an on-site step or a fee that is always due."""
    if d.automatic is None:
        return []
    problems = []
    for i, m in enumerate(d.materials):
        if m.required_when is None and not any(
            isinstance(w, ELicenseWay | SharedDataWay) for w in m.ways
        ):
            problems.append(
                _never(
                    f"/materials/{i}",
                    f"material {m.id!r} has no e-license or shared-data way",
                    f"材料「{m.name.zh}」没有电子证照或共享数据的提供方式",
                    file,
                )
            )
    for i, s in enumerate(d.on_site_steps):
        if s.required_when is None:
            zh = f"现场环节「{s.name.zh}」总要到场"
            problems.append(_never(f"/on_site_steps/{i}", f"on-site step {s.id!r}", zh, file))
    for i, f in enumerate(d.fees):
        if f.when is None:
            zh = f"收费「{f.name.zh}」总要缴纳"
            problems.append(_never(f"/fees/{i}", f"fee {f.id!r} is always due", zh, file))
    return problems


def _never(where: str, en: str, zh: str, file: str) -> Problem:
    return Problem(
        file,
        where,
        f"automatic decisions can never apply: {en}",
        message_zh=f"声明了自动审批（秒批），但永远不会自动审批：{zh}",
    )
