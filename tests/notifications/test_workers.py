"""Two real server processes dispatch one outbox: each notice goes out exactly once, and a
worker killed while it holds a claim leaves those notices to the other once the lease ran out."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter

from notices_support import CountingGateway, Worker, a_citizen, add_notices, free_port, serving

from backend.notifications.models import Outbox
from backend.settings import Settings

LEASE = 3.0  # seconds: short, so that the killed worker's notices are retried soon


async def wait_until_sent(count: int) -> None:
    """Until `count` notices are recorded as sent: a guard against a hang, not a clock."""
    for _ in range(1200):
        if await Outbox.filter(notified_at__isnull=False).count() >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{await Outbox.filter(notified_at__isnull=False).count()} sent")


async def test_two_workers_deliver_each_of_200_notices_exactly_once(
    connected: None, settings: Settings
) -> None:
    citizen = await a_citizen()
    gateway = CountingGateway()
    with serving(gateway, free_port()) as url:
        workers = [Worker(settings.database_url, url, settings.cache_prefix, 60) for _ in "ab"]
        try:
            for worker in workers:
                worker.wait_started()
            ids = await add_notices(citizen, 200)
            await wait_until_sent(200)
        finally:
            for worker in workers:  # each finishes its round: a repeat in flight would land
                worker.stop()

    assert gateway.contents() == Counter({f"通知 {n}": 1 for n in range(200)})
    keys = sorted(key or "" for key, _ in gateway.accepted)
    assert keys == sorted(f"{settings.cache_prefix}:outbox:{i}" for i in ids)
    senders = {e.notify_claim for e in await Outbox.filter(id__in=ids)}
    assert {s.split(":")[1] for s in senders if s} == {str(w.pid) for w in workers}  # both sent


async def test_a_worker_killed_holding_its_claim_leaves_the_notices_to_another_after_the_lease(
    connected: None, settings: Settings
) -> None:
    citizen = await a_citizen()
    gateway = CountingGateway()
    with serving(gateway, free_port()) as url:
        first = Worker(settings.database_url, url, settings.cache_prefix, LEASE)
        second: Worker | None = None
        try:
            first.wait_started()
            gateway.kill_first_sender = first.pid  # killed as it sends its first notice
            ids = await add_notices(citizen, 10)
            assert await asyncio.to_thread(first.process.wait, 60) == -signal.SIGKILL
            held = {e.id: e for e in await Outbox.filter(id__in=ids)}
            assert all(f":{first.pid}:" in (e.notify_claim or "") for e in held.values())
            assert not any(e.notified_at for e in held.values())

            second = Worker(settings.database_url, url, settings.cache_prefix, LEASE)
            second.wait_started()
            await wait_until_sent(10)
        finally:
            first.stop()
            if second:
                second.stop()

    assert second is not None
    assert gateway.contents() == Counter({f"通知 {n}": 1 for n in range(10)})
    assert gateway.refused == 1  # the notice whose sender died was never accepted
    for entry in await Outbox.filter(id__in=ids):
        lease_until = held[entry.id].notify_lease_until
        assert entry.notified_at and lease_until and entry.notified_at >= lease_until
        assert f":{second.pid}:" in (entry.notify_claim or "")
