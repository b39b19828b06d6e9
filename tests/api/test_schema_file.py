"""schema.graphql is the committed contract of the citizen API."""

from __future__ import annotations

from backend.api.schema import contracts
from backend.settings import ROOT

schema, staff_schema = contracts()


def test_committed_schema_graphql_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", (
        "schema.graphql is stale: run `.venv/bin/zerorun export-schema` and commit it"
    )


def test_committed_staff_graphql_matches_the_code() -> None:
    committed = (ROOT / "staff.graphql").read_text(encoding="utf-8")
    assert committed == staff_schema.as_str() + "\n", (
        "staff.graphql is stale: run `.venv/bin/zerorun export-schema` and commit it"
    )


def test_staff_only_words_do_not_appear_in_the_citizen_schema() -> None:
    sdl = schema.as_str()
    for word in ("password", "reviewer", "auditLog"):
        assert word not in sdl
