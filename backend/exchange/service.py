"""The hand-off to departments' own systems (数据交换, docs/adr/0018-department-hand-off.md):
deliveries of accepted applications, signed and retried until acknowledged, and the decisions
the systems report back. The public surface of the domain: others import only this module."""

from backend.exchange.deliveries import Backlog, backlog, hand_off, of_tasks, redeliver
from backend.exchange.deliveries import listed as listed_deliveries
from backend.exchange.dispatcher import Deliverer, deliverer_for
from backend.exchange.endpoints import BadEndpoint, seed_demo_endpoint, signed_by_declared
from backend.exchange.endpoints import declare as declare_endpoint
from backend.exchange.endpoints import listed as listed_endpoints
from backend.exchange.models import Delivery, Endpoint
from backend.exchange.reports import (
    MAX_REPORT_BYTES,
    FieldProblem,
    Report,
    ReportProblem,
    answered,
    replayed,
    signs_for,
)
from backend.exchange.reports import keep as keep_answer
from backend.exchange.reports import parse as parse_report
from backend.exchange.signing import BadSignature

__all__ = [
    "MAX_REPORT_BYTES",
    "Backlog",
    "BadEndpoint",
    "BadSignature",
    "Deliverer",
    "Delivery",
    "Endpoint",
    "FieldProblem",
    "Report",
    "ReportProblem",
    "answered",
    "backlog",
    "declare_endpoint",
    "deliverer_for",
    "hand_off",
    "keep_answer",
    "listed_deliveries",
    "listed_endpoints",
    "of_tasks",
    "parse_report",
    "redeliver",
    "replayed",
    "seed_demo_endpoint",
    "signed_by_declared",
    "signs_for",
]
