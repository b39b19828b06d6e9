"""`zerorun`: serve, migrate, catalog lint/load/retire/report, staff, sweep, export-schema.
Each module registers its commands on the apps in common.py."""

from __future__ import annotations

from backend.cli import catalog, operations, serve, staff
from backend.cli.common import app

__all__ = ["app", "catalog", "main", "operations", "serve", "staff"]


def main() -> None:
    app()
