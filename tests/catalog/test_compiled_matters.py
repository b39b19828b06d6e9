"""A version's compiled rules are kept by its content: one process serving two databases (a
test's own, a restore, a second tenant) never evaluates a matter with another's rules."""

from __future__ import annotations

from backend.catalog.definitions import content_hash
from backend.catalog.lint import read_catalog
from backend.catalog.models import MatterVersion
from backend.catalog.service import CompiledMatters
from backend.settings import ROOT

DOG, BIRTH = "330106-ZJ-004", "330106-ZJ-001"


def version(id: int, code: str) -> MatterVersion:
    """A version row as another database might hold it: the same id may name any content."""
    definition = read_catalog(ROOT / "form_schemas").definitions[code]
    return MatterVersion(id=id, definition=definition, content_hash=content_hash(definition))


def test_two_databases_with_the_same_version_id_get_each_their_own_rules() -> None:
    kept = CompiledMatters()
    first, second = kept.of(version(1, DOG)), kept.of(version(1, BIRTH))
    assert first.definition.code == DOG
    assert second.definition.code == BIRTH


def test_the_same_content_is_compiled_once_whatever_its_id() -> None:
    kept = CompiledMatters()
    assert kept.of(version(1, DOG)) is kept.of(version(7, DOG))


def test_the_least_recently_used_definition_goes_first() -> None:
    kept = CompiledMatters(size=2)
    dog = kept.of(version(1, DOG))
    kept.of(version(2, BIRTH))
    kept.of(version(1, DOG))  # used again: the birth matter is now the oldest
    kept.of(version(3, "330106-ZJ-002"))
    assert kept.of(version(1, DOG)) is dog
    assert len(kept._kept) == 2
