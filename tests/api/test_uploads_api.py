"""Citizens upload materials from a phone: judged by content, size-capped, hashed, kept."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import random
import socket
import struct
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest
import uvicorn
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter
from starlette.requests import Request
from support import PDF, UPLOAD, Registry, gql, sign_in, upload

from backend.app import create_app
from backend.applications.models import MaterialAction
from backend.infra.multipart import streaming_uploads
from backend.settings import Settings

START = 'mutation { startApplication(matterCode: "330106-ZJ-002") { ... on Application { id } } }'
CHECKLIST = "query($id: ID!) { application(id: $id) { evaluation { materials { id status evidence { zh } } } timeline { kind } } }"


async def draft(client: httpx.AsyncClient, token: str) -> str:
    return str((await gql(client, START, {}, token))["data"]["startApplication"]["id"])


async def test_an_uploaded_file_satisfies_its_material_and_is_kept_with_its_hash(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)

    assert (await upload(client, token, application_id, "sale_contract"))[
        "__typename"
    ] == "Application"

    app = (await gql(client, CHECKLIST, {"id": application_id}, token))["data"]["application"]
    item = next(m for m in app["evaluation"]["materials"] if m["id"] == "sale_contract")
    assert item["status"] == "UPLOADED"
    assert item["evidence"]["zh"].startswith("已上传 scan.pdf（")  # plain words for citizens
    [action] = await MaterialAction.filter(application_id=application_id)
    assert action.sha256 == hashlib.sha256(PDF).hexdigest()
    assert "uploaded" in [t["kind"] for t in app["timeline"]]


async def test_a_gif_named_pdf_is_judged_by_its_content_and_refused_with_the_path(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)  # sale_contract accepts PDF, JPG and PNG
    gif = b"GIF89a" + b"\x00" * 64

    result = await upload(
        client, token, application_id, "sale_contract", gif, filename="contract.pdf"
    )

    assert result["code"] == "INVALID"
    assert [(e["path"], e["code"]) for e in result["errors"]] == [
        ("/materials/sale_contract/file", "type_not_allowed")
    ]
    assert "PDF" in result["errors"][0]["message"]["zh"]


async def test_an_empty_file_is_refused(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    result = await upload(client, token, application_id, "sale_contract", b"", filename="empty.pdf")
    assert [e["code"] for e in result["errors"]] == ["empty"]


async def test_a_material_that_takes_no_upload_refuses_one(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    result = await upload(client, token, application_id, "house_certificate")
    assert result["code"] == "INVALID_INPUT"


async def test_another_citizens_application_takes_no_upload(client: httpx.AsyncClient) -> None:
    owner, other = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    application_id = await draft(client, owner)
    assert (await upload(client, other, application_id, "sale_contract"))["code"] == "NOT_FOUND"


# Uploads of real size, over a real socket to the app served by uvicorn, into a file store of
# the test's own; the files are made here.

MB = 1024 * 1024
MULTIPART_UPLOAD = UPLOAD  # the mini-program's operation, as in support.upload


@dataclass
class Served:
    url: str
    files: Path  # the file store's root


@pytest.fixture
async def served(settings: Settings, registry: Registry, tmp_path: Path) -> AsyncIterator[Served]:
    """The app served by uvicorn on a loopback socket, in this test's event loop."""
    files = tmp_path / "files"
    app = create_app(replace(settings, files_dir=files))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, lifespan="on", ws="none", log_level="warning", timeout_graceful_shutdown=5
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not serving.done():
        await asyncio.sleep(0.01)
    try:
        yield Served(f"http://127.0.0.1:{sock.getsockname()[1]}", files)
    finally:
        server.should_exit = True
        await serving
        sock.close()


