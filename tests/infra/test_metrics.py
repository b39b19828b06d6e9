"""/metrics: Prometheus text that counts what each worker does, added up across workers, for
loopback and the allowed networks only."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families
from support import HOUSE, app_client, gql, server_process

from backend.infra import metrics
from backend.settings import Settings

MATTER = "query Matter($c: String!) { matter(code: $c) { code } }"
FAMILIES = {
    "zerorun_graphql_requests",
    "zerorun_http_request_duration_seconds",
    "zerorun_db_statements",
    "zerorun_cache_lookups",
    "zerorun_registry_pulls",
    "zerorun_notices",
    "zerorun_outbox_pending",
    "zerorun_outbox_oldest_pending_seconds",
    "zerorun_outbox_given_up",
}


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Each sample of a scrape, keyed by its name and labels."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def requests_of(text: str, operation: str, outcome: str = "ok") -> float:
    labels = {"endpoint": "citizen", "operation": operation, "outcome": outcome}
    return samples(text).get(("zerorun_graphql_requests_total", frozenset(labels.items())), 0.0)


async def test_a_request_is_counted_by_operation_with_its_statements_and_latency(
    settings: Settings,
) -> None:
    async with app_client(replace(settings, fast_path=False)) as client:
        before = (await client.get("/metrics")).text
        await gql(client, MATTER, {"c": HOUSE})
        await client.post("/graphql", json={"query": "query Broken { nothing }"})
        after = await client.get("/metrics")

    assert after.headers["content-type"].startswith("text/plain")
    assert requests_of(after.text, "Matter") == requests_of(before, "Matter") + 1
    assert (
        requests_of(after.text, "Broken", "refused") == requests_of(before, "Broken", "refused") + 1
    )
    dialect = "sqlite" if settings.database_url.startswith("sqlite") else "postgres"
    statements = ("zerorun_db_statements_total", frozenset({("database", dialect)}))
    assert samples(after.text)[statements] > samples(before).get(statements, 0.0)
    latency = ("zerorun_http_request_duration_seconds_count", frozenset({("endpoint", "citizen")}))
    assert samples(after.text)[latency] == samples(before).get(latency, 0.0) + 2


async def test_every_family_is_present_with_the_outbox_backlog_read_at_the_scrape(
    settings: Settings,
) -> None:
    async with app_client(replace(settings, dispatch_in_workers=False)) as client:
        await client.post(  # a public answer: a cache lookup
            "/graphql", json={"query": MATTER, "variables": {"c": HOUSE}}
        )
        text = (await client.get("/metrics")).text

    names = {family.name for family in text_string_to_metric_families(text)}
    assert names >= FAMILIES
    pending = samples(text)[("zerorun_outbox_pending", frozenset({("side", "notice")}))]
    assert pending == 0.0  # the demo database has no application yet
    lookups = [k for k in samples(text) if k[0] == "zerorun_cache_lookups_total"]
    assert any(("cache", "public_answers") in labels for _, labels in lookups)


async def test_metrics_are_not_found_from_an_outside_address_unless_its_network_is_allowed(
    settings: Settings,
) -> None:
    async with app_client(settings, client_addr="203.0.113.9") as client:
        outside = await client.get("/metrics")
    allowed = replace(settings, metrics_allow=("203.0.113.0/24",))
    async with app_client(allowed, client_addr="203.0.113.9") as client:
        inside = await client.get("/metrics")

    assert outside.status_code == 404
    assert inside.status_code == 200 and "zerorun_graphql_requests" in inside.text


def test_an_operation_name_is_a_label_only_when_it_looks_like_one_and_few_are_seen() -> None:
    names = {metrics.operation_label(f"Operation{i}") for i in range(3 * metrics.OPERATION_NAMES)}

    assert metrics.operation_label("drop table; --") == "other"
    assert metrics.operation_label("x" * 65) == "other"
    assert metrics.operation_label(None) == "anonymous"
    assert len(names) <= metrics.OPERATION_NAMES + 1 and "other" in names


def test_two_workers_scraped_through_either_add_up_both_workers_requests(
    templates: dict[str, str], tmp_path: Path, registry_server: str
) -> None:
    database = tmp_path / "metrics.sqlite3"
    shutil.copyfile(templates["sqlite"], database)
    env = {
        **os.environ,
        "ZERORUN_ENV": "development",
        "DATABASE_URL": f"sqlite://{database}",
        "ZERORUN_FILES_DIR": str(tmp_path / "files"),
        "ZERORUN_CACHE_PREFIX": f"metrics-{tmp_path.name}",
        "ZERORUN_FAST_PATH": "0",  # each request executes (the replay is counted as a cache hit)
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # `serve` makes a folder of its own
    log = tmp_path / "server.log"
    with server_process(env, log, "--workers", "2", "--log-format", "json") as url:
        sent = 0
        # New connections until both workers have answered some (the kernel hands each to one).
        while sent < 400 and len(serving_pids(log)) < 2:
            with httpx.Client(base_url=url) as client:
                body = {"query": MATTER, "variables": {"c": HOUSE}}
                assert client.post("/graphql", json=body).status_code == 200
            sent += 1
        with httpx.Client(base_url=url) as client:
            scrapes = [client.get("/metrics").text for _ in range(2)]

    assert len(serving_pids(log)) == 2, "one worker answered every request"
    assert [requests_of(text, "Matter") for text in scrapes] == [sent, sent]
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert any(x["logger"] == "uvicorn.error" for x in lines)  # uvicorn's own lines are ours too


def serving_pids(log: Path) -> set[int]:
    """The workers that logged a GraphQL request."""
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return {
        x["pid"] for x in lines if x.get("logger") == "zerorun.access" and x["path"] == "/graphql"
    }
