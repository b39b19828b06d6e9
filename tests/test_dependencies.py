"""The dependencies say what the code imports, and the lock files were made from them."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from backend.settings import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCKS = {"app": ROOT / "requirements" / "app.txt", "test": ROOT / "requirements" / "test.txt"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {canonical(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def imported_top_level_names() -> dict[str, str]:
    """Each top-level name that backend/ imports absolutely, with one module that imports it."""
    names: dict[str, str] = {}
    for path in sorted((ROOT / "backend").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                names.setdefault(module.split(".")[0], str(path.relative_to(ROOT)))
    return names


def inputs_digest() -> str:
    """As scripts/lock computes it."""
    keys = ("requires-python", "dependencies", "optional-dependencies")
    values = [PROJECT.get(k) for k in keys]
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def pins(lock: str) -> dict[str, str]:
    text = LOCKS[lock].read_text(encoding="utf-8")
    return {canonical(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def test_every_package_the_backend_imports_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    ours = declared(PROJECT["dependencies"])
    third_party = {
        name: where
        for name, where in imported_top_level_names().items()
        if name not in sys.stdlib_module_names and name != "backend"
    }
    undeclared = {
        f"{name} ({where})": distributions.get(name, ["not installed"])
        for name, where in third_party.items()
        if not ours & {canonical(d) for d in distributions.get(name, [])}
    }

    assert "graphql" in third_party  # the walk found the imports
    assert undeclared == {}


def test_the_lock_files_were_made_from_the_dependencies_as_they_are() -> None:
    digest = inputs_digest()
    stale = [
        lock
        for lock, path in LOCKS.items()
        if f"inputs: {digest}" not in path.read_text(encoding="utf-8").splitlines()[0]
    ]

    assert stale == [], "pyproject.toml's dependencies changed: run scripts/lock"


def test_the_test_lock_pins_the_apps_very_versions() -> None:
    app, test = pins("app"), pins("test")

    assert declared(PROJECT["dependencies"]) <= app.keys()
    assert declared(PROJECT["optional-dependencies"]["test"]) <= test.keys()
    assert {name: test.get(name) for name in app} == app


def test_every_pin_carries_its_hashes() -> None:
    for lock in LOCKS:
        entries = re.split(r"\n(?=[A-Za-z0-9])", LOCKS[lock].read_text(encoding="utf-8"))
        unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]

        assert unhashed == [], lock
