"""The results: the machine and versions, one table row per backend and operation with the
issue's targets, written as bench/results/http.json and bench/results/http.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.http.wrk import Load

P99_TARGET_MS = 100.0
PACKAGES = [
    "strawberry-graphql",
    "graphql-core",
    "starlette",
    "uvicorn",
    "uvloop",
    "httptools",
    "tortoise-orm",
    "aiosqlite",
    "asyncpg",
    "redis",
    "orjson",
]
SERVICES = {"wrk": "wrk", "postgresql": "PostgreSQL", "redis": "Redis"}


@dataclass
class Row:
    backend: str
    operation: str
    load: Load
    baseline: Load  # the raw route, measured on the same backend's turn
    target: float | None  # None for the raw route itself

    @property
    def ratio(self) -> float:
        return self.load.rps / self.baseline.rps

    @property
    def ratio_met(self) -> bool:
        return self.target is None or self.ratio >= self.target

    @property
    def p99_met(self) -> bool:
        return self.load.p99_ms <= P99_TARGET_MS

    def as_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "operation": self.operation,
            **self.load.as_json(),
            "ratio_to_raw_starlette": round(self.ratio, 4),
            "ratio_target": self.target,
            "ratio_met": self.ratio_met,
            "p99_met": self.p99_met,
        }


@dataclass
class Run:
    settings: dict[str, Any]
    machine: dict[str, Any]
    operations: dict[str, str]  # name: what one request does
    notes: list[str]
    date: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    )
    rows: list[Row] = field(default_factory=list)
    rules: str = ""  # bench/bench_rules.py's table

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "settings": self.settings,
            "machine": self.machine,
            "targets": {
                "ratio_to_raw_starlette": {
                    r.operation: r.target for r in self.rows if r.target is not None
                },
                "p99_ms": P99_TARGET_MS,
            },
            "operations": self.operations,
            "results": [r.as_json() for r in self.rows],
            "notes": self.notes,
            "rules": self.rules,
        }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def commit() -> str:
    """The commit measured, and whether backend/ differed from it (read-only git commands)."""
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "backend"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head} with uncommitted changes in backend/" if changed else head


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine(services: dict[str, str]) -> dict[str, Any]:
    """What the figures depend on; `services` holds wrk's, PostgreSQL's and Redis's versions."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "commit": commit(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "load_average_at_start": load_average(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        **services,
    }


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| backend | operation | requests/s | p50 ms | p99 ms | ratio to raw | target "
        "| ratio met | p99 ≤ 100 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        target = "" if r.target is None else f"≥ {r.target:.2f}"
        met = "" if r.target is None else ("yes" if r.ratio_met else "**no**")
        failed = r.load.bad + r.load.socket_errors
        name = r.operation + (f" ({failed} failed requests)" if failed else "")
        lines.append(
            f"| {r.backend} | {name} | {r.load.rps:,.0f} | {r.load.p50_ms:.1f} "
            f"| {r.load.p99_ms:.1f} | {r.ratio:.3f} | {target} | {met} "
            f"| {'yes' if r.p99_met else '**no**'} |"
        )
    return lines


def markdown(run: Run) -> str:
    info, settings = run.machine, run.settings
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    services = ", ".join(f"{label} {info[key]}" for key, label in SERVICES.items() if key in info)
    measured = [r for r in run.rows if r.target is not None]
    met = sum(r.ratio_met and r.p99_met for r in measured)
    lines = [
        "# HTTP benchmark",
        "",
        f"`.venv/bin/python bench/bench_http.py --seconds {settings['seconds']:g} "
        f"--warmup {settings['warmup']:g} --connections {settings['connections']}`, {run.date}.",
        "",
        f"Commit {info['commit']}. {info['cpu']}, {info['cores']} cores, shared (load average "
        f"{info['load_average_at_start']} at the start, {info.get('load_average_at_end')} at the "
        f"end); Python {info['python']}; {packages}; {services}.",
        "",
        f"**{met} of {len(measured)} measurements meet both targets** (the ratio to the raw "
        "Starlette JSON route, measured on the same backend's turn of the same run, and "
        "p99 ≤ 100 ms).",
        "",
        *table(run.rows),
        "",
        *(
            [
                "What was tried, what blocks the targets not met, and what would come next: "
                "[docs/performance.md](../../docs/performance.md), “Where it stands”.",
                "",
            ]
            if met < len(measured)
            else []
        ),
        "## Operations",
        "",
        *[f"- **{name}**: {what}" for name, what in run.operations.items()],
        "",
        "## How it was measured",
        "",
        *[f"- {note}" for note in run.notes],
        "",
        "## JsonLogic engine (bench/bench_rules.py, same run)",
        "",
        run.rules.strip() or "Not run (--skip-rules).",
        "",
    ]
    return "\n".join(lines)


def write(out: Path, run: Run) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(run.as_json(), ensure_ascii=False, indent=2) + "\n"
    (out / "http.json").write_text(text, encoding="utf-8")
    (out / "http.md").write_text(markdown(run), encoding="utf-8")
