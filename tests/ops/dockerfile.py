"""The Dockerfile read as data (its stages, COPY, RUN, ENV, VOLUME, CMD lines), so that the ops
tests check the image as it is written rather than a copy of it that could drift."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass

from backend.settings import ROOT

DOCKERFILE = ROOT / "Dockerfile"


@dataclass(frozen=True)
class Stage:
    name: str  # "" for an unnamed stage (the final one)
    instructions: list[tuple[str, str]]  # (INSTRUCTION, its arguments)

    def all(self, keyword: str) -> list[str]:
        return [arguments for kw, arguments in self.instructions if kw == keyword]

    @property
    def workdir(self) -> str:
        return self.all("WORKDIR")[-1]

    def env(self) -> dict[str, str]:
        """ENV name=value pairs; `$NAME` in a value is left for the caller to expand."""
        return dict(pair.split("=", 1) for line in self.all("ENV") for pair in shlex.split(line))

    def copies(self) -> list[tuple[str, str, str]]:
        return [copied for line in self.all("COPY") for copied in copy_arguments(line)]

    def volumes(self) -> list[str]:
        return [volume for line in self.all("VOLUME") for volume in shlex.split(line)]

    def cmd(self) -> list[str]:
        command: list[str] = json.loads(self.all("CMD")[-1])
        return command

    def healthcheck(self) -> list[str]:
        command: list[str] = json.loads(self.all("HEALTHCHECK")[-1].split(" CMD ", 1)[1])
        return command


def copy_arguments(line: str) -> list[tuple[str, str, str]]:
    """A COPY line's (stage copied from, or "" for the build context; source; destination)."""
    words = shlex.split(line)
    stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), "")
    *sources, destination = [w for w in words if not w.startswith("--")]
    return [(stage, source, destination) for source in sources]


def stages() -> dict[str, Stage]:
    """Every stage by name, the unnamed final one under ""."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found: dict[str, Stage] = {}
    current: Stage | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            name = arguments.split(" AS ")[1].strip() if " AS " in arguments else ""
            current = found[name] = Stage(name, [])
        elif current is not None:
            current.instructions.append((keyword.upper(), arguments.strip()))
    return found
