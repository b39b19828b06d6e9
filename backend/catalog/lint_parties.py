"""Lint rules on a matter's parties (多方申请): who fills which fields, provides which materials,
confirms what and holds the output (docs/catalog-format.md, "Parties")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from backend.catalog.definition_model import MatterDefinition, Party
from backend.catalog.definitions import Problem, way_kind

RESIDENT_ID = "cn-resident-id"
LATER = {"upload", "original"}  # ways by which a material can arrive after acceptance


def party_problems(file: str, d: MatterDefinition) -> list[Problem]:
    """Every problem with the parties of one typed definition; duplicate ids are reported
    with the other id lists (lint._id_lists)."""
    fields: Mapping[str, Any] = d.form.schema.get("properties", {})
    problems = list(_references(file, d))
    if not d.parties:
        return problems
    if not any(p.role == "applicant" for p in d.parties):
        problems.append(
            Problem(
                file,
                "/parties",
                "parties are declared but none is an applicant: someone must apply",
                message_zh="声明了当事人，但没有一方是申请人（role 为 applicant）：总要有人申请",
            )
        )
    owner: dict[str, str] = {}
    for i, p in enumerate(d.parties):
        problems += [
            Problem(file, f"/parties/{i}{where}", en, message_zh=zh)
            for where, en, zh in _party(p, fields)
        ]
        for j, name in enumerate(p.fields):
            if name in owner and owner[name] != p.id:
                problems.append(
                    Problem(
                        file,
                        f"/parties/{i}/fields/{j}",
                        f"field {name!r} already belongs to party {owner[name]!r}: a field belongs to at most one party",
                        message_zh=f"字段 {name} 已属于当事人 {owner[name]}，一个字段只能属于一方",
                    )
                )
            owner.setdefault(name, p.id)
    return problems


def deferrable_problems(file: str, d: MatterDefinition) -> list[Problem]:
    return [Problem(file, w, en, "warning", message_zh=zh) for w, en, zh in _deferrable(d)]


def _party(p: Party, fields: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(pointer inside the party, English, Chinese) for each problem of one party."""
    for j, name in enumerate(p.fields):
        if name not in fields:
            yield f"/fields/{j}", f"{name!r} is not a field of the form", f"表单里没有字段 {name}"
    for key in ("identity_field", "name_field"):
        name = getattr(p, key)
        if name is None:
            continue
        if name not in fields:
            yield f"/{key}", f"{name!r} is not a field of the form", f"表单里没有字段 {name}"
        elif name not in p.fields:
            yield (
                f"/{key}",
                f"{name!r} is not one of the party's own fields",
                f"字段 {name} 不在这一方的本方字段（fields）里",
            )
    identity = fields.get(p.identity_field or "")
    if isinstance(identity, Mapping) and identity.get("format") != RESIDENT_ID:
        yield (
            "/identity_field",
            f"{p.identity_field!r} must have format {RESIDENT_ID}",
            f"身份证号字段 {p.identity_field} 的格式（format）须是 {RESIDENT_ID}",
        )
    if p.role == "subject":
        if p.required:
            yield (
                "/required",
                "a subject party does not apply, so it cannot be required",
                "被申请对象（subject）不参与申请，不能设为必须参与",
            )
        if p.confirm is not None:
            yield (
                "/confirm",
                "a subject party does not apply, so it confirms nothing",
                "被申请对象（subject）不参与申请，不用确认",
            )
    elif p.confirm is None:
        yield (
            "/confirm",
            "an applicant party must be told what it confirms",
            "申请人一方须写明确认内容（confirm）",
        )


def _references(file: str, d: MatterDefinition) -> Iterator[Problem]:
    """Materials' `party`, the output's `holder` and `supersedes` name declared parties."""
    roles = {p.id: p.role for p in d.parties}
    named = [(f"/materials/{i}/party", m.party, True) for i, m in enumerate(d.materials)]
    named.append(("/output/holder", d.output.holder, False))
    if d.output.supersedes is not None:
        named.append(("/output/supersedes/party", d.output.supersedes.party, False))
    for where, party, provides in named:
        if party is None:
            continue
        if not roles:
            yield Problem(
                file,
                where,
                f"names party {party!r} but the matter declares no parties",
                message_zh=f"引用了当事人 {party}，但事项没有声明当事人（parties）",
            )
        elif party not in roles:
            yield Problem(
                file,
                where,
                f"{party!r} is not a declared party ({', '.join(roles)})",
                message_zh=f"{party} 不是已声明的当事人（{'、'.join(roles)}）",
            )
        elif provides and roles[party] == "subject":
            yield Problem(
                file,
                where,
                f"{party!r} is a subject, who does not apply: an applicant party provides the material",
                message_zh=f"{party} 是被申请对象，不参与申请；材料须由申请人一方提供",
            )
    supersedes = d.output.supersedes
    if supersedes and supersedes.number_field not in d.form.schema.get("properties", {}):
        yield Problem(
            file,
            "/output/supersedes/number_field",
            f"{supersedes.number_field!r} is not a field of the form",
            message_zh=f"表单里没有字段 {supersedes.number_field}",
        )


def _deferrable(d: MatterDefinition) -> Iterator[tuple[str, str, str]]:
    for i, m in enumerate(d.materials):
        if m.deferrable and not LATER & {way_kind(w) for w in m.ways}:
            yield (
                f"/materials/{i}/deferrable",
                "deferrable, but no way of it (an upload or the original) can arrive later",
                "设为可容缺，但它没有可以事后补交的方式（上传或原件）",
            )
