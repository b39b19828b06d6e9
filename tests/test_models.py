"""Guards for what the ORM turns into SQL."""

from __future__ import annotations

import importlib
import inspect

import pytest
from tortoise.models import Model

from backend.db import MODEL_MODULES


def models() -> list[type[Model]]:
    found = []
    for name in MODEL_MODULES:
        module = importlib.import_module(name)
        found += [
            m
            for _, m in inspect.getmembers(module, inspect.isclass)
            if issubclass(m, Model) and m.__module__ == name
        ]
    return found


@pytest.mark.parametrize("model", models(), ids=lambda m: m.__name__)
def test_no_table_comment_holds_a_semicolon_because_sqlite_migrations_split_on_it(
    model: type[Model],
) -> None:
    comment = (
        (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    )  # what Tortoise writes
    assert ";" not in comment, f"{model.__name__}: {comment!r}"
