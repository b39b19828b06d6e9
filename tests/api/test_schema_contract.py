"""The committed schemas against the previous release's: no breaking change that CHANGELOG.md does
not list, no removal without a release in which it was @deprecated (schema_contract.py says how
a change is listed; scripts/cut-release moves the previous snapshots forward)."""

from __future__ import annotations

import pytest
from schema_contract import dangerous, listed, previous_file, verdicts

from backend.settings import ROOT

PREVIOUS = """
type Query { citizen: Citizen }
type Citizen {
  name: String!
  status: String!
  eLicenses: [String!]! @deprecated(reason: "Use wallet.")
  wallet(kind: String, region: String @deprecated(reason: "Always the citizen's.")): [String!]!
  kind: Kind!
}
enum Kind { RESIDENT VISITOR @deprecated(reason: "Not offered.") }
"""

LISTED = """# Changelog

## Unreleased

### Breaking
- `schema.graphql` `Citizen.eLicenses`, `Kind.VISITOR`: removed after a release deprecated.
- `schema.graphql` `Citizen.status`: `String!` becomes the enum `CitizenStatus!` (same values);
  clients comparing strings keep working.
- `schema.graphql` `Citizen.wallet(region:)`: removed after a release deprecated.

## 0.1.0 (2026-12-02)
"""


def changed(old: str, new: str) -> str:
    assert old in PREVIOUS
    return PREVIOUS.replace(old, new)


def todo(current: str, changelog: str) -> dict[str, str | None]:
    return {v.coordinate: v.todo for v in verdicts("schema.graphql", PREVIOUS, current, changelog)}


@pytest.mark.parametrize("schema_file", ["schema.graphql", "staff.graphql"])
def test_every_breaking_change_since_the_previous_release_is_listed_and_was_deprecated_first(
    schema_file: str,
) -> None:
    previous = (ROOT / previous_file(schema_file)).read_text(encoding="utf-8")
    current = (ROOT / schema_file).read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    found = verdicts(schema_file, previous, current, changelog)

    for description in dangerous(previous, current):
        print(f"{schema_file}: dangerous (allowed): {description}")
    for verdict in found:
        if verdict.todo is None:
            print(f"{schema_file}: breaking, listed in CHANGELOG.md: {verdict.description}")
    refused = [f"- {v.description}\n  to do: {v.todo}" for v in found if v.todo]
    if refused:
        message = f"{schema_file} breaks clients of the last release:\n" + "\n".join(refused)
        pytest.fail(message, pytrace=False)


def test_a_field_removed_without_deprecation_is_refused_even_when_listed() -> None:
    current = changed("  name: String!\n", "")
    changelog = LISTED.replace("`Citizen.eLicenses`", "`Citizen.name`")

    assert "not @deprecated in schema.previous.graphql" in str(
        todo(current, changelog)["Citizen.name"]
    )
    assert "not @deprecated" in str(todo(current, "")["Citizen.name"])


def test_a_deprecated_field_argument_and_enum_value_may_be_removed_once_listed() -> None:
    current = changed('  eLicenses: [String!]! @deprecated(reason: "Use wallet.")\n', "")
    current = current.replace(' VISITOR @deprecated(reason: "Not offered.")', "")
    current = current.replace(', region: String @deprecated(reason: "Always the citizen\'s.")', "")

    assert todo(current, LISTED) == {
        "Citizen.eLicenses": None, "Kind.VISITOR": None, "Citizen.wallet(region:)": None,
    }  # fmt: skip
    unlisted = todo(current, "")
    assert set(unlisted) == {"Citizen.eLicenses", "Kind.VISITOR", "Citizen.wallet(region:)"}
    assert all("list it in CHANGELOG.md" in str(step) for step in unlisted.values())


def test_a_field_whose_type_changed_is_refused_until_listed() -> None:
    current = (
        changed("  status: String!\n", "  status: CitizenStatus!\n") + "enum CitizenStatus { NEW }"
    )

    refused = todo(current, LISTED.replace("`Citizen.status`", "`Citizen.name`"))
    allowed = todo(current, LISTED)

    assert "`schema.graphql` `Citizen.status`" in str(refused["Citizen.status"])
    assert allowed == {"Citizen.status": None}


def test_a_removed_type_and_an_argument_made_required_are_reported_with_their_coordinates() -> None:
    current = changed("  kind: Kind!\n", "").replace("enum Kind { RESIDENT", "enum Gone { RESIDENT")
    current = current.replace("wallet(kind: String,", "wallet(kind: String!,")

    assert set(todo(current, "")) == {"Kind", "Citizen.kind", "Citizen.wallet(kind:)"}


def test_only_bullets_of_the_unreleased_breaking_list_naming_the_schema_file_count() -> None:
    released = LISTED.replace(
        "## Unreleased\n\n### Breaking\n", "## Unreleased\n\n## 0.2.0\n### Breaking\n"
    )
    other_heading = LISTED.replace("### Breaking", "### Changed")

    assert "Citizen.status" in listed(LISTED, "schema.graphql")
    assert "Citizen.status" not in listed(LISTED, "staff.graphql")
    assert listed(released, "schema.graphql") == set()
    assert listed(other_heading, "schema.graphql") == set()
