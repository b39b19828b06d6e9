"""Issue 19's done-when line, end to end over loopback: a department system (the stand-in
registry) receives the accepted application, is down for a while (retried by the app's own
deliverer, nothing lost), then reports its decision back, signed, and the application
completes."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import uvicorn
from handing import accepted_id_card, declared, received, reviewed_in_own_system, status_of
from starlette.applications import Starlette
from support import REGISTRY_TOKEN, Registry, app_client, fees_paid, make_settings

from backend.exchange.models import Delivery

WAIT_SECONDS = 30.0  # a busy machine's margin: the deliveries are due within a second or two


@contextlib.asynccontextmanager
async def on_loopback(app: Starlette) -> AsyncIterator[str]:
    """The app (its lifespan already entered) served for real on a loopback port, in this
    event loop, so the stand-in can call it back."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, lifespan="off", ws="none", log_level="warning")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await serving
        sock.close()


async def until(check: Callable[[], Awaitable[bool]]) -> None:
    async with asyncio.timeout(WAIT_SECONDS):
        while not await check():
            await asyncio.sleep(0.05)


async def test_a_department_system_down_for_a_while_receives_the_application_and_reports_back(
    database_url: str, registry: Registry
) -> None:
    settings = make_settings(database_url, exchange_backoff_seconds=0.1, exchange_max_attempts=50)
    served = app_client(settings)  # the app's workers deliver, as in production
    async with served as client, on_loopback(served.app) as url:
        key_id = await reviewed_in_own_system()
        await declared(f"{registry.url}/department/inbox", key_id)
        registry.set(fail="error", sources=["department"])  # the department's system is down
        citizen, app, task_id = await accepted_id_card(client)

        async def tried_twice() -> bool:
            return (await Delivery.get(task_id=task_id)).attempts >= 2

        await until(tried_twice)
        while_down = await Delivery.get(task_id=task_id)
        registry.set(fail="none")  # back up

        async def delivered() -> bool:
            return (await Delivery.get(task_id=task_id)).status == "delivered"

        await until(delivered)
        [kept] = await received(registry.url, key_id)
        await fees_paid(client, app)
        async with httpx.AsyncClient(timeout=30) as http:
            reported = await http.post(
                f"{registry.url}/department/report",
                json={
                    "zerorun_url": url,
                    "key_id": key_id,
                    "report": {
                        "delivery_id": kept["body"]["delivery_id"],
                        "decision": "approve",
                        "opinion": "经审核，准予办理",
                    },
                    "document_pdf": True,
                },
                headers={"Authorization": f"Bearer {REGISTRY_TOKEN}"},
            )
        final = await status_of(client, citizen, app)

    assert while_down.status == "pending" and while_down.last_error == "HTTP 500"
    assert kept["posts"] == 1 and kept["body"]["task_id"] == task_id
    assert reported.json()["status"] == 200, reported.text
    assert reported.json()["body"]["code"] == "DECIDED"
    assert final == "COMPLETED"