def big_pdf(size: int) -> bytes:
    """A valid PDF of at least `size` bytes: one page and an attached scan of noise."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("scan.bin", random.Random(15).randbytes(size))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def noisy_photo(width: int, height: int) -> bytes:
    """A phone-sized JPEG of noise: it does not compress away."""
    out = io.BytesIO()
    pixels = random.Random(12).randbytes(width * height * 3)
    Image.frombytes("RGB", (width, height), pixels).save(out, "JPEG", quality=95)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims width × height pixels (a decompression bomb's shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def staged_files(root: Path) -> list[Path]:
    return sorted((root / "tmp").glob("*"))


async def test_a_15_mb_pdf_and_a_12_mb_photo_are_uploaded_and_kept(served: Served) -> None:
    document, photo = big_pdf(15 * MB), noisy_photo(3600, 3000)
    assert len(document) >= 15 * MB and len(photo) >= 12 * MB
    async with httpx.AsyncClient(base_url=served.url, timeout=120) as client:
        token = await sign_in(client, "demo-1")
        application_id = await draft(client, token)  # sale_contract: up to 20 MB

        for content, filename in [(document, "合同.pdf"), (photo, "IMG_2041.JPG")]:
            result = await upload(client, token, application_id, "sale_contract", content, filename)

            assert result["__typename"] == "Application", result
            [action] = await MaterialAction.filter(application_id=application_id)
            assert (action.size, action.filename) == (len(content), filename)
            kept = served.files / action.file_key[:2] / action.file_key[2:4] / action.file_key
            assert hashlib.sha256(kept.read_bytes()).hexdigest() == action.sha256
    assert staged_files(served.files) == []


@pytest.mark.parametrize(
    ("content", "filename", "code"),
    [
        (b"%PDF-1.7\n" + bytes(25 * MB), "scan.pdf", "too_large"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64 * 1024), "contract.pdf", "type_not_allowed"),
        (png_claiming(60000, 60000), "scan.png", "image_too_large"),
        (b"%PDF-1.7\n" + bytes(64 * 1024), "scan.pdf", "damaged"),
    ],
    ids=["25-mb", "elf-named-pdf", "png-claiming-60000x60000", "pdf-that-does-not-parse"],
)
async def test_a_hostile_or_oversized_file_is_refused_for_its_field_in_chinese_and_english(
    served: Served, content: bytes, filename: str, code: str
) -> None:
    async with httpx.AsyncClient(base_url=served.url, timeout=120) as client:
        token = await sign_in(client, "demo-1")
        application_id = await draft(client, token)

        result = await upload(client, token, application_id, "sale_contract", content, filename)

    assert result["code"] == "INVALID"
    [error] = result["errors"]
    assert (error["path"], error["code"]) == ("/materials/sale_contract/file", code)
    assert error["message"]["zh"] and error["message"]["en"]
    assert error["message"]["zh"] != error["message"]["en"]
    assert await MaterialAction.filter(application_id=application_id).count() == 0
    assert staged_files(served.files) == []  # nothing left behind


async def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read(
    served: Served,
) -> None:
    """Only the headers and 1 KB of a claimed 100 MB upload are sent: the answer comes anyway."""
    host, port = served.url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(
        b"POST /graphql HTTP/1.1\r\nHost: zerorun\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n"
        b"Content-Length: %d\r\n\r\n" % (100 * MB) + b"--b\r\n" + b"x" * 1024
    )
    await writer.drain()
    try:
        # a guard so that a server waiting for the rest fails the test instead of hanging it
        response = await asyncio.wait_for(reader.read(), timeout=30)
    finally:
        writer.close()

    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"connection: close" in head.lower()
    [error] = json.loads(body)["errors"]
    assert error["extensions"]["code"] == "FILE_TOO_LARGE"
    assert error["extensions"]["zh"] == "上传的文件超过 32 MB 上限，请压缩后重新上传"
    assert "larger than the 32 MB limit" in error["message"]


async def test_a_json_body_over_its_limit_is_refused_in_chinese_and_english(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }" + " " * 1_000_000})

    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BODY_TOO_LARGE"
    assert error["extensions"]["zh"] == "请求内容超过 976.5 KB 上限"
    assert error["message"] == "The request body is larger than the 976.5 KB limit."


# Streamed multipart bodies through the ASGI transport, which asks for each chunk only when
# the app reads it: what the app never asked for was never read.


class Body:
    """A multipart upload sent in 1 MB chunks, counting how many bytes the app asked for."""

    def __init__(self, operations: str, content: bytes, ending: bytes = b"\r\n--b--\r\n") -> None:
        self.data = (
            b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
            + operations.encode()
            + b'\r\n--b\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.file"]}'
            + b'\r\n--b\r\nContent-Disposition: form-data; name="0"; filename="scan.pdf"\r\n'
            + b"Content-Type: application/pdf\r\n\r\n"
            + content
            + ending
        )
        self.read = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.data), MB):
            chunk = self.data[start : start + MB]
            self.read += len(chunk)
            yield chunk


async def post(client: httpx.AsyncClient, token: str, body: Body) -> httpx.Response:
    return await client.post(
        "/graphql",
        content=body,  # type: ignore[arg-type]  # an async iterable of bytes, streamed
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "multipart/form-data; boundary=b",
        },
    )


def operations(application_id: str, material: str = "sale_contract") -> str:
    variables = {"id": application_id, "material": material, "file": None}
    return json.dumps({"query": MULTIPART_UPLOAD, "variables": variables})


async def test_a_file_over_its_materials_limit_is_not_read_past_the_limit(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    body = Body(operations(application_id), b"%PDF-1.7\n" + bytes(30 * MB))

    response = await post(client, token, body)

    assert "data" in response.json(), response.text
    result = response.json()["data"]["uploadMaterial"]
    assert [e["code"] for e in result["errors"]] == ["too_large"]
    assert "20 MB" in result["errors"][0]["message"]["zh"]
    assert body.read <= 22 * MB < len(body.data)  # sale_contract's 20 MB and a chunk or two


async def test_a_file_for_an_application_that_is_not_yours_is_not_read_at_all(
    client: httpx.AsyncClient,
) -> None:
    owner, other = await sign_in(client, "demo-1"), await sign_in(client, "demo-2")
    body = Body(operations(await draft(client, owner)), b"%PDF-1.7\n" + bytes(10 * MB))

    response = await post(client, other, body)

    assert response.json()["data"]["uploadMaterial"]["code"] == "NOT_FOUND"
    assert body.read <= 2 * MB  # the form parts, not the file: nothing spooled it first


async def test_a_body_that_ends_inside_the_file_is_refused_as_incomplete(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    body = Body(operations(application_id), PDF + bytes(3 * MB), ending=b"")  # no last boundary

    response = await post(client, token, body)

    result = response.json()["data"]["uploadMaterial"]
    assert [e["code"] for e in result["errors"]] == ["incomplete"]
    assert staged_files(settings.files_dir) == []


@pytest.mark.parametrize("names", [[f"f{i}" for i in range(10)], ["f"] * 10_000])
async def test_too_many_form_parts_are_refused_with_a_code(
    client: httpx.AsyncClient, names: list[str]
) -> None:
    parts = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="%s"\r\n\r\n\r\n' % n.encode()
        for n in names
    )
    response = await client.post(
        "/graphql",
        content=parts + b"--b--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "MULTIPART_TOO_MANY_PARTS"


async def test_form_parts_over_the_body_limit_are_refused_before_the_file(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    body = Body(json.dumps({"query": MULTIPART_UPLOAD, "pad": "x" * 1_100_000}), PDF)

    response = await post(client, token, body)

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"
    assert body.read <= 2 * MB


async def test_a_file_given_as_a_plain_value_is_refused_with_a_code(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "demo-1")
    application_id = await draft(client, token)
    variables = {"id": application_id, "material": "sale_contract", "file": "not a file"}

    body = await gql(client, MULTIPART_UPLOAD, variables, token)

    assert body["data"]["uploadMaterial"]["code"] == "INVALID_INPUT"


@examples(deadline=None, max_examples=60)
@given(content=st.binary(max_size=3000), data=st.data())
async def test_a_multipart_body_split_anywhere_reads_as_the_same_form_and_file(
    content: bytes, data: st.DataObject
) -> None:
    whole = Body(operations("A1"), content).data
    cuts = sorted(data.draw(st.lists(st.integers(0, len(whole)), max_size=12)))
    chunks = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True)]

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "query_string": b"",
        "headers": [(b"content-type", b"multipart/form-data; boundary=b")],
    }
    adapter = streaming_uploads(max_field_bytes=10_000)(Request(scope, receive))

    form = await adapter.get_form_data()

    assert json.loads(form.form["operations"])["variables"]["id"] == "A1"
    assert json.loads(form.form["map"]) == {"0": ["variables.file"]}
    file = form.files["0"]
    assert file.filename == "scan.pdf"
    assert b"".join([chunk async for chunk in file]) == content
