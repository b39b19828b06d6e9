"""Lint rules across files: shared data sources, the material ways that name them, and the
member matters of a life event (docs/catalog-format.md, "What lint checks")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from backend.catalog.definition_model import ELicenseWay, MatterDefinition, SharedDataWay, Way
from backend.catalog.definitions import Doc, Problem, pointer
from backend.datasources.service import Source

FIELD_TRAITS = ("type", "format", "enum")


def fee_rules_at(d: MatterDefinition) -> list[tuple[str, Any]]:
    """A fee's amount rule and its exemptions' conditions, by JSON pointer: checked like every
    rule (known operators and arity, each `var` naming a field, situation or profile key)."""
    found: list[tuple[str, Any]] = []
    for i, fee in enumerate(d.fees):
        if fee.amount is not None:
            found.append((f"/fees/{i}/amount", fee.amount))
        found += [(f"/fees/{i}/exemptions/{j}/when", e.when) for j, e in enumerate(fee.exemptions)]
    return found


def source_problems(path: Path, doc: Doc, elements: Mapping[str, Doc]) -> list[Problem]:
    """One source file already valid against the `datasource` meta-schema."""
    file = str(path)
    problems = []
    if path.stem != doc["id"]:
        problems.append(
            Problem(file, "/id", f"id {doc['id']!r} differs from the file name {path.name}")
        )
    listed = set(doc["elements"])
    mapping = doc["connector"]["mapping"]
    for i, key in enumerate(doc["elements"]):
        if key not in elements:
            problems.append(
                Problem(file, f"/elements/{i}", f"{key!r} is not a data element in elements.json")
            )
        elif key not in mapping:
            problems.append(
                Problem(file, f"/elements/{i}", f"{key!r} is provided but has no mapping")
            )
    for key in mapping:
        where = "/connector/mapping" + pointer([key])
        if key not in elements:
            problems.append(Problem(file, where, f"{key!r} is not a data element in elements.json"))
        elif key not in listed:
            problems.append(Problem(file, where, f"{key!r} is mapped but not listed in elements"))
    return problems


def way_problems(file: str, d: MatterDefinition, sources: Mapping[str, Source]) -> list[Problem]:
    """Shared-data ways name a source and elements it provides; e-license ways need a source
    that provides licenses."""
    problems = []
    for where, way in _ways(d):
        if not isinstance(way, SharedDataWay):
            continue
        source = sources.get(way.source)
        if source is None:
            problems.append(
                Problem(
                    file,
                    where + "/source",
                    f"{way.source!r} is not a shared data source in datasources/",
                    message_zh=f"共享数据源 {way.source} 不存在",
                )
            )
            continue
        missing = [e for e in way.elements if e not in source.elements]
        if missing:
            problems.append(
                Problem(
                    file,
                    where + "/elements",
                    f"source {source.id!r} does not provide {', '.join(map(repr, missing))}",
                    message_zh=f"共享数据源 {source.id} 不提供 {'、'.join(missing)}",
                )
            )
    # There is no registry of license types: any type is accepted once some source provides
    # licenses at all; a matter that names a type nobody issues simply never gets it.
    if not any(s.provides_licenses for s in sources.values()):
        first = next((where for where, way in _ways(d) if isinstance(way, ELicenseWay)), None)
        if first is not None:
            problems.append(
                Problem(
                    file,
                    first + "/license_type",
                    "no shared data source provides e-licenses (a connector with licenses_pointer)",
                    message_zh="没有哪个共享数据源提供电子证照，这种方式无法使用",
                )
            )
    return problems


def _ways(d: MatterDefinition) -> Iterator[tuple[str, Way]]:
    for i, material in enumerate(d.materials):
        for j, way in enumerate(material.ways):
            yield f"/materials/{i}/ways/{j}", way


def member_conflicts(file: str, members: Sequence[tuple[int, str, Doc]]) -> list[Problem]:
    """The members of a life event share one form and one questionnaire (the first member's
    wording wins, see `merged_definition`), so the same field or situation must mean the same
    in each. `members` are (position in the life event, matter code, effective definition)."""
    problems = []
    fields: dict[str, tuple[str, Any]] = {}
    situations: dict[str, tuple[str, list[Any]]] = {}
    for i, code, d in members:
        for name, prop in d["form"]["schema"].get("properties", {}).items():
            first_code, first = fields.setdefault(name, (code, prop))
            differs = [
                f"{trait} {_trait(first, trait)!r} in {first_code} but {_trait(prop, trait)!r} in {code}"
                for trait in FIELD_TRAITS
                if _canonical(_trait(first, trait)) != _canonical(_trait(prop, trait))
            ]
            if differs:
                traits = "、".join(t for t in FIELD_TRAITS if f"{t} " in "; ".join(differs))
                problems.append(
                    Problem(
                        file,
                        f"/matters/{i}",
                        f"field {name!r} has {'; '.join(differs)}",
                        message_zh=f"字段 {name} 的 {traits} 在 {first_code} 和 {code} 中不同，"
                        "同一件事里同名字段须含义相同",
                    )
                )
        for s in d.get("situations", []):
            values = [o["value"] for o in s["options"]]
            first_code, first_values = situations.setdefault(s["id"], (code, values))
            if _canonical(first_values) != _canonical(values):
                problems.append(
                    Problem(
                        file,
                        f"/matters/{i}",
                        f"situation {s['id']!r} has options {first_values!r} in {first_code} but {values!r} in {code}",
                        message_zh=f"情形 {s['id']} 的选项在 {first_code} 和 {code} 中不同",
                    )
                )
    return problems


def party_conflicts(file: str, members: Sequence[tuple[int, str, Doc]]) -> list[Problem]:
    """The members' parties are merged by id (`merged_parties`): a party id has one role in
    every member, and a field belongs to the same party in every member that assigns it."""
    problems = []
    roles: dict[str, tuple[str, str]] = {}
    owners: dict[str, tuple[str, str]] = {}
    for i, code, d in members:
        for p in d.get("parties", []):
            first_code, role = roles.setdefault(p["id"], (code, p["role"]))
            if role != p["role"]:
                problems.append(
                    Problem(
                        file,
                        f"/matters/{i}",
                        f"party {p['id']!r} is {role!r} in {first_code} but {p['role']!r} in {code}",
                        message_zh=f"当事人 {p['id']} 在 {first_code} 是 {role}，在 {code} 却是 {p['role']}",
                    )
                )
            for name in p.get("fields", []):
                first_code, owner = owners.setdefault(name, (code, p["id"]))
                if owner != p["id"]:
                    problems.append(
                        Problem(
                            file,
                            f"/matters/{i}",
                            f"field {name!r} belongs to party {owner!r} in {first_code} but to {p['id']!r} in {code}",
                            message_zh=f"字段 {name} 在 {first_code} 属于 {owner}，在 {code} 却属于 {p['id']}",
                        )
                    )
    return problems


def _trait(prop: Any, trait: str) -> Any:
    return prop.get(trait) if isinstance(prop, Mapping) else None


def _canonical(value: Any) -> Any:
    """Lists compare as sets (`["string", "null"]`, enum values): order does not change meaning."""
    if isinstance(value, list):
        return frozenset(orjson.dumps(v, option=orjson.OPT_SORT_KEYS) for v in value)
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def rule_issue_zh(message: str) -> str:
    """The rule engine's issue (backend/rules/validation.py) in Chinese."""
    if message.startswith("unknown variable"):
        return f"规则引用了不存在的变量 {message.removeprefix('unknown variable ')}：须是表单字段、情形或申请人信息"
    if message.startswith("unknown operator"):
        return f"不认识的运算符 {message.removeprefix('unknown operator ')}"
    arity = re.fullmatch(
        r"'(.+)' takes (at least )?(\d+)(?: to (\d+))? arguments?, got (\d+)", message
    )
    if arity:
        op, least, fewest, most, got = arity.groups()
        wanted = f"{fewest}–{most}" if most else f"{'至少 ' if least else ''}{fewest}"
        return f"运算符 {op} 要 {wanted} 个参数，这里有 {got} 个"
    return {
        "the rule is nested too deeply": "规则嵌套太深",
        "invalid rule": "规则无效",
        "object keys must be strings": "规则中对象的键须是文字",
        "not a JSON value": "规则中有不是 JSON 的值",
    }.get(message, "")
