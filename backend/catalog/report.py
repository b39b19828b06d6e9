"""`zerorun catalog report`: measuring zero. For the matters offered in one region, the run
count of two applicants — one who consents to everything, one who consents to nothing — and
the trips that most often keep a matter from zero (DOMAIN.md, "Run count")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
from rich import box
from rich.console import Console
from rich.table import Table

from backend.catalog.definition_model import MatterDefinition
from backend.catalog.definitions import as_text, parse_definition
from backend.catalog.evaluation import (
    Applicant,
    CompiledMatter,
    Trip,
    compile_matter,
    evaluate,
)
from backend.catalog.lint import Catalog, read_catalog, situation_combinations
from backend.datasources.service import Source, read_record
from backend.regions.service import ancestors

Text = dict[str, str]
CONSENTING = "consenting"
NO_CONSENT = "no_consent"
APPLICANTS: dict[str, Text] = {
    CONSENTING: {
        "zh": "同意共享：持有演示登记库签发的全部电子证照，每个共享数据源都有记录",
        "en": "Consents: holds every e-license type the demo registry issues and has a record "
        "in every shared source",
    },
    NO_CONSENT: {
        "zh": "不同意共享：没有电子证照，也不读取共享数据",
        "en": "Consents to nothing: no e-license, no shared data",
    },
}
LABELS = {CONSENTING: "a", NO_CONSENT: "b"}
PICKUP: Text = {"zh": "到窗口领取办理结果", "en": "Picking up the result"}
TOP = 5


class UnknownRegion(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(f"unknown region code {code!r}: not a GB/T 2260 code in regions.json")
        self.code = code


@dataclass(frozen=True)
class MatterRuns:
    code: str
    name: Text
    runs: dict[str, int]  # applicant -> trips in the worst situation combination (worst party)
    party_runs: dict[str, dict[str, int]]  # applicant -> party -> its worst; {} without parties
    sample_rate: float | None = None  # the share checked afterwards when decided automatically


@dataclass(frozen=True)
class Blocker:
    """A trip that keeps matters from zero, counted once per matter that needs it."""

    kind: str  # original | on_site | pickup
    name: Text
    matters: list[str]


@dataclass(frozen=True)
class Report:
    region: str
    region_name: str
    applicants: dict[str, Text]
    matters: list[MatterRuns]
    tally: dict[str, dict[str, int]]  # applicant -> {"0", "1", "more"} -> matters
    blockers: dict[str, list[Blocker]]  # applicant -> the most common, at most TOP
    lint_errors: int  # matters with errors are left out; `zerorun catalog lint` names them
    automatic: int = 0  # matters that declare automatic decisions (秒批)


def measure(root: Path, region: str) -> Report:
    region_name = _region_name(root, region)
    catalog = read_catalog(root)
    applicants = {
        CONSENTING: Applicant(
            profile={},
            e_licenses=frozenset(_issued_license_types(root, catalog.sources)),
            shared_sources=frozenset(catalog.sources),
        ),
        NO_CONSENT: Applicant(profile={}),
    }
    matters: list[MatterRuns] = []
    blocking: dict[str, dict[tuple[str, str], tuple[Text, list[str]]]] = {a: {} for a in applicants}
    for code in offered(catalog, region):
        compiled = compile_matter(parse_definition(catalog.definitions[code]))
        runs, party_runs = {}, {}
        for key, who in applicants.items():
            runs[key], party_runs[key], trips = _worst(compiled, who)
            for trip in trips:
                name = _trip_name(compiled.definition, trip)
                codes = blocking[key].setdefault((trip.kind, name["zh"]), (name, []))[1]
                if code not in codes:
                    codes.append(code)
        d = compiled.definition
        rate = d.automatic.sample_rate if d.automatic else None
        matters.append(MatterRuns(code, as_text(d.name), runs, party_runs, rate))
    return Report(
        region=region,
        region_name=region_name,
        applicants={k: APPLICANTS[k] for k in applicants},
        matters=matters,
        tally={k: _tally(m.runs[k] for m in matters) for k in applicants},
        blockers={k: _top(found) for k, found in blocking.items()},
        lint_errors=len(catalog.errors),
        automatic=sum(m.sample_rate is not None for m in matters),
    )


def offered(catalog: Catalog, region: str) -> list[str]:
    """The matters of the region and the regions above it, minus the templates a county
    version in that lineage localises (as `service.matters_query` does on the database)."""
    lineage = ancestors(region)
    here = {c: d for c, d in catalog.definitions.items() if d["region"] in lineage}
    localised = {d["extends"] for d in here.values() if "extends" in d}
    return sorted(c for c in here if c not in localised)


def _region_name(root: Path, code: str) -> str:
    """The region's name; a code regions.json does not list is refused."""
    regions = orjson.loads((root / "regions.json").read_bytes())["regions"]
    name = next((r["name"] for r in regions if r["code"] == code), None)
    if name is None:
        raise UnknownRegion(code)
    return str(name)


