"""The built web clients are served as static files; an unbuilt one says how to build it."""

from __future__ import annotations

from pathlib import Path

import httpx

from backend.app import built_client


async def get(dist: Path, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=built_client(dist))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path)


async def test_a_built_client_is_served_with_its_index_page(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<title>事项配置</title>", encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")

    index, script = await get(tmp_path, "/"), await get(tmp_path, "/assets/app.js")

    assert index.status_code == 200 and "事项配置" in index.text
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]


async def test_a_client_not_built_yet_answers_503_with_what_to_run(tmp_path: Path) -> None:
    response = await get(tmp_path / "dist", "/")

    assert response.status_code == 503 and "npm run build" in response.text
