"""`zerorun catalog lint`: every file against its meta-schema, then the catalog as a whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backend.catalog.automatic import automatic_problems
from backend.catalog.definition_model import MatterDefinition, SharedDataWay
from backend.catalog.definitions import (
    DefinitionInvalid,
    Doc,
    Problem,
    SourceFile,
    effective,
    iter_files,
    parse_definition,
    pointer,
    read_json,
    schema_problems,
    way_kind,
)
from backend.catalog.lint_citizens import citizen_problems
from backend.catalog.lint_parties import deferrable_problems, party_problems
from backend.catalog.lint_rules import (
    fee_rules_at,
    member_conflicts,
    party_conflicts,
    rule_issue_zh,
    source_problems,
    way_problems,
)
from backend.catalog.lint_runs import run_count_problems, situation_combinations
from backend.datasources.service import Source
from backend.forms.validation import check_form_schema, check_patterns
from backend.regions.service import covers
from backend.rules import default_engine

ALWAYS_AVAILABLE = {"commitment", "upload", "original"}
RULE_LISTS = {
    "eligibility": "rule",
    "materials": "required_when",
    "on_site_steps": "required_when",
    "fees": "when",
}


@dataclass
class Catalog:
    """A catalog folder read and checked: the documents and every problem found."""

    root: Path
    elements: dict[str, Doc] = field(default_factory=dict)
    matters: dict[str, SourceFile] = field(default_factory=dict)
    life_events: dict[str, SourceFile] = field(default_factory=dict)
    definitions: dict[str, Doc] = field(default_factory=dict)  # effective, by code
    sources: dict[str, Source] = field(default_factory=dict)  # shared data sources, by id
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def templates(self) -> list[str]:
        return [c for c, f in self.matters.items() if "extends" not in f.doc]

    def localisations(self) -> list[str]:
        return [c for c, f in self.matters.items() if "extends" in f.doc]


def folder_problem(root: Path) -> Problem | None:
    """Why `root` cannot be read as a catalog folder (one that holds matters/), if it cannot."""
    if (root / "matters").is_dir():
        return None
    if root.is_dir():
        what = "is not a catalog folder (it holds no matters/ folder)"
    else:
        what = "is a file, not a catalog folder" if root.exists() else "does not exist"
    return Problem(str(root), "", f"{what}: give the folder that holds matters/ and life_events/")


def read_catalog(
    root: Path, progress: Callable[[Iterable[Path]], Iterable[Path]] = iter
) -> Catalog:
    cat = Catalog(root)
    unusable = folder_problem(root)
    if unusable:
        cat.problems.append(unusable)
        return cat
    elements_file = root / "elements.json"
    if elements_file.exists():
        doc, problem = read_json(elements_file)
        if problem:
            cat.problems.append(problem)
        else:
            cat.problems += schema_problems(str(elements_file), doc, "elements")
            cat.elements = {e["key"]: e for e in doc.get("elements", []) if "key" in e}
    synonyms_file = root / "synonyms.json"  # the search's (backend/catalog/search.py)
    if synonyms_file.exists():
        doc, problem = read_json(synonyms_file)
        cat.problems += (
            [problem] if problem else schema_problems(str(synonyms_file), doc, "synonyms")
        )
    _read_sources(cat)
    files = iter_files(root, "matters") + iter_files(root, "life_events")
    for path in progress(files):
        kind = "matter" if "matters" in path.relative_to(root).parts[:1] else "life_event"
        doc, problem = read_json(path)
        if problem is None:
            found = schema_problems(str(path), doc, kind)
            cat.problems += found
            if found:
                continue
            target = cat.matters if kind == "matter" else cat.life_events
            if doc["code"] in target:
                cat.problems.append(
                    Problem(
                        str(path),
                        "/code",
                        f"code {doc['code']} is also used by {target[doc['code']].path}",
                    )
                )
                continue
            target[doc["code"]] = SourceFile(path, doc)
        else:
            cat.problems.append(problem)
    _check_matters(cat)
    _check_life_events(cat)
    return cat


def _read_sources(cat: Catalog) -> None:
    files: dict[str, Path] = {}
    for path in sorted((cat.root / "datasources").glob("*.json")):
        doc, problem = read_json(path)
        found = [problem] if problem else schema_problems(str(path), doc, "datasource")
        cat.problems += found
        if found:
            continue
        if doc["id"] in files:
            cat.problems.append(
                Problem(str(path), "/id", f"id {doc['id']!r} is also used by {files[doc['id']]}")
            )
            continue
        files[doc["id"]] = path
        cat.problems += source_problems(path, doc, cat.elements)
        cat.sources[doc["id"]] = Source.of(doc)


def _check_matters(cat: Catalog) -> None:
    templates = {c: cat.matters[c].doc for c in cat.templates()}
    for code, source in cat.matters.items():
        definition, found = check_matter(
            str(source.path), source.doc, templates, cat.elements, cat.sources
        )
        cat.problems += found
        if definition is not None:
            cat.definitions[code] = definition


def check_matter(
    file: str,
    doc: Doc,
    templates: Mapping[str, Doc],
    elements: Mapping[str, Doc],
    sources: Mapping[str, Source],
) -> tuple[Doc | None, list[Problem]]:
    """One matter document already valid against its meta-schema: its effective definition
    (None when it has errors) and every problem found, the run-count warnings included."""
    parent = doc.get("extends")
    problems: list[Problem] = []
    if parent is not None:
        if parent not in templates:
            return None, [
                Problem(
                    file,
                    "/extends",
                    f"extends {parent}, which is not a template in this catalog",
                    message_zh=f"细化的模板 {parent} 不存在（或不是省级模板）",
                )
            ]
        if not covers(templates[parent]["region"], doc["region"]):
            problems.append(
                Problem(
                    file,
                    "/region",
                    f"region {doc['region']} is outside the template's region {templates[parent]['region']}",
                    message_zh=f"区划 {doc['region']} 不在模板的区划 {templates[parent]['region']} 之内",
                )
            )
    definition = effective(doc, templates)
    if parent is not None:
        merged = schema_problems(
            file, {k: v for k, v in definition.items() if k != "extends"}, "matter"
        )
        problems += [
            Problem(
                file,
                p.pointer,
                f"after merging with {parent}: {p.message}",
                message_zh=p.message_zh and f"与模板 {parent} 合并后：{p.message_zh}",
            )
            for p in merged
        ]
        if merged:
            return None, problems
    try:
        typed = parse_definition(definition)
    except DefinitionInvalid as e:  # the meta-schema admits what the typed model refuses
        return None, [
            *problems,
            Problem(file, e.pointer, e.message, message_zh=f"内容不合要求：{e.message}"),
        ]
    problems += _semantic_problems(file, typed, elements)
    problems += way_problems(file, typed, sources)
    problems += party_problems(file, typed) + deferrable_problems(file, typed)
    problems += automatic_problems(file, typed)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return definition, problems + run_count_problems(file, typed)


def _semantic_problems(
    file: str, d: MatterDefinition, elements: Mapping[str, Doc]
) -> list[Problem]:
    schema = d.form.schema
    found = check_form_schema(schema)
    reported = {p.path for p in found}
    found += [p for p in check_patterns(schema) if p.path not in reported]
    problems = [
        Problem(file, "/form/schema" + p.path, p.message_en, message_zh=p.message_zh) for p in found
    ]
    lists = _id_lists(d)
    for key, items in lists.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    Problem(
                        file,
                        f"/{key}/{i}/id",
                        f"duplicate id {item.id!r}",
                        message_zh=f"编号 {item.id} 重复了",
                    )
                )
            seen.add(item.id)
    known = _known_vars(d, elements)
    engine = default_engine()
    rules = [
        (f"/{key}/{i}/{attr}", getattr(item, attr))
        for key, attr in RULE_LISTS.items()
        for i, item in enumerate(lists[key])
    ]
    rules += [
        (f"/time_limits/overrides/{i}/when", o.when) for i, o in enumerate(d.time_limits.overrides)
    ]
    rules += fee_rules_at(d)
    rules += [  # a field shown only while its rule holds: the rule is checked like any other
        (f"/form/ui{pointer([name, 'ui:visibleWhen'])}", hints["ui:visibleWhen"])
        for name, hints in d.form.ui.items()
        if isinstance(hints, dict) and "ui:visibleWhen" in hints
    ]
    for where, rule in rules:
        problems += [
            Problem(
                file, where + issue.path, issue.message, message_zh=rule_issue_zh(issue.message)
            )
            for issue in engine.validate(rule, known)
        ]
    for i, m in enumerate(d.materials):
        if way_kind(m.ways[-1]) not in ALWAYS_AVAILABLE:
            problems.append(
                Problem(
                    file,
                    f"/materials/{i}/ways",
                    "the last way must be a commitment, an upload or the original, so every applicant can satisfy it",
                    message_zh="最后一种提供方式须是告知承诺、上传或原件，保证人人都能提供",
                )
            )
        for j, w in enumerate(m.ways):
            for e in w.elements if isinstance(w, SharedDataWay) else []:
                if e not in elements:
                    problems.append(
                        Problem(
                            file,
                            f"/materials/{i}/ways/{j}/elements",
                            f"{e!r} is not a data element in elements.json",
                            message_zh=f"{e} 不是数据元（elements.json 里没有）",
                        )
                    )
    problems += citizen_problems(file, d)
    custom = sorted(set(schema.get("properties", {})) - set(elements))
    if custom:
        problems.append(
            Problem(
                file,
                "/form/schema/properties",
                f"custom fields (not data elements): {', '.join(custom)}",
                "info",
                message_zh=f"自定义字段（不是标准数据元，无法由共享数据预填）：{'、'.join(custom)}",
            )
        )
    return problems


def _id_lists(d: MatterDefinition) -> dict[str, Sequence[Any]]:
    """The lists whose items have an id, by key: the situations and those of RULE_LISTS."""
    return {
        "situations": d.situations,
        "parties": d.parties,
        "eligibility": d.eligibility,
        "materials": d.materials,
        "on_site_steps": d.on_site_steps,
        "fees": d.fees,
    }


def _known_vars(d: MatterDefinition, elements: Mapping[str, Doc]) -> Callable[[str], bool]:
    profile = {e["profile_key"] for e in elements.values() if e.get("profile_key")}
    situations = {s.id for s in d.situations}
    parties = {p.id for p in d.parties}
    form = d.form.schema

    def known(path: str) -> bool:
        root, _, rest = path.partition(".")
        if root == "applicant":
            return rest in profile
        if root == "parties":
            party, _, key = rest.partition(".")
            return party in parties and key in profile
        if root == "situation":
            return rest in situations
        if root == "answers":
            return _names_field(form, rest.split("."))
        return False

    return known


def _names_field(schema: Any, parts: list[str]) -> bool:
    if not parts or parts == [""]:
        return False
    node = schema
    for part in parts:
        if isinstance(node, Mapping) and part in node.get("properties", {}):
            node = node["properties"][part]
        elif isinstance(node, Mapping) and part.isdigit() and "items" in node:
            node = node["items"]
        else:
            return False
    return True


def _check_life_events(cat: Catalog) -> None:
    for source in cat.life_events.values():
        file, doc = str(source.path), source.doc
        for i, code in enumerate(doc["matters"]):
            member = cat.matters.get(code)
            if member is None:
                cat.problems.append(
                    Problem(file, f"/matters/{i}", f"matter {code} is not in this catalog")
                )
            elif not covers(member.doc["region"], doc["region"]):
                cat.problems.append(
                    Problem(
                        file,
                        f"/matters/{i}",
                        f"matter {code} of region {member.doc['region']} is not offered in {doc['region']}",
                    )
                )
        if len(set(doc["matters"])) != len(doc["matters"]):
            cat.problems.append(Problem(file, "/matters", "a matter is listed twice"))
        members = [
            (i, code, cat.definitions[code])
            for i, code in enumerate(doc["matters"])
            if code in cat.definitions
        ]
        cat.problems += member_conflicts(file, members) + party_conflicts(file, members)


__all__ = ["Catalog", "check_matter", "pointer", "read_catalog", "situation_combinations"]
