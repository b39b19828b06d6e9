"""How a worker hears that the catalog changed: every publish, retirement and life-event change
is announced on the bus (Redis pub/sub across workers), and each worker forgets what it keeps
from the catalog (its public answers and catalog rows). Without Redis, what a worker keeps
expires after TTL_SECONDS, the only way to see another process's change."""

from __future__ import annotations

from backend.infra.bus import Bus

TTL_SECONDS = 10.0  # without Redis, the only way to see another process's change
TTL_WITH_REDIS = 600.0  # with it, every change is announced; the limit only bounds memory age


def channel(prefix: str) -> str:
    return f"{prefix}:catalog-changed"


async def announce(bus: Bus, prefix: str) -> None:
    """Tell every worker that the catalog changed (call after the change is committed)."""
    await bus.publish(channel(prefix), b"1")
