"""The switches that make the stand-in registry slow or failing, for all sources or some."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

Fail = Literal["none", "error", "garbage", "timeout"]
FAILS: tuple[Fail, ...] = ("none", "error", "garbage", "timeout")
MAX_DELAY_MS = 120_000


class BadSwitches(ValueError):
    """A control request or start option that names an unknown mode or source."""


def parse_fail(value: object) -> Fail:
    for fail in FAILS:
        if value == fail:
            return fail
    raise BadSwitches(f"fail must be one of {', '.join(FAILS)}, not {value!r}")


def parse_delay(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DELAY_MS:
        raise BadSwitches(f"delay_ms must be an integer from 0 to {MAX_DELAY_MS}, not {value!r}")
    return value


def parse_sources(value: object, known: Collection[str]) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise BadSwitches("sources must be a list of source ids, or null for every source")
    if unknown := sorted(set(value) - set(known)):
        raise BadSwitches(f"unknown sources: {', '.join(unknown)}")
    return frozenset(value)


@dataclass(frozen=True)
class Switches:
    """`delay_ms` first, then `fail`: `error` answers 500, `garbage` answers 200 with a body
    that is not a record, `timeout` answers nothing for 60 s. `sources` None means all."""

    delay_ms: int = 0
    fail: Fail = "none"
    sources: frozenset[str] | None = None

    def apply_to(self, source: str) -> bool:
        return self.sources is None or source in self.sources

    def as_json(self) -> dict[str, Any]:
        sources = None if self.sources is None else sorted(self.sources)
        return {"delay_ms": self.delay_ms, "fail": self.fail, "sources": sources}

    def changed(self, body: object, known: Collection[str]) -> Switches:
        """These switches with the keys a `POST /_control` body gives replaced."""
        if not isinstance(body, dict) or not set(body) <= {"delay_ms", "fail", "sources"}:
            raise BadSwitches('expected {"delay_ms": int, "fail": str, "sources": [str] | null}')
        return Switches(
            delay_ms=parse_delay(body.get("delay_ms", self.delay_ms)),
            fail=parse_fail(body.get("fail", self.fail)),
            sources=parse_sources(body["sources"], known) if "sources" in body else self.sources,
        )
