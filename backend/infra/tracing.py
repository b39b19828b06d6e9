"""OpenTelemetry tracing, optional: on when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector.

The SDK reads its own standard variables (the endpoint, headers, sampling: see the
OpenTelemetry SDK's environment variables); the service is named "zerorun" unless
`OTEL_SERVICE_NAME` says otherwise. The app then adds strawberry's OpenTelemetryExtension to
both schemas: a span per operation, with its parsing, validation and resolvers."""

from __future__ import annotations

import os

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

_configured = False


def configure(processor: SpanProcessor | None = None) -> bool:
    """Set up the tracer provider once per process: spans go to `processor`, by default in
    batches to the OTLP/HTTP endpoint. False when tracing is off (no endpoint, no processor)."""
    global _configured
    if processor is None and not os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        return False
    if not _configured:
        if processor is None:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            processor = BatchSpanProcessor(OTLPSpanExporter())
        name = os.environ.get("OTEL_SERVICE_NAME") or "zerorun"
        provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
        provider.add_span_processor(processor)
        trace.set_tracer_provider(provider)
        _configured = True
    return True
