"""The workbench's search synonyms screen against the staff API: what it sends, at pinned costs.

PINNED: the statements of each operation of configurator/src/workbench/synonyms/synonyms.graphql,
measured in this file's scenario (tests/api/test_client_round_trips.py checks that every
operation the clients send is pinned somewhere). fast_path_reads: the screen's reads, sent both
ways by tests/api/test_fast_path.py."""

from __future__ import annotations

from typing import Any

from operation_replay import Replay
from support import staff_token

PINNED: dict[str, int] = {
    "configurator/SynonymsList": 2,  # the session, the region's words
    "configurator/SynonymsSet": 6,  # the session, the word, the county's count, the row, the audit (2)
    "configurator/SynonymsRemove": 5,  # the session, the word, its deletion, the audit (2)
}


async def fast_path_reads(c: Any) -> None:
    """Every query of the screen, sent through both apps (c.send(key, variables, token))."""
    admin = await staff_token(c.client, "synonyms-ui-1", "county_admin")
    await c.send("configurator/SynonymsList", {}, admin)


async def test_the_administrator_adds_and_removes_a_countys_word_at_pinned_costs(
    replay: Replay,
) -> None:
    r = replay
    admin = await staff_token(r.client, "synonyms-ui-1", "county_admin")

    added = await r.run(
        "configurator/SynonymsSet", {"said": "奶茶店", "meant": ["个体工商户"]}, admin
    )
    listed = await r.run("configurator/SynonymsList", {}, admin)
    removed = await r.run("configurator/SynonymsRemove", {"said": "奶茶店"}, admin)

    assert added["setSearchSynonym"] == {"__typename": "SearchSynonym", "said": "奶茶店"}
    assert [s["said"] for s in listed["searchSynonyms"] if s["editable"]] == ["奶茶店"]
    assert removed["removeSearchSynonym"] == {"__typename": "SearchSynonym"}
    assert r.counts == PINNED
