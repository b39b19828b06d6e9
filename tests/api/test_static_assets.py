"""How the built web clients are sent (issue 18, backend/infra/static.py): hashed assets kept a
year, index.html asked again, the precompressed file the request accepts and no other, nothing
outside the folder. On a dist made here, then on the configurator's real build (scripts/setup-web
builds it before the suite)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from backend.app import built_client
from backend.infra.static import IMMUTABLE

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "console.log('事项配置');\n" * 200
BROTLI = b"\x1b\x00brotli-bytes-as-the-build-wrote-them"  # served as they are, never decoded here


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<title>事项配置</title>", encoding="utf-8")
    script = tmp_path / "assets" / "index-D8zOwuuU.js"
    script.write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "assets" / "index-D8zOwuuU.js.gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (tmp_path / "assets" / "index-D8zOwuuU.js.br").write_bytes(BROTLI)
    (tmp_path / "assets" / "plain-Bq1x.css").write_text("body{}", encoding="utf-8")  # no .br
    (tmp_path.parent / "secret.txt").write_text("not for the web", encoding="utf-8")
    return tmp_path


async def get(dist: Path, path: str, **headers: str) -> tuple[httpx.Response, bytes]:
    """The answer and its body as sent (not decoded: httpx would undo the gzip); headers as
    keywords (accept_encoding="br"), Accept-Encoding only when given (not httpx's own)."""
    app = Starlette(routes=[Mount("/configurator", app=built_client(dist))])  # as backend/app.py
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test/configurator"
    ) as client:
        del client.headers["accept-encoding"]
        named = {name.replace("_", "-"): value for name, value in headers.items()}
        async with client.stream("GET", path, headers=named) as response:
            return response, b"".join([chunk async for chunk in response.aiter_raw()])


async def test_a_hashed_asset_is_kept_a_year_and_sent_brotli_to_who_asks(dist: Path) -> None:
    response, body = await get(dist, "/assets/index-D8zOwuuU.js", accept_encoding="gzip, br")

    assert response.status_code == 200 and body == BROTLI
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-length"] == str(len(BROTLI))
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    assert response.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("accept", ["gzip", "gzip, deflate", "br;q=0, gzip;q=0.8"])
async def test_gzip_when_brotli_is_not_accepted(dist: Path, accept: str) -> None:
    response, body = await get(dist, "/assets/index-D8zOwuuU.js", accept_encoding=accept)

    assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).decode() == SCRIPT
    assert response.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("accept", [None, "identity", "*", "gzip;q=0, br;q=0", "compress"])
async def test_the_file_itself_when_no_encoding_of_ours_is_named(
    dist: Path, accept: str | None
) -> None:
    asked = {} if accept is None else {"accept_encoding": accept}
    response, body = await get(dist, "/assets/index-D8zOwuuU.js", **asked)

    assert "content-encoding" not in response.headers
    assert body.decode() == SCRIPT
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["vary"] == "Accept-Encoding"


async def test_a_file_the_build_did_not_compress_is_sent_as_it_is(dist: Path) -> None:
    response, body = await get(dist, "/assets/plain-Bq1x.css", accept_encoding="br, gzip")

    assert "content-encoding" not in response.headers and body == b"body{}"
    assert response.headers["cache-control"] == IMMUTABLE


async def test_the_index_page_is_asked_again_every_time(dist: Path) -> None:
    for path in ("/", "/index.html"):
        response, body = await get(dist, path, accept_encoding="br, gzip")

        assert response.status_code == 200 and "事项配置" in body.decode()
        assert response.headers["cache-control"] == "no-cache"

    again, _ = await get(dist, "/", if_none_match=response.headers["etag"])
    assert again.status_code == 304 and again.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    ["/assets/gone-AAAAAAAA.js", "/assets/index-D8zOwuuU.js.br", "/assets/index-D8zOwuuU.js.gz"],
)
async def test_a_missing_asset_or_a_compressed_file_by_its_own_name_is_a_404(
    dist: Path, path: str
) -> None:
    response, _ = await get(dist, path, accept_encoding="br")

    assert response.status_code == 404
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize(
    "path", ["/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt", "/%2E%2E/secret.txt"]
)
async def test_a_path_out_of_the_folder_is_refused(dist: Path, path: str) -> None:
    response, body = await get(dist, path)

    assert response.status_code == 404 and b"not for the web" not in body


async def test_the_configurators_sign_in_page_loads_little_and_compressed() -> None:
    """The real build: the sign-in page's scripts and styles (index.html's own and the chunks it
    preloads) come brotli-compressed, immutable, under 300 KB in all (~225 KB at issue 18); the 2.2 MB of one chunk
    this replaced would come to ~700 KB."""
    dist = ROOT / "configurator" / "dist"
    index, html = await get(dist, "/", accept_encoding="gzip, deflate, br, zstd")
    assert index.headers["cache-control"] == "no-cache"
    first_load = re.findall(
        r'(?:src|href)="/configurator/(assets/[^"]+\.(?:js|css))"', html.decode()
    )
    assert any(name.endswith(".js") for name in first_load), html.decode()

    sent = 0
    for name in first_load:
        response, body = await get(dist, f"/{name}", accept_encoding="gzip, deflate, br, zstd")
        assert response.headers["content-encoding"] == "br", name
        assert response.headers["cache-control"] == IMMUTABLE, name
        sent += len(body)
    assert sent < 300_000, f"the sign-in page's first load is {sent} bytes compressed"
