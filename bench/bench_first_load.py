"""The configurator's first load over a slow line (issue 18: under 1.5 s at 9 Mbit/s, 60 ms): the
sign-in page as it is built now next to the same source built as before issue 18, in one run.

    .venv/bin/python bench/bench_first_load.py [--repeat 7]

Before: the source built with every screen in one chunk (rollup's manualChunks puts all but
ECharts and the spreadsheet writer, which were already loaded on demand, in one chunk: the
2.2 MB the issue measured) and without the precompressed files, so sent uncompressed. After:
configurator/dist as `npm run build` made it (build it first). Each is served by a real
`zerorun serve` (production mode, a fresh SQLite file, one worker; ZERORUN_WEB_DIR points the
before server at the old build), loaded cold `--repeat` times in turn in headless Chromium
(bench/first_load.mjs: a browser context of its own per load, CDP's emulated network 9 Mbit/s
both ways and 60 ms a request). Medians of first contentful paint, the load event, the sign-in
form on screen, bytes received and requests; the ratios after / before. Progress to stderr, the
table to stdout and bench/results/first_load.md. Needs Node, configurator/node_modules and
Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # bench.http from the root, never as the standard library's http

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from contextlib import ExitStack  # noqa: E402

from bench.http.servers import (  # noqa: E402
    BenchError,
    free_port,
    say,
    secret_key,
    serving,
    zerorun,
)

CONFIGURATOR = ROOT / "configurator"
RESULTS = ROOT / "bench" / "results" / "first_load.md"
TARGET_MS = 1500
# The configurator as built before issue 18, from today's source: one chunk but for what was
# already loaded on demand, and no .br/.gz next to it. Vite loads this from node_modules/.tmp so
# that the imports of vite.config.ts resolve.
BEFORE_CONFIG = """
import base from '../../vite.config.ts';

export default {
  ...base,
  plugins: base.plugins.flat().filter((plugin) => plugin && plugin.name !== 'zerorun-precompress'),
  build: {
    ...base.build,
    outDir: process.env.BEFORE_DIST,
    emptyOutDir: true,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          /node_modules\\/(echarts|zrender)\\/|\\/supervision\\/echarts\\.ts$/.test(id) ? 'echarts'
          : /node_modules\\/write-excel-file\\//.test(id) ? 'xlsx' : 'index',
      },
    },
  },
};
"""
MEASURES = (("fcp", "first contentful paint"), ("load", "load event"), ("form", "sign-in form"))


def build_before(dist: Path, log: Path) -> None:
    say("building the configurator as before issue 18 (one chunk, uncompressed) ...")
    config = CONFIGURATOR / "node_modules" / ".tmp" / "bench-first-load.config.mjs"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(BEFORE_CONFIG, encoding="utf-8")
    try:
        with log.open("ab") as out:
            done = subprocess.run(
                ["npx", "vite", "build", "--config", str(config), "--logLevel", "warn"],
                cwd=CONFIGURATOR,
                env={**os.environ, "BEFORE_DIST": str(dist)},
                stdout=out,
                stderr=out,
            )
    finally:
        config.unlink(missing_ok=True)
    if done.returncode != 0:
        raise BenchError(f"the before build failed; see {log}")


def measure(sites: list[dict[str, str]], repeat: int) -> dict[str, list[dict[str, float]]]:
    say(f"loading the sign-in page {repeat} times each in Chromium at 9 Mbit/s, 60 ms ...")
    done = subprocess.run(
        ["node", str(ROOT / "bench" / "first_load.mjs"), json.dumps(sites), str(repeat)],
        cwd=CONFIGURATOR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise BenchError(f"bench/first_load.mjs failed:\n{done.stderr[-2000:]}")
    result: dict[str, list[dict[str, float]]] = json.loads(done.stdout)
    return result


def median(loads: list[dict[str, float]], key: str) -> float:
    return statistics.median(load[key] for load in loads)


def table(results: dict[str, list[dict[str, float]]], repeat: int) -> list[str]:
    before, after = results["before"], results["after"]
    lines = [
        "| what (median) | before | after | after / before |",
        "| --- | --- | --- | --- |",
    ]
    for key, name in MEASURES:
        b, a = median(before, key), median(after, key)
        lines.append(f"| {name} | {b:.0f} ms | {a:.0f} ms | {a / b:.2f} |")
    b, a = median(before, "bytes"), median(after, "bytes")
    lines.append(f"| bytes received | {b / 1000:.0f} kB | {a / 1000:.0f} kB | {a / b:.2f} |")
    b, a = median(before, "requests"), median(after, "requests")
    lines.append(f"| requests | {b:.0f} | {a:.0f} | {a / b:.2f} |")
    slowest = max(max(load["load"], load["form"]) for load in after)
    verdict = "met" if slowest < TARGET_MS else "NOT met"
    lines += [
        "",
        f"Target: the sign-in form on screen and the load event under {TARGET_MS} ms — {verdict} "
        f"(slowest of the {repeat} after loads: {slowest:.0f} ms).",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    if not (CONFIGURATOR / "dist" / "index.html").exists():
        raise BenchError("configurator/dist is not built: run `npm run build` in configurator/")
    folder = Path(tempfile.mkdtemp(prefix="bench-first-load-"))
    log = folder / "bench.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZERORUN_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DATABASE_URL=f"sqlite://{folder / 'first-load.sqlite3'}",
        REDIS_URL="",
        ZERORUN_SECRET_KEY=secret_key(),
        ZERORUN_FILES_DIR=str(folder / "files"),
    )
    try:
        build_before(folder / "before" / "configurator", log)
        zerorun(["migrate"], env, log)
        sites = []
        with ExitStack() as stack:
            for label, web_dir in (("before", str(folder / "before")), ("after", None)):
                port = free_port()
                url = f"http://127.0.0.1:{port}"
                command = [sys.executable, "-m", "backend", "serve", "--port", str(port)]
                served = {**env, "ZERORUN_WEB_DIR": web_dir} if web_dir else env
                stack.enter_context(
                    serving(f"zerorun serve ({label})", command, served, f"{url}/healthz", log)
                )
                sites.append({"label": label, "url": f"{url}/configurator/"})
            results = measure(sites, options.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = [
        "# The configurator's first load at 9 Mbit/s, 60 ms",
        "",
        f"bench/bench_first_load.py, {dt.date.today()}: the sign-in page loaded cold "
        f"{options.repeat} times each in headless Chromium (CDP network emulation: 9 Mbit/s both "
        "ways, 60 ms a request), served by `zerorun serve` over loopback. Before: today's source "
        "built as one chunk (but ECharts and the spreadsheet writer, loaded on demand before too) "
        "and sent uncompressed. After: the build as it is (screens in chunks of their own, React "
        "and ECharts apart, brotli files sent to Chromium). On the shared 2-core machine: compare "
        "the columns of one run, not runs.",
        "",
        *table(results, options.repeat),
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        say(str(error))
        sys.exit(1)
