"""The schemas as a contract (test_schema_contract.py): every breaking change between the previous
release's schema (`schema.previous.graphql`, `staff.previous.graphql`) and the committed one must be
listed in CHANGELOG.md, and a field, argument or enum value is removed only after a release in
which it was `@deprecated`.

A change is listed by a bullet under `### Breaking` in the `## Unreleased` section that starts
with the schema file's name and names the change's schema coordinate, both in backticks:

    ### Breaking
    - `staff.graphql` `StaffError.code`: `String!` becomes the enum `StaffErrorCode!` (same values).

The coordinate is the type (`Region`), field (`Citizen.eLicenses`), input field
(`TestCaseInput.name`), argument (`Query.matter(code:)`), enum value (`AuthoringStatus.DRAFT`)
or directive (`@oneOf`) that graphql-core's `find_breaking_changes` names; one bullet may name
several coordinates of one schema."""

from __future__ import annotations

import re
from dataclasses import dataclass

import graphql
from graphql import BreakingChangeType as Kind

# Where graphql-core 3.3 names the coordinate in a change's description, tried in order.
COORDINATE = [
    re.compile(r"\b\w+\.\w+\(\w+:\)"),  # Argument Query.matter(code:) was removed.
    re.compile(r"@\w+(?:\(\w+:\))?"),  # Directive @oneOf was removed.
    re.compile(r"\b\w+\.\w+\b"),  # Field Citizen.eLicenses was removed. / Enum value E.V ...
    re.compile(r"from union type (\w+)"),  # Foo was removed from union type FooResult.
    re.compile(r"^(?:Standard scalar )?(\w+)"),  # Region was removed. / Region changed from ...
]
REMOVALS = {Kind.FIELD_REMOVED, Kind.ARG_REMOVED, Kind.VALUE_REMOVED_FROM_ENUM}


@dataclass(frozen=True)
class Verdict:
    """One breaking change, and what is still to do before it may ship (None: nothing)."""

    coordinate: str
    description: str
    todo: str | None


def coordinate(description: str) -> str:
    for pattern in COORDINATE:
        if found := pattern.search(description):
            return found.group(found.re.groups)
    return description


def listed(changelog: str, schema_file: str) -> set[str]:
    """The backticked names in the Unreleased section's `### Breaking` bullets for schema_file."""
    unreleased = re.search(r"^## Unreleased[ \t]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    breaking = unreleased and re.search(
        r"^### Breaking\s*\n(.*?)(?=^#|\Z)", unreleased[1], re.M | re.S
    )
    if not breaking:
        return set()
    bullets = re.findall(r"^- .*(?:\n[ \t]+\S.*)*", breaking[1], re.M)
    opening = f"- `{schema_file}` "
    return {
        name for bullet in bullets if bullet.startswith(opening)
        for name in re.findall(r"`([^`]+)`", bullet)
    }  # fmt: skip


def was_deprecated(schema: graphql.GraphQLSchema, name: str) -> bool:
    """Whether the field `T.f`, argument `T.f(a:)` or enum value `E.V` is @deprecated in schema."""
    parts = re.fullmatch(r"(\w+)\.(\w+)(?:\((\w+):\))?", name)
    if not parts:
        return False
    owner = schema.get_type(parts[1])
    if isinstance(owner, graphql.GraphQLEnumType):
        value = owner.values.get(parts[2])
        return value is not None and value.deprecation_reason is not None
    fields = getattr(owner, "fields", {})
    found = fields.get(parts[2])
    if found is not None and parts[3]:
        found = found.args.get(parts[3])
    return found is not None and found.deprecation_reason is not None


def verdicts(schema_file: str, previous: str, current: str, changelog: str) -> list[Verdict]:
    """Every breaking change from previous to current (SDL texts), each with what is left to do."""
    old, new = graphql.build_schema(previous), graphql.build_schema(current)
    names = listed(changelog, schema_file)
    found = []
    for change in graphql.find_breaking_changes(old, new):
        name = coordinate(change.description)
        todo = None
        if change.type in REMOVALS and not was_deprecated(old, name):
            todo = (
                f"`{name}` was not @deprecated in {previous_file(schema_file)}, so it may not be "
                "removed yet, listed or not: put it back with @deprecated(reason: ...) naming its "
                "replacement, release that, and remove it in a later release"
            )
        elif name not in names:
            todo = (
                f"list it in CHANGELOG.md under `## Unreleased` / `### Breaking` as "
                f'"- `{schema_file}` `{name}`: what changed and what clients must do", '
                "or keep the old shape (add the new field beside it and @deprecate the old one)"
            )
        found.append(Verdict(name, change.description, todo))
    return found


def dangerous(previous: str, current: str) -> list[str]:
    """Changes that break no operation but may change what a client sees (for information)."""
    old, new = graphql.build_schema(previous), graphql.build_schema(current)
    return [change.description for change in graphql.find_dangerous_changes(old, new)]


def previous_file(schema_file: str) -> str:
    return schema_file.replace(".graphql", ".previous.graphql")
