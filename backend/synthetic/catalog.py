"""The synthetic catalog, as pure data: province templates, each city's and county's own
matters, and county localisations of province templates, each built by varying one of the
demo province templates so it passes the same checks (`check_matter`)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from backend.catalog.service import merge
from backend.synthetic.vocabulary import DEPARTMENTS, KEYWORDS, MATTERS, VARIANTS

Doc = dict[str, Any]
PROVINCE = "330000"
TEMPLATES_PER_PROVINCE = 958
MATTERS_PER_CITY = 1002
MATTERS_PER_COUNTY = 862
LOCALISED_SHARE = 0.4  # of a county's matters, the share that localise a province template
CODE_TAG = "SY"  # every synthetic matter code is <region>-SY-<number>


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | city | county


@dataclass(frozen=True)
class Planned:
    """One matter as published: the document as authored and its effective definition."""

    source: Doc
    definition: Doc
    level: str


def zhejiang(regions: list[Mapping[str, Any]]) -> list[Region]:
    """The province, its cities and counties, from regions.json's entries."""
    return [
        Region(r["code"], r["name"], r["level"])
        for r in regions
        if r["code"].startswith("33") and r["level"] in ("province", "city", "county")
    ]


def counts(scale: float) -> tuple[int, int, int]:
    """Matters per province, per city and per county at this scale (at least one each)."""
    return tuple(  # type: ignore[return-value]
        max(1, round(n * scale))
        for n in (TEMPLATES_PER_PROVINCE, MATTERS_PER_CITY, MATTERS_PER_COUNTY)
    )


def is_synthetic(code: str) -> bool:
    return code.split("-")[1:2] == [CODE_TAG]


def plan(regions: list[Region], demos: list[Doc], scale: float, seed: int) -> Iterator[Planned]:
    """Every synthetic matter, templates first, in an order that depends only on the seed."""
    rng = random.Random(seed)
    per_province, per_city, per_county = counts(scale)
    province = next(r for r in regions if r.level == "province")
    templates: list[Doc] = []
    for n in range(1, per_province + 1):
        doc = _vary(rng.choice(demos), province, n, rng)
        templates.append(doc)
        yield Planned(doc, doc, "province")
    for region in (r for r in regions if r.level == "city"):
        for n in range(1, per_city + 1):
            doc = _vary(rng.choice(demos), region, n, rng)
            yield Planned(doc, doc, "city")
    for region in (r for r in regions if r.level == "county"):
        localised = min(len(templates), round(per_county * LOCALISED_SHARE))
        chosen = rng.sample(templates, localised)
        for n in range(1, per_county + 1):
            if n <= localised:
                source = _localise(chosen[n - 1], region, n, rng)
                yield Planned(source, merge(chosen[n - 1], source), "county")
            else:
                doc = _vary(rng.choice(demos), region, n, rng)
                yield Planned(doc, doc, "county")


def code(region: str, n: int) -> str:
    return f"{region}-{CODE_TAG}-{n:05d}"


def _department(region: Region, rng: random.Random) -> Doc:
    suffix, zh, en = rng.choice(DEPARTMENTS)
    return {
        "code": f"{region.code}-{suffix}",
        "name": {"zh": f"{region.name}{zh}", "en": f"{en} of {region.code}"},
    }


def _vary(demo: Doc, region: Region, n: int, rng: random.Random) -> Doc:
    """A new matter with the demo's form, situations and rules, under another name."""
    doc: Doc = orjson.loads(orjson.dumps(demo))
    base_zh, base_en, kind = rng.choice(MATTERS)
    variant_zh, variant_en = rng.choice(VARIANTS)
    name_en = (base_en[0].upper() + base_en[1:] + variant_en)[:300]
    doc.update(
        code=code(region.code, n),
        region=region.code,
        kind=kind,
        name={"zh": base_zh + variant_zh, "en": name_en},
        department=_department(region, rng),
        keywords=sorted(set(rng.sample(KEYWORDS, 3)) | {base_zh}),
    )
    doc["summary"] = {
        "zh": f"{region.name}办理{base_zh}{variant_zh}。{demo['summary']['zh']}",
        "en": f"{name_en} in {region.code}. {demo['summary']['en']}",
    }
    statutory = rng.choice((1, 3, 5, 10, 15, 20, 30))
    doc["time_limits"] = {
        **doc["time_limits"],
        "statutory_days": statutory,
        "promised_days": rng.randint(0, statutory),
        "overrides": [  # a promise never longer than the law's
            {**o, "promised_days": min(o["promised_days"], statutory)}
            for o in doc["time_limits"].get("overrides", [])
        ],
    }
    optional = [m for m in doc["materials"] if "required_when" in m]
    if len(doc["materials"]) > 2 and optional and rng.random() < 0.3:
        dropped = rng.choice(optional)["id"]
        doc["materials"] = [m for m in doc["materials"] if m["id"] != dropped]
    channels = [c for c in doc["channels"] if c == "window" or rng.random() < 0.9]
    doc["channels"] = channels or ["window"]
    return doc


def _localise(template: Doc, county: Region, n: int, rng: random.Random) -> Doc:
    """A county version that changes what counties usually change: the department, the
    promised time and where the window is."""
    limits = template["time_limits"]
    return {
        "code": code(county.code, n),
        "region": county.code,
        "extends": template["code"],
        "department": _department(county, rng),
        "time_limits": {"promised_days": rng.randint(0, limits["promised_days"])},
        "contact": {
            "phone": f"0{rng.randint(570, 580)}-{rng.randint(80000000, 89999999)}",
            "address": {
                "zh": f"{county.name}政务服务中心 {rng.randint(1, 4)} 楼 {rng.randint(1, 60)} 号窗口",
                "en": f"Window {rng.randint(1, 60)}, Government Service Centre of {county.code}",
            },
            "hours": {
                "zh": "周一至周五 9:00—12:00、13:30—17:00（法定节假日除外）",
                "en": "Mon–Fri 9:00–12:00 and 13:30–17:00 (closed on public holidays)",
            },
        },
    }
