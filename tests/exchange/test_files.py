"""A department's system fetches the files a citizen uploaded to an application handed to it:
GET /exchange/files/{delivery}/{material}, signed over the path with the key of the system it
was handed to; the read is in the audit log as a staff member's is; a signature fetches only
the path it signs, and no other department's key reads it."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from collections.abc import AsyncIterator

import httpx
from handing import POLICE, REGION, handed_over
from support import PDF, Registry

from backend.applications.models import MaterialAction
from backend.backoffice.models import AuditEntry
from backend.exchange import service as exchange
from backend.exchange.models import Delivery
from backend.exchange.payload import file_path
from backend.files.service import LocalFileStore, store_upload
from backend.settings import Settings, dev_exchange_secret

SCAN = PDF  # a whole one-page PDF, as an upload must be


def signed_get(path: str, key_id: str, at: float | None = None) -> dict[str, str]:
    """The headers a department's system sends to fetch `path` (computed here, not with the
    code under test)."""
    timestamp = str(int(time.time() if at is None else at))
    key = dev_exchange_secret(key_id).encode()
    mac = hmac.new(key, f"{timestamp}.{path}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-ZeroRun-Key-Id": key_id,
        "X-ZeroRun-Timestamp": timestamp,
        "X-ZeroRun-Signature": mac,
    }


async def uploaded(settings: Settings, app: str, material: str) -> None:
    """A file the citizen uploaded for `material`, as the upload stores it."""

    async def chunks() -> AsyncIterator[bytes]:
        yield SCAN

    store = LocalFileStore(settings.files_dir)
    stored = await store_upload(store, chunks(), "户口簿.pdf", {"application/pdf"}, 1 << 20)
    await MaterialAction.create(
        application_id=uuid.UUID(app),
        material_id=material,
        kind="upload",
        file_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        content_type="application/pdf",
        filename="户口簿.pdf",
    )


async def test_the_system_it_was_handed_to_fetches_an_uploaded_file_and_the_read_is_audited(
    client: httpx.AsyncClient, registry: Registry, settings: Settings
) -> None:
    _, app, task_id, key_id = await handed_over(client, registry)
    await uploaded(settings, app, "household_register")
    delivery = await Delivery.get(task_id=task_id)
    path = file_path(delivery.id, "household_register")
    other_path = file_path(delivery.id, "guardian_id_card")

    fetched = await client.get(path, headers=signed_get(path, key_id))
    not_uploaded = await client.get(other_path, headers=signed_get(other_path, key_id))
    elsewhere = await client.get(other_path, headers=signed_get(path, key_id))
    unsigned = await client.get(path)
    stale = await client.get(path, headers=signed_get(path, key_id, at=time.time() - 3600))

    assert fetched.status_code == 200, fetched.text
    assert fetched.content == SCAN
    assert fetched.headers["cache-control"] == "private, no-store"
    assert not_uploaded.status_code == 404 and not_uploaded.json()["code"] == "NOT_FOUND"
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (401, "BAD_SIGNATURE")
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "UNSIGNED")
    assert (stale.status_code, stale.json()["code"]) == (401, "STALE")
    [read] = await AuditEntry.filter(subject_id=app, action="file.read")
    assert read.actor == f"system:{POLICE}"
    assert read.after["material"] == "household_register"


async def test_no_other_departments_system_reads_the_file(
    client: httpx.AsyncClient, registry: Registry, settings: Settings
) -> None:
    _, app, task_id, key_id = await handed_over(client, registry)
    await uploaded(settings, app, "household_register")
    path = file_path((await Delivery.get(task_id=task_id)).id, "household_register")
    housing = f"zjj-{uuid.uuid4().hex[:8]}"  # the housing bureau's system, declared too
    await exchange.declare_endpoint(
        "330106-ZJJ", REGION, f"{registry.url}/department/inbox", housing
    )

    another = await client.get(path, headers=signed_get(path, housing))
    nobody = await client.get(path, headers=signed_get(path, f"nobody-{uuid.uuid4().hex[:8]}"))
    police = await client.get(path, headers=signed_get(path, key_id))

    assert another.status_code == 404 and another.json()["code"] == "NOT_FOUND"
    assert (nobody.status_code, nobody.json()["code"]) == (401, "UNKNOWN_KEY")
    assert police.status_code == 200
    assert await AuditEntry.filter(subject_id=app, action="file.read").count() == 1
