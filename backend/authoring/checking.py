"""Checking a matter document as `zerorun catalog lint` checks a file, and what every authoring
step shares: the refusal, the dictionary documents may refer to, the author's own matter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from tortoise.expressions import Subquery

from backend.authoring.cases import CaseResult
from backend.authoring.models import MatterDraft
from backend.catalog.service import (
    CompiledMatter,
    Doc,
    LifeEventMember,
    Matter,
    MatterVersion,
    Problem,
    check_matter,
    compile_matter,
    fits,
    member_conflicts,
    merge,
    parse_definition,
    schema_problems,
)
from backend.datasources.service import Source
from backend.forms.validation import check_patterns
from backend.regions.service import ancestors
from backend.staff.service import StaffMember

FILE = "draft"  # problems are located by pointer inside the document; there is no file


class AuthoringProblem(Exception):
    def __init__(
        self,
        code: str,
        zh: str,
        en: str,
        problems: list[Problem] | None = None,
        failing: list[CaseResult] | None = None,
    ) -> None:
        super().__init__(en)
        self.code, self.message_zh, self.message_en = code, zh, en
        self.problems = problems or []
        self.failing = failing or []


def not_found(code: str) -> AuthoringProblem:
    return AuthoringProblem(
        "NOT_FOUND",
        f"没有找到本区划的事项 {code}。",
        f"No matter {code} in your region.",
    )


@dataclass(frozen=True)
class Dictionary:
    """What documents may refer to: data elements, shared data sources, e-license types."""

    elements: Mapping[str, Doc]
    sources: Mapping[str, Source]

    @classmethod
    def load(cls, catalog_dir: Path, sources: Mapping[str, Source]) -> Dictionary:
        path = catalog_dir / "elements.json"
        doc = orjson.loads(path.read_bytes()) if path.exists() else {"elements": []}
        return cls({e["key"]: e for e in doc["elements"]}, sources)


_license_types: dict[str, tuple[object, dict[str, Doc]]] = {}


async def license_types(region: str) -> dict[str, Doc]:
    """E-license types known where the region is: those the published matters of it and the
    regions above accept or issue, each named after the first material or output using it.
    Computed again only when some version has been published since (the newest version's id
    and time: an id alone recurs in another database with the same catalog, as in tests)."""
    newest = await MatterVersion.all().order_by("-id").first()
    stamp = (newest.id, newest.published_at) if newest else None
    cached = _license_types.get(region)
    if cached and cached[0] == stamp:
        return cached[1]
    published = Matter.filter(status="published", region_code__in=ancestors(region))
    found: dict[str, Doc] = {}
    for version in await MatterVersion.filter(
        id__in=Subquery(published.values("published_version_id"))
    ):
        d = version.definition
        for m in d["materials"]:
            for w in m["ways"]:
                if w["kind"] == "e_license":
                    found.setdefault(w["license_type"], m["name"])
        output = d.get("output", {})
        if output.get("license_type"):
            found.setdefault(output["license_type"], output["name"])
    _license_types[region] = (stamp, dict(sorted(found.items())))
    return _license_types[region][1]


async def departments(region: str) -> dict[str, Doc]:
    """The departments owning the region's published matters, by code, in both languages."""
    published = Matter.filter(region_code=region, status="published")
    found: dict[str, Doc] = {}
    for version in await MatterVersion.filter(
        id__in=Subquery(published.values("published_version_id"))
    ):
        department = version.definition["department"]
        found.setdefault(department["code"], department["name"])
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Checked:
    effective: Doc | None
    template: Doc | None
    problems: list[Problem] = field(default_factory=list)
    compiled: CompiledMatter | None = None
    # A localisation checked after merging: the problems' paths point into `effective`.
    in_effective: bool = False
    # Texts still empty that only publishing needs (warnings among `problems` until then).
    unwritten: list[Problem] = field(default_factory=list)