def _issued_license_types(root: Path, sources: Mapping[str, Source]) -> set[str]:
    """Every license type the stand-in registry's e-license library holds for anyone."""
    registry_file = root / "demo" / "registry.json"
    if not registry_file.exists():
        return set()
    registry = orjson.loads(registry_file.read_bytes())["sources"]
    return {
        held["type"]
        for source in sources.values()
        if source.provides_licenses and source.id in registry
        for record in registry[source.id]["records"].values()
        for held in read_record(source, record).licenses
    }


def _worst(compiled: CompiledMatter, who: Applicant) -> tuple[int, dict[str, int], list[Trip]]:
    """The highest run count over every situation combination (the worst party's), each
    party's highest, and every trip needed in some combination (each once). Every party of a
    matter with parties is `who`."""
    d = compiled.definition
    everyone = {p.id: who for p in d.parties if p.role == "applicant"}
    worst = 0
    by_party = dict.fromkeys(everyone, 0)
    trips: dict[tuple[str, str], Trip] = {}
    for combo in situation_combinations(d):
        ev = evaluate(compiled, who, {}, combo, everyone)
        worst = max(worst, ev.run_count)
        for party, count in ev.party_run_counts().items():
            by_party[party] = max(by_party[party], count)
        for trip in ev.trips:
            trips.setdefault((trip.kind, trip.item_id), trip)
    return worst, by_party, list(trips.values())


def _trip_name(d: MatterDefinition, trip: Trip) -> Text:
    if trip.kind == "pickup":
        return PICKUP
    items = d.materials if trip.kind == "original" else d.on_site_steps
    return as_text(next(i.name for i in items if i.id == trip.item_id))


def _tally(runs: Iterable[int]) -> dict[str, int]:
    counts = {"0": 0, "1": 0, "more": 0}
    for n in runs:
        counts[str(n) if n < 2 else "more"] += 1
    return counts


def _top(found: Mapping[tuple[str, str], tuple[Text, list[str]]]) -> list[Blocker]:
    ranked = sorted(found.items(), key=lambda item: (-len(item[1][1]), item[0]))
    return [Blocker(kind, name, codes) for (kind, _), (name, codes) in ranked[:TOP]]


def to_json(report: Report) -> str:
    return orjson.dumps(asdict(report), option=orjson.OPT_INDENT_2).decode()


def render(report: Report, out: Console) -> None:
    keys = list(report.applicants)
    out.print(
        f"Measuring zero in {report.region} {report.region_name}: "
        f"{len(report.matters)} matters offered"
    )
    for key, text in report.applicants.items():
        out.print(f"  ({LABELS[key]}) {text['en']}")
    tally = Table("Trips", *(f"({LABELS[k]})" for k in keys), box=box.SIMPLE)
    for bucket in ("0", "1", "more"):
        tally.add_row(bucket, *(str(report.tally[k][bucket]) for k in keys))
    out.print(tally)
    automatic = [m.code for m in report.matters if m.sample_rate is not None]
    out.print(
        f"Decided automatically (秒批) when every rule holds on authoritative data: "
        f"{report.automatic} matters{': ' + ', '.join(automatic) if automatic else ''}"
    )
    for key, blockers in report.blockers.items():
        if not blockers:
            out.print(f"({LABELS[key]}) needs no trip for any matter.")
            continue
        table = Table(
            "Kind",
            "Material or step",
            "Matters",
            "Codes",
            title=f"Most common trips for ({LABELS[key]})",
            box=box.SIMPLE,
        )
        for b in blockers:
            table.add_row(b.kind, b.name["zh"], str(len(b.matters)), ", ".join(b.matters))
        out.print(table)
    matters = Table(
        "Code", "Name", "Runs (a) → (b)", "By party (b)", "Checked (秒批)", box=box.SIMPLE
    )
    for m in report.matters:
        by_party = m.party_runs.get(keys[-1], {})
        matters.add_row(
            m.code,
            m.name["zh"],
            " → ".join(str(m.runs[k]) for k in keys),
            " · ".join(f"{party} {n}" for party, n in by_party.items()),
            "" if m.sample_rate is None else f"{m.sample_rate:.0%}",
        )
    out.print(matters)
