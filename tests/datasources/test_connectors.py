"""Connectors read one citizen's record and never raise: every failure is a reason."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from support import Registry, free_port

from backend.datasources.connectors import fetch, resolve
from backend.datasources.definitions import Source, load_sources
from backend.settings import ROOT

WANG, NOBODY = "330106196803120311", "330106195209180229"


def fixture_source(tmp_path: Path) -> Source:
    (tmp_path / "people.json").write_bytes(
        orjson.dumps({"records": {WANG: {"name": "王建国", "home": {"address": "文三路"}}}})
    )
    return Source.of(
        {
            "id": "people",
            "name": {"zh": "测试", "en": "Test"},
            "department": {"code": "X", "name": {"zh": "部门", "en": "Dept"}},
            "purpose": {"zh": "测试", "en": "Test"},
            "elements": ["applicant_name", "household_address"],
            "connector": {
                "kind": "fixture",
                "file": "people.json",
                "mapping": {"applicant_name": "/name", "household_address": "/home/address"},
            },
        }
    )


async def test_the_fixture_connector_maps_a_record_by_json_pointer(tmp_path: Path) -> None:
    async with httpx.AsyncClient() as http:
        found = await fetch(fixture_source(tmp_path), WANG, http, tmp_path)
        missing = await fetch(fixture_source(tmp_path), NOBODY, http, tmp_path)
    assert (found.status, found.values) == (
        "ok",
        {"applicant_name": "王建国", "household_address": "文三路"},
    )
    assert missing.status == "no_record"


async def test_the_http_connector_sends_the_credential_and_reads_licenses(
    registry: Registry,
) -> None:
    sources = load_sources(ROOT / "form_schemas")
    async with httpx.AsyncClient() as http:
        licenses = await fetch(sources["e_license"], WANG, http, ROOT)
        nobody = await fetch(sources["real_estate"], NOBODY, http, ROOT)
    assert "real_estate_certificate" in {lic["type"] for lic in licenses.licenses}
    assert nobody.status == "no_record"


async def test_a_missing_credential_is_a_failure_with_a_reason(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZERORUN_REGISTRY_TOKEN", "wrong")
    async with httpx.AsyncClient() as http:
        result = await fetch(load_sources(ROOT / "form_schemas")["population"], WANG, http, ROOT)
    assert result.status == "failed" and result.reason and "401" in result.reason["en"]


async def test_an_unset_url_variable_is_a_failure_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ZERORUN_REGISTRY_URL", raising=False)
    async with httpx.AsyncClient() as http:
        result = await fetch(load_sources(ROOT / "form_schemas")["population"], WANG, http, ROOT)
    assert (
        result.status == "failed"
        and result.reason
        and "ZERORUN_REGISTRY_URL" in result.reason["en"]
    )


def test_json_pointers_resolve_like_rfc_6901_and_find_nothing_quietly() -> None:
    doc = {"a/b": {"c~d": [10, 20]}}
    assert resolve(doc, "/a~1b/c~0d/1") == 20
    assert resolve(doc, "/a~1b/c~0d/7") is None
    assert resolve(doc, "/missing/deeper") is None
    assert resolve("text", "/0") is None


@contextlib.asynccontextmanager
async def provider(seen: list[dict[str, Any]]) -> AsyncIterator[str]:
    """A data provider on loopback that keeps each request as its access log would (the
    URL) and the rest of it (headers, body), and answers with a record."""

    async def record(request: Request) -> JSONResponse:
        seen.append(
            {
                "url": str(request.url),
                "headers": dict(request.headers),
                "body": await request.body(),
            }
        )
        return JSONResponse({"name": "王建国"})

    app = Starlette(routes=[Route("/people", record, methods=["GET", "POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn says when it listens; no clock involved
        if serving.done():
            serving.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


def http_source(url: str, method: str) -> Source:
    return Source.of(
        {
            "id": "people",
            "name": {"zh": "测试", "en": "Test"},
            "department": {"code": "X", "name": {"zh": "部门", "en": "Dept"}},
            "purpose": {"zh": "测试", "en": "Test"},
            "elements": ["applicant_name"],
            "connector": {
                "kind": "http-json",
                "url": url,
                "method": method,
                "timeout_ms": 2000,
                "mapping": {"applicant_name": "/name"},
            },
        }
    )


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_the_resident_id_travels_in_a_header_or_the_body_never_in_the_url(
    method: str, tmp_path: Path
) -> None:
    seen: list[dict[str, Any]] = []
    async with provider(seen) as base, httpx.AsyncClient() as http:
        found = await fetch(http_source(f"{base}/people", method), WANG, http, tmp_path)

    assert (found.status, found.values) == ("ok", {"applicant_name": "王建国"})
    [request] = seen
    assert WANG not in request["url"], "the provider's access log would keep it"
    if method == "GET":
        assert request["headers"]["x-id-number"] == WANG
    else:
        assert orjson.loads(request["body"]) == {"id_number": WANG}
        assert "x-id-number" not in request["headers"]
