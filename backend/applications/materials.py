"""The citizen's own actions on materials: signing a commitment, uploading a file."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable, Mapping
from typing import Any

import orjson
from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications import party_access
from backend.applications.models import Application, ApplicationParty, MaterialAction
from backend.applications.records import (
    ApplicationProblem,
    add_event,
    definition_of,
    listed_paths,
    not_editable,
    own,
)
from backend.files.service import MB, FileStore, Readable, UploadRejected, store_upload
from backend.forms.validation import FieldError
from backend.seals import service as seals

DEFAULT_MAX_BYTES = 20 * MB  # for a material that declares no max_bytes


async def sign_commitment(
    citizen: Citizen, application_id: str, material_id: str, session_id: uuid.UUID | None = None
) -> Application:
    """Record that the citizen signs a material's commitment text, exactly as it stood, and
    their signature: the text's hash, the session it was given in and the time, sealed."""
    app = await _open_for(citizen, application_id, material_id)
    definition = await definition_of(app)
    material, way = _way(definition, material_id, "commitment")
    rows = await _own_material(app, citizen, definition, material_id)
    await MaterialAction.filter(application=app, material_id=material_id).delete()
    await MaterialAction.create(
        application=app, material_id=material_id, kind="commitment", text=way["text"]
    )
    await seals.record_signature(
        "commitment",
        app.id,
        app.region_code,
        citizen.id,
        session_id,
        material_id,
        signed_text(way["text"]),
    )
    await add_event(
        app,
        "commitment_signed",
        f"已签署告知承诺：{material['name']['zh']}。",
        f"Signed the commitment for: {material['name']['en']}.",
    )
    await _changed(app, rows)
    return app


async def upload_material(
    citizen: Citizen,
    application_id: str,
    material_id: str,
    upload: Any,
    store: FileStore,
    max_upload_bytes: int,
) -> Application:
    """Keep a file for a material that accepts uploads: read only up to the material's limit
    (as declared, at most max_upload_bytes), typed by its bytes, checked whole, hashed."""
    app = await _open_for(citizen, application_id, material_id)
    definition = await definition_of(app)
    material, way = _way(definition, material_id, "upload")
    rows = await _own_material(app, citizen, definition, material_id)
    path = f"/materials/{material_id}/file"
    if not isinstance(upload, AsyncIterable | Readable):  # a value, not a multipart file part
        raise ApplicationProblem(
            "INVALID_INPUT",
            "请以 multipart 请求上传文件。",
            "Send the file as a part of a multipart request.",
        )
    try:
        stored = await store_upload(
            store,
            upload,
            filename=getattr(upload, "filename", "") or "",
            accept=way["accept"],
            max_bytes=min(way.get("max_bytes") or DEFAULT_MAX_BYTES, max_upload_bytes),
        )
    except UploadRejected as e:
        raise ApplicationProblem(
            "INVALID",
            e.message_zh,
            e.message_en,
            [FieldError(path, e.code, e.message_zh, e.message_en)],
        ) from None
    await MaterialAction.filter(application=app, material_id=material_id).delete()
    await MaterialAction.create(
        application=app,
        material_id=material_id,
        kind="upload",
        file_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        content_type=stored.content_type,
        filename=stored.filename,
    )
    await add_event(
        app,
        "uploaded",
        f"已上传：{material['name']['zh']}。",
        f"Uploaded: {material['name']['en']}.",
    )
    await _changed(app, rows)
    return app


def signed_text(text: Any) -> str:
    """The exact text a citizen signs, as one string: a text in two languages as canonical JSON."""
    return (
        text if isinstance(text, str) else orjson.dumps(text, option=orjson.OPT_SORT_KEYS).decode()
    )


def _way(
    definition: Mapping[str, Any], material_id: str, kind: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A material of this application and its way of the given kind, or a clear refusal."""
    material = next((m for m in definition["materials"] if m["id"] == material_id), None)
    if material is None:
        raise ApplicationProblem(
            "INVALID_INPUT",
            f"此事项没有“{material_id}”这项材料。",
            f"This matter has no material {material_id!r}.",
        )
    way = next((w for w in material["ways"] if w["kind"] == kind), None)
    if way is None:
        zh = {"commitment": "这项材料不接受告知承诺。", "upload": "这项材料不能在线上传。"}[kind]
        raise ApplicationProblem(
            "INVALID_INPUT", zh, f"This material cannot be satisfied by {kind}."
        )
    return dict(material), dict(way)


async def _own_material(
    app: Application, citizen: Citizen, definition: Mapping[str, Any], material_id: str
) -> list[ApplicationParty]:
    """A party signs and uploads only the materials of their own part; the application's
    parties ([] for a one-applicant matter)."""
    found = await party_access.part_for(app, citizen, definition)
    if found is not None and material_id not in found[0].own_materials:
        raise party_access.not_your_part([f"/materials/{material_id}"])
    return found[1] if found is not None else []


async def _changed(app: Application, rows: list[ApplicationParty]) -> None:
    """A material signed or replaced in a draft: those who confirmed confirm again."""
    if app.status == "draft" and any(r.status == "confirmed" for r in rows):
        async with in_transaction():
            await party_access.reset_confirmations(app, rows)


async def _open_for(citizen: Citizen, application_id: str, material_id: str) -> Application:
    """A draft, or an application whose correction notice lists this material."""
    app = await own(citizen, application_id)
    if app.status == "draft":
        return app
    if app.status == "correction_requested" and f"/materials/{material_id}" in await listed_paths(
        app
    ):
        return app
    raise not_editable()
