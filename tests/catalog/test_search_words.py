"""Citizens search in their own words: synonyms, pinyin and initials, traditional characters;
hits come by relevance (name, keywords, department) and a county's version stands for its
template, never both (issue 18). Every case runs on SQLite and PostgreSQL."""

from __future__ import annotations

import base64

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from opencc import OpenCC
from support import gql

from backend.catalog.models import Matter
from backend.catalog.search import SEGMENT, grams, readings, searchable, wanted_grams

MATTERS = """
query Matters($filter: MatterFilter, $first: Int, $after: String) {
  matters(filter: $filter, first: $first, after: $after) {
    edges { cursor node { code extends } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
COUNTY = "330106"
HOUSE = ["330106-ZJ-001", "330106-ZJ-002", "330106-ZJ-003"]
BIRTH, INSURANCE, SOCIAL_CARD, SHOP, MOVE_IN, ID_CARD = (
    "330106-ZJ-004",
    "330106-ZJ-005",
    "330106-ZJ-006",
    "330106-ZJ-007",
    "330106-ZJ-008",
    "330106-ZJ-009",
)


async def search(client: httpx.AsyncClient, keyword: str, **filter: str) -> list[str]:
    body = await gql(client, MATTERS, {"filter": {"keyword": keyword, **filter}, "first": 100})
    return [e["node"]["code"] for e in body["data"]["matters"]["edges"]]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("生孩子", {BIRTH, INSURANCE}),  # 出生登记; 新生儿 参保
        ("户籍", {MOVE_IN, BIRTH}),  # 户口迁入; 上户口
        ("社会保险", {SOCIAL_CARD, INSURANCE}),  # 社会保障卡; 参保
        ("开店", {SHOP}),
        ("hukou", {MOVE_IN, BIRTH}),  # the pinyin of 户口迁入 and of 上户口
        ("Hu Kou", {MOVE_IN, BIRTH}),  # typed syllable by syllable
        ("sfz", {ID_CARD}),
        ("csdj", {BIRTH}),  # the initials of 出生登记
        ("戶口", {MOVE_IN, BIRTH}),  # traditional characters
        ("身份證", {ID_CARD}),
        ("房产", set(HOUSE)),  # 不动产; 二手房, 买房
    ],
)
async def test_a_citizen_finds_the_matter_in_their_own_words(
    client: httpx.AsyncClient, words: str, expected: set[str]
) -> None:
    assert expected <= set(await search(client, words, region=COUNTY))


async def test_a_hit_in_the_name_comes_before_one_in_the_keywords(
    client: httpx.AsyncClient,
) -> None:
    found = await search(client, "户口", region=COUNTY)
    assert found.index(MOVE_IN) < found.index(BIRTH)  # 户口迁入 before 出生登记 (上户口)


async def test_a_hit_in_the_name_comes_before_one_in_the_department(
    client: httpx.AsyncClient,
) -> None:
    # 社会保障卡申领 before 城乡居民基本医疗保险参保登记 (浙江省医疗保障局)
    assert await search(client, "保障", region=COUNTY) == [SOCIAL_CARD, INSURANCE]


@pytest.mark.parametrize("words", ["登记", "房", "证", "户口", "社保", "杭州", "fang", "局"])
async def test_results_are_ordered_by_the_segment_of_the_first_hit_then_id(
    client: httpx.AsyncClient, words: str
) -> None:
    found = await search(client, words, region=COUNTY)
    texts = {m.code: (m.id, m.search_text) for m in await Matter.filter(code__in=found)}

    def tier(code: str) -> tuple[int, int]:
        matter_id, text = texts[code]
        segments = text.split(SEGMENT)
        hit = min(i for i, s in enumerate(segments) if any(w in s for w in readings(words)))
        return hit, matter_id

    assert found and found == sorted(found, key=tier)


@pytest.mark.parametrize("words", ["户口", "房产", "社保", "登记"])
async def test_without_a_region_the_county_version_stands_for_its_template(
    client: httpx.AsyncClient, words: str
) -> None:
    body = await gql(client, MATTERS, {"filter": {"keyword": words}, "first": 100})
    nodes = [e["node"] for e in body["data"]["matters"]["edges"]]
    codes = {n["code"] for n in nodes}
    assert nodes and len(codes) == len(nodes)
    assert not codes & {n["extends"] for n in nodes}
    assert all(c.startswith("330106-") for c in codes)  # the demo localises every template


@pytest.mark.parametrize("region", [COUNTY, ""])
async def test_a_ranked_search_pages_through_every_hit_once_in_order(
    client: httpx.AsyncClient, region: str
) -> None:
    f = {"keyword": "登记", "region": region} if region else {"keyword": "登记"}
    whole = await search(client, **f)
    seen, after = [], None
    while True:
        body = await gql(client, MATTERS, {"filter": f, "first": 2, "after": after})
        page = body["data"]["matters"]
        seen += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(whole) > 2 and seen == whole


async def test_a_cursor_given_out_before_ranking_still_pages(client: httpx.AsyncClient) -> None:
    first = await gql(client, MATTERS, {"filter": {"region": COUNTY}, "first": 1})
    after = first["data"]["matters"]["pageInfo"]["endCursor"]
    assert base64.urlsafe_b64decode(after).startswith(b"matter:")
    body = await gql(
        client, MATTERS, {"filter": {"region": COUNTY, "keyword": "户口"}, "after": after}
    )
    assert "errors" not in body


@pytest.mark.parametrize(
    "name",
    ["存量房买卖合同网签备案", "出生登记", "社会保障卡申领", "户口迁入", "居民身份证首次申领"],
)
async def test_traditional_and_simplified_names_find_the_same_matters(
    client: httpx.AsyncClient, name: str
) -> None:
    traditional = OpenCC("s2t").convert(name)
    assert traditional != name
    found = await search(client, name, region=COUNTY)
    assert found and await search(client, traditional, region=COUNTY) == found


DEFINITION = st.fixed_dictionaries(
    {
        "name": st.fixed_dictionaries({"zh": st.text(min_size=1), "en": st.text()}),
        "keywords": st.lists(st.text(min_size=1), max_size=4),
        "department": st.fixed_dictionaries({"name": st.fixed_dictionaries({"zh": st.text()})}),
    }
)


@given(DEFINITION, st.data())
def test_every_word_of_the_search_text_is_found_through_the_gram_index(
    d: dict[str, object], data: st.DataObject
) -> None:
    """The index never hides a hit: whatever piece of a matter's text a citizen types, each
    gram the search probes is one the matter was indexed under."""
    text = searchable(d)
    words = text.split()
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    start = data.draw(st.integers(0, len(word) - 1))
    piece = word[start : data.draw(st.integers(start + 1, len(word)))]
    assert wanted_grams(readings(piece)[0]) <= grams(text)
