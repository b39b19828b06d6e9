"""Tracing, optional: with an OTLP endpoint set, each GraphQL operation of either endpoint makes
spans (kept here by the SDK's in-memory exporter: nothing goes over the network)."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from support import HOUSE, app_client, gql

from backend.infra import tracing
from backend.settings import Settings

MATTER = "query Matter($c: String!) { matter(code: $c) { code } }"
STAFF = "query Staff { __typename }"

exported = InMemorySpanExporter()


async def test_with_an_otlp_endpoint_a_query_on_either_endpoint_makes_spans(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")  # never reached
    assert tracing.configure(SimpleSpanProcessor(exported))
    exported.clear()
    async with app_client(settings) as client:
        body = await gql(client, MATTER, {"c": HOUSE})
        citizen = [s.name for s in exported.get_finished_spans()]
        exported.clear()
        staff_body = await gql(client, STAFF, path="/staff/graphql")
        spans = exported.get_finished_spans()
        staff = [s.name for s in spans]

    assert body["data"]["matter"] == {"code": HOUSE}
    assert staff_body["data"] == {"__typename": "StaffQuery"}
    assert "GraphQL Query: Matter" in citizen and any("matter" in n for n in citizen)
    assert "GraphQL Query: Staff" in staff
    assert {s.resource.attributes["service.name"] for s in spans} == {"zerorun"}


def test_without_an_endpoint_tracing_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)

    assert tracing.configure() is False
