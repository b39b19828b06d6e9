"""Prometheus metrics: what each worker counts, and the `/metrics` text that adds them up.

With several workers, `PROMETHEUS_MULTIPROC_DIR` names a folder where each process keeps its
counts in files of its own (prometheus-client's multiprocess mode; `zerorun serve` sets it up),
and a scrape of any worker reads all of them. prometheus-client chooses the mode when it is
first imported, so the variable must be set before the workers start.

Counting is a counter increment on a child made once (`.labels(...)` looked up ahead where the
labels are known), never a dictionary built per request."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Iterable, Iterator, Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_LATEST
disable_created_metrics()  # type: ignore[no-untyped-call]  # no `_created` series beside each counter: nobody reads them

GRAPHQL_REQUESTS = Counter(
    "zerorun_graphql_requests",
    "GraphQL operations answered, by endpoint, operation name and outcome.",
    ["endpoint", "operation", "outcome"],
)
HTTP_DURATION = Histogram(
    "zerorun_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by endpoint.",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DB_STATEMENTS = Counter(
    "zerorun_db_statements", "SQL statements sent to the database.", ["database"]
)
CACHE = Counter(
    "zerorun_cache_lookups",
    "Lookups in a worker's caches, by cache and result.",
    ["cache", "result"],
)
REGISTRY_PULLS = Counter(
    "zerorun_registry_pulls",
    "Reads of a data-sharing source (not answered from the cache), by source and outcome.",
    ["source", "outcome"],
)
NOTICES = Counter(
    "zerorun_notices", "Notices handed to the notifier, by outcome (sent, failed).", ["outcome"]
)
PAYMENT_NOTICES = Counter(
    "zerorun_payment_notices",
    "The payment platform's notices, by outcome (paid, repeat, ignored, refused).",
    ["outcome"],
)
EXCHANGE_DELIVERIES = Counter(
    "zerorun_exchange_deliveries",
    "Attempts to deliver an application to a department's system, by outcome (delivered, "
    "failed, dead: given up after every attempt, for an operator to redeliver).",
    ["outcome"],
)
EXCHANGE_REPORTS = Counter(
    "zerorun_exchange_reports",
    "Decisions reported back by departments' systems, by outcome (decided, repeat, refused).",
    ["outcome"],
)

SQLITE_STATEMENTS = DB_STATEMENTS.labels("sqlite")
POSTGRES_STATEMENTS = DB_STATEMENTS.labels("postgres")
NOTICE_SENT, NOTICE_FAILED = NOTICES.labels("sent"), NOTICES.labels("failed")
DELIVERED, DELIVERY_FAILED, DELIVERY_DEAD = (
    EXCHANGE_DELIVERIES.labels(o) for o in ("delivered", "failed", "dead")
)


class CacheCount:
    """Hits and misses of one cache, its children looked up once."""

    def __init__(self, cache: str) -> None:
        self.hit, self.miss = CACHE.labels(cache, "hit"), CACHE.labels(cache, "miss")


PUBLIC_ANSWERS = CacheCount("public_answers")  # anonymous catalog answers (fast path)
PUBLIC_RESPONSES = CacheCount("public_responses")  # whole responses sent again unparsed
CATALOG_ROWS = CacheCount("catalog_rows")
SHARED_DATA = CacheCount("shared_data")  # a registry's record kept per citizen and source

# An operation name is the client's to choose: only names that look like one, and no more than
# OPERATION_NAMES distinct per process, get a label of their own; any other is "other".
_OPERATION = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
OPERATION_NAMES = 200
_operations: set[str] = set()
# The name of a document's first operation, when the request did not name one (a document of
# several operations must): read from the text, not parsed.
_FIRST_NAME = re.compile(r"\s*(?:#[^\n]*\s*)*(?:query|mutation|subscription)\s+([A-Za-z_]\w*)")


def operation_label(name: str | None, query: str | None = None) -> str:
    """The label of an operation: the name the request gave, else its document's first."""
    if not name and query:
        found = _FIRST_NAME.match(query)
        name = found[1] if found else None
    if not name:
        return "anonymous"
    if name in _operations:
        return name
    if len(_operations) < OPERATION_NAMES and _OPERATION.fullmatch(name):
        _operations.add(name)
        return name
    return "other"


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def forget_process(pid: int) -> None:
    """A worker exits: drop its files of values that only a live process gives (its counters'
    files stay, they are part of the totals)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


class Snapshot(Collector):
    """Values read at scrape time (the outbox's backlog), given as gauges."""

    def __init__(self, gauges: Iterable[tuple[str, str, Mapping[str, float]]], label: str) -> None:
        self.gauges, self.label = list(gauges), label

    def collect(self) -> Iterator[Metric]:
        for name, documentation, values in self.gauges:
            family = GaugeMetricFamily(name, documentation, labels=[self.label])
            for value_label, value in values.items():
                family.add_metric([value_label], value)
            yield family


def scrape(snapshot: Collector) -> bytes:
    """The metrics text: every worker's counts (one process's without multiprocess mode), and
    the values read now."""
    registry = CollectorRegistry()
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Every(REGISTRY))
    registry.register(snapshot)
    return generate_latest(registry)


class _Every(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterator[Metric]:
        return iter(self.registry.collect())


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def allowed(client: str, networks: Networks) -> bool:
    """Whether a client address may read the metrics: loopback, or within `networks`."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return False
    return address.is_loopback or any(address in n for n in networks)
