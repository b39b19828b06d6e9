"""Catalog search at province scale next to the demo, the query alone: `list_matters` (a page
of 20, tortoise included, no answer cache) for citizens' keywords in a county, timed in two
worker processes, one per database, driven in turn so that both meet the same noise.

    .venv/bin/python bench/bench_search.py DEMO_URL PROVINCE_URL [--rounds 30]

Each round asks every keyword once of each database (the order of the two alternating). Prints
the median and p99 per keyword and over all of them, and the province's ratio to the demo;
writes it to bench/results/search.md. Prepare the databases as bench_province.py says
(`zerorun synthesize --applications 0` is enough here).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402

REGION = "330106"
# The issue's cases (citizens' words, pinyin, initials, traditional), then common and rare words.
KEYWORDS = [
    "生孩子", "户籍", "社会保险", "hukou", "sfz", "戶口", "房产",
    "登记", "杭州", "证明", "营业执照", "护照", "结婚", "驾驶证", "申请", "退休",
]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def serve(database_url: str) -> None:
    """The worker: answers each keyword read from stdin with its time in ms and hit count."""
    from backend import db
    from backend.catalog import service as catalog
    from backend.settings import Settings

    await db.init(replace(Settings.from_env(), database_url=database_url))
    try:
        for line in sys.stdin:
            f = catalog.MatterFilter(region=REGION, keyword=line.strip())
            start = time.perf_counter()
            rows, _ = await catalog.list_matters(f, 20, None)
            took = (time.perf_counter() - start) * 1000
            print(json.dumps([took, len(rows)]), flush=True)
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("demo")
    parser.add_argument("province")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    env = {**os.environ, "ZERORUN_ENV": "development"}
    workers = {
        name: subprocess.Popen(
            [sys.executable, __file__, "--serve", url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, url in (("demo", args.demo), ("province", args.province))
    }

    def ask(name: str, keyword: str) -> tuple[float, int]:
        worker = workers[name]
        assert worker.stdin and worker.stdout
        worker.stdin.write(keyword + "\n")
        worker.stdin.flush()
        took, hits = json.loads(worker.stdout.readline())
        return took, hits

    times: dict[tuple[str, str], list[float]] = {}
    hits: dict[tuple[str, str], int] = {}
    for name in workers:  # warm: compiled statements, the page cache
        for keyword in KEYWORDS:
            ask(name, keyword)
    for round_ in range(args.rounds):
        order = ["demo", "province"] if round_ % 2 == 0 else ["province", "demo"]
        for keyword in KEYWORDS:
            for name in order:
                took, hits[name, keyword] = ask(name, keyword)
                times.setdefault((name, keyword), []).append(took)
        print(f"round {round_ + 1}/{args.rounds}", file=sys.stderr, end="\r")
    for worker in workers.values():
        assert worker.stdin
        worker.stdin.close()
        worker.wait()

    def row(label: str, demo: list[float], province: list[float], found: str) -> str:
        d50, d99 = statistics.median(demo), percentile(demo, 0.99)
        p50, p99 = statistics.median(province), percentile(province, 0.99)
        return (
            f"| {label} | {found} | {d50:.2f} / {d99:.2f} | {p50:.2f} / {p99:.2f} "
            f"| {p50 / d50:.1f}× / {p99 / d99:.1f}× |"
        )

    lines = [
        f"Search in {REGION}, the query alone (`list_matters`, a page of 20), {args.rounds} rounds,"
        " both databases in turn; milliseconds.",
        "",
        "| keyword | hits demo / province | demo median / p99 | province median / p99 | ratio |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for keyword in KEYWORDS:
        found = f"{hits['demo', keyword]} / {hits['province', keyword]}"
        lines.append(row(keyword, times["demo", keyword], times["province", keyword], found))
    every = {name: [t for (n, _), ts in times.items() if n == name for t in ts] for name in workers}
    lines.append(row("**all**", every["demo"], every["province"], ""))
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "results" / "search.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        asyncio.run(serve(sys.argv[2]))
    else:
        main()
