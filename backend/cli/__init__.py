"""`zerorun`: serve, audit verify, migrate, catalog lint/load/retire/report, staff, sweep, seal-keys, payments, exchange,
backup/restore, export-schema.
Each module registers its commands on the apps in common.py."""

from __future__ import annotations

from backend.cli import audit, backup, catalog, exchange, operations, payments, seals, serve, staff
from backend.cli.common import app

__all__ = [
    "app",
    "audit",
    "backup",
    "catalog",
    "exchange",
    "main",
    "operations",
    "payments",
    "seals",
    "serve",
    "staff",
]


def main() -> None:
    app()
