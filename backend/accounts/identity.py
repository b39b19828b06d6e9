"""Who a person is, as an identity provider verified it: the development residents here, the
mini-program platforms in miniprogram.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import orjson

from backend.accounts.models import Citizen as Citizen


@dataclass(frozen=True)
class Identity:
    """What a provider verified about a person."""

    provider: str
    subject: str
    name: str
    profile: dict[str, Any]


class IdentityProvider(Protocol):
    name: str
    development_only: bool

    async def authenticate(self, credential: str) -> Identity | None: ...


class DevelopmentProvider:
    """Signs in as one of the demo residents by their id; refused outside development mode."""

    name = "development"
    development_only = True

    def __init__(self, residents_file: Path) -> None:
        self.residents_file = residents_file

    async def authenticate(self, credential: str) -> Identity | None:
        residents = orjson.loads(self.residents_file.read_bytes())["residents"]
        for r in residents:
            if r["id"] == credential:
                profile = {k: v for k, v in r.items() if k not in ("id", "note")}
                return Identity(self.name, r["id"], r["name"], profile)
        return None


class SignInRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
