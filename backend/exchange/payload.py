"""What a department's system receives for one review task: the application's answers, its
materials with their evidence (what the citizen signed or uploaded, the shared-data records
and e-licenses read, the sealed signatures) and the applicant, only as far as the department
needs them to decide (name and resident ID; no contact details, no session)."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from backend.accounts.service import Citizen
from backend.applications.service import Application
from backend.datasources import service as datasources
from backend.seals import service as seals

VERSION = 1  # of the body's shape, for the department's parser
MAX_LIST = 200  # materials, records and signatures of one application: far below this


def file_path(delivery_id: int, material_id: str) -> str:
    """Where a department's system fetches an uploaded file of its delivery (api/exchange)."""
    return f"/exchange/files/{delivery_id}/{material_id}"


def encoded(body: dict[str, Any]) -> bytes:
    """The exact bytes sent and signed: keys sorted, so the same body always reads the same."""
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(encoded(body)).hexdigest()


async def build(
    delivery_id: int, task_id: int, department: str, root: Application, member: Application
) -> dict[str, Any]:
    """The body of delivery `delivery_id`: the department's part (`member`, a life event's
    child or the application itself) of what the citizen submitted (`root`)."""
    citizen = await Citizen.get(id=root.citizen_id)
    actions = await root.material_actions.all().limit(MAX_LIST)  # type: ignore[attr-defined]
    pulls = await datasources.pulls_by_party(root)
    signed = (await seals.signatures_of(root.id))[:MAX_LIST]
    return {
        "version": VERSION,
        "delivery_id": delivery_id,
        "task_id": task_id,
        "department_code": department,
        "application": {
            "id": str(root.id),
            "matter_code": member.matter_code,
            "life_event_code": root.life_event_code,
            "region_code": root.region_code,
            "channel": root.channel,
            "submitted_at": root.submitted_at.isoformat() if root.submitted_at else None,
        },
        "applicant": {"name": citizen.name, "id_number": citizen.id_number},
        "answers": root.answers or {},
        "materials": [
            {
                "material_id": a.material_id,
                "kind": a.kind,  # commitment | upload
                "commitment_text": a.text,
                "file": None
                if a.file_key is None
                else {
                    "sha256": a.sha256,
                    "filename": a.filename,
                    "content_type": a.content_type,
                    "size": a.size,
                    # fetched from ZeroRun's address with a GET signed over this path
                    "path": file_path(delivery_id, a.material_id),
                },
            }
            for a in actions
        ],
        "shared_data": [
            {
                "source": source,
                "party": party,
                "status": p.status,
                "fetched_at": p.fetched_at.isoformat(),
                "values": p.values,
                "e_licenses": p.licenses,
            }
            for party, reads in pulls.items()
            for source, p in reads.items()
        ][:MAX_LIST],
        "signatures": [
            {
                "kind": s.kind,
                "subject": s.subject,
                "text_sha256": s.text_sha256,
                "signed_at": s.signed_at.isoformat(),
                "statement": s.statement,
                "seal": s.seal,
            }
            for s in signed
        ],
    }
