"""Reading one citizen's record from a source. Never raises: every failure is a result with a
plain-language reason, so a source that is down never fails an application."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

from backend.datasources.definitions import Source

Text = dict[str, str]
_ENV = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")
ID_HEADER = "X-Id-Number"  # a GET's resident ID (a POST sends it as its body)


@dataclass(frozen=True)
class Fetched:
    status: str  # ok | no_record | failed
    values: dict[str, Any] = field(default_factory=dict)
    licenses: list[dict[str, Any]] = field(default_factory=list)
    reason: Text | None = None


def failed(zh: str, en: str) -> Fetched:
    return Fetched("failed", reason={"zh": zh, "en": en})


async def fetch(
    source: Source, id_number: str, http: httpx.AsyncClient, catalog_dir: Path
) -> Fetched:
    connector = source.connector
    if connector["kind"] == "fixture":
        records = orjson.loads((catalog_dir / connector["file"]).read_bytes())["records"]
        record = records.get(id_number)
        return read_record(source, record) if record is not None else Fetched("no_record")
    return await _fetch_http(source, id_number, http)


async def _fetch_http(source: Source, id_number: str, http: httpx.AsyncClient) -> Fetched:
    c = source.connector
    name = source.name["zh"]
    try:
        url = _ENV.sub(lambda m: os.environ[m.group(1)], c["url"])
    except KeyError as e:
        return failed(
            f"{name}暂未接通（缺少配置 {e.args[0]}）。",
            f"{source.name['en']} is not configured ({e.args[0]} is not set).",
        )
    token = os.environ.get(c["credentials_env"], "") if c.get("credentials_env") else ""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    # The resident ID in the body or a header, never in the URL (the provider's access log)
    method = c.get("method", "GET")
    body = {"id_number": id_number} if method == "POST" else None
    if body is None:
        headers[ID_HEADER] = id_number
    timeout = c.get("timeout_ms", 2000) / 1000
    try:
        response = await asyncio.wait_for(
            http.request(method, url, headers=headers, json=body), timeout
        )
    except (TimeoutError, httpx.TimeoutException):
        return failed(
            f"{name}响应超时，请改用其他方式提供，或稍后再试。",
            f"{source.name['en']} did not answer in time; use another way or try again later.",
        )
    except httpx.HTTPError:
        return failed(
            f"{name}暂时无法连接，请改用其他方式提供，或稍后再试。",
            f"{source.name['en']} cannot be reached now; use another way or try again later.",
        )
    if response.status_code == 404:
        return Fetched("no_record")
    if response.status_code != 200:
        return failed(
            f"{name}暂时出错（{response.status_code}），请改用其他方式提供，或稍后再试。",
            f"{source.name['en']} answered with an error ({response.status_code}); use another way or try again later.",
        )
    try:
        record = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        record = None
    if not isinstance(record, dict):
        return failed(
            f"{name}返回的数据无法识别，请改用其他方式提供。",
            f"{source.name['en']} answered with data we cannot read; use another way.",
        )
    return read_record(source, record)


def read_record(source: Source, record: Any) -> Fetched:
    c = source.connector
    values = {
        element: v
        for element, ptr in c.get("mapping", {}).items()
        if (v := resolve(record, ptr)) is not None
    }
    licenses: list[dict[str, Any]] = []
    if "licenses_pointer" in c:
        found = resolve(record, c["licenses_pointer"])
        licenses = (
            [lic for lic in found if isinstance(lic, dict) and isinstance(lic.get("type"), str)]
            if isinstance(found, list)
            else []
        )
    if not values and not licenses:
        return Fetched("no_record")
    return Fetched("ok", values, licenses)


def resolve(doc: Any, pointer: str) -> Any:
    """RFC 6901 JSON pointer; None where it leads nowhere."""
    node = doc
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node
