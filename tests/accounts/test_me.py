"""What a client may know about the signed-in citizen, and the words a rating may use."""

from __future__ import annotations

import datetime as dt

import httpx
from support import gql, sign_in

from backend.accounts.service import SHANGHAI


async def test_me_carries_birth_date_and_age_so_a_page_can_judge_age_rules(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-4")  # 张秀英, born 1952-09-18
    me = (await gql(client, "{ me { name idNumberMasked birthDate age } }", token=token))["data"][
        "me"
    ]

    today = dt.datetime.now(SHANGHAI).date()
    assert me["birthDate"] == "1952-09-18" and me["idNumberMasked"] == "3301**********0229"
    assert me["age"] == today.year - 1952 - ((today.month, today.day) < (9, 18))


async def test_the_rating_tags_are_listed_for_the_rating_page(client: httpx.AsyncClient) -> None:
    tags = (await gql(client, "{ ratingTags { value label { en } } }"))["data"]["ratingTags"]

    assert tags[0] == {"value": "办事快", "label": {"en": "Fast"}}
    assert [t["value"] for t in tags][-1] == "跑多次"