async def check(document: Any, dictionary: Dictionary) -> Checked:
    """Full validation of a document: meta-schema, template, form schema, rules and every
    `var`, unique ids, material ways, life-event consistency; then compiled once."""
    if not isinstance(document, dict):
        return Checked(
            None,
            None,
            [
                Problem(
                    FILE,
                    "",
                    "a matter document is a JSON object",
                    message_zh="事项文档须是 JSON 对象",
                )
            ],
        )
    template = await _template(document.get("extends"))
    effective: Doc | None = document
    if template is not None:
        try:
            effective = merge(template, document)
        except (KeyError, TypeError):  # a patch too malformed to merge; the meta-schema says why
            effective = None
    problems = schema_problems(FILE, document, "matter")
    if problems:
        unwritten = [p for p in problems if _unwritten(document, p)]
        now = [p for p in problems if p not in unwritten]
        return Checked(
            effective, template, now + [_later(p) for p in unwritten], unwritten=unwritten
        )
    templates = {document["extends"]: template} if template is not None else {}
    merged = template is not None
    definition, problems = check_matter(
        FILE, document, templates, dictionary.elements, dictionary.sources
    )
    if definition is None:
        return Checked(effective, template, problems, in_effective=merged)
    problems += await _life_event_problems(definition)
    if any(p.severity == "error" for p in problems):
        return Checked(effective, template, problems, in_effective=merged)
    compiled = compile_matter(parse_definition(definition))
    return Checked(definition, template, problems, compiled, merged)


# What a new matter must say at once: its name and the department in charge. Any other text
# left empty is asked when it matters, at publishing (docs/configurator.md, "A new matter").
ESSENTIAL = ("/name/", "/department/")


def _unwritten(document: Doc, problem: Problem) -> bool:
    """An empty text of the document that is not essential."""
    value: Any = document
    for part in problem.pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return False
    return (
        isinstance(value, str) and not value.strip() and not problem.pointer.startswith(ESSENTIAL)
    )


def _later(problem: Problem) -> Problem:
    return Problem(
        problem.file,
        problem.pointer,
        "to be written before publishing",
        "warning",
        message_zh="发布前须填写",
    )


def before_publishing(problem: Problem) -> Problem:
    """An unwritten text as publishing reports it: an error."""
    return Problem(
        problem.file,
        problem.pointer,
        "must be written before publishing",
        message_zh="须填写后才能发布",
    )


async def _template(code: Any) -> Doc | None:
    if not isinstance(code, str):
        return None
    matter = await Matter.get_or_none(code=code, extends_code=None, status="published")
    if matter is None or matter.published_version_id is None:
        return None
    version = await MatterVersion.get(id=matter.published_version_id)
    return dict(version.definition)


async def _life_event_problems(definition: Doc) -> list[Problem]:
    """The draft must still agree with the other members of every life event it belongs to."""
    problems = []
    memberships = await LifeEventMember.filter(matter_code=definition["code"]).prefetch_related(
        "life_event"
    )
    for membership in memberships:
        event = membership.life_event
        members = []
        for i, code in enumerate(event.definition["matters"]):
            if code == definition["code"]:
                members.append((i, code, definition))
                continue
            other = await Matter.get_or_none(code=code)
            if other is not None and other.published_version_id is not None:
                version = await MatterVersion.get(id=other.published_version_id)
                members.append((i, code, version.definition))
        problems += [
            Problem(
                FILE,
                "",
                f"in life event {event.code} ({event.name_zh}): {p.message}",
                message_zh=f"在“一件事”{event.name_zh}（{event.code}）中：{p.message_zh or p.message}",
            )
            for p in member_conflicts(FILE, members)
        ]
    return problems


async def _matter(staff: StaffMember, code: str) -> tuple[Matter | None, MatterDraft | None]:
    if not fits(Matter, code=code) or not fits(MatterDraft, code=code):
        raise not_found(code)
    matter = await Matter.get_or_none(code=code, region_code=staff.region_code)
    draft = await MatterDraft.get_or_none(code=code, region_code=staff.region_code)
    if matter is None and draft is None:
        raise not_found(code)
    return matter, draft


def refuse_unsafe_patterns(document: Doc) -> None:
    """A form pattern RE2 cannot run, or one that backtracks catastrophically in the browser,
    is refused before it is stored (unlike other problems, which a draft may keep): the
    configurator's preview would run it in the author's browser."""
    form = document.get("form")
    schema = form.get("schema") if isinstance(form, Mapping) else None
    refused = [
        Problem(FILE, "/form/schema" + p.path, p.message_en, message_zh=p.message_zh)
        for p in check_patterns(schema)
    ]
    if refused:
        raise AuthoringProblem(
            "INVALID",
            f"表单中有 {len(refused)} 个正则表达式（pattern）不能使用，原因见各处。",
            f"{len(refused)} pattern(s) of the form cannot be used; each problem says why.",
            refused,
        )
