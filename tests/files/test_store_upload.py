import hashlib
import io
import tempfile
from pathlib import Path

import pytest
from files_support import PDF, PNG, CountingStream, files_under, pdf, photo, stream
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.datastructures import UploadFile

from backend.files.service import MB, StoredFile, UploadRejected, clean_filename, store_upload
from backend.files.store import LocalFileStore

DOCUMENTS = ["application/pdf", "image/jpeg", "image/png"]


async def test_an_accepted_upload_is_stored_and_described(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    stored = await store_upload(
        store, stream(PDF), filename="营业执照.pdf", accept=DOCUMENTS, max_bytes=10 * MB
    )

    sha256 = hashlib.sha256(PDF).hexdigest()
    assert stored == StoredFile(
        key=sha256,
        sha256=sha256,
        size=len(PDF),
        content_type="application/pdf",
        filename="营业执照.pdf",
    )
    assert await store.read(stored.key) == PDF


async def test_a_starlette_upload_file_is_read_in_chunks(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    content = photo(300, 300)  # a few READ_SIZE chunks
    upload = UploadFile(io.BytesIO(content), filename="IMG_0001.JPG")

    stored = await store_upload(
        store, upload, filename=upload.filename or "", accept=DOCUMENTS, max_bytes=MB
    )
    await upload.close()

    assert (stored.content_type, stored.size) == ("image/jpeg", len(content))
    assert await store.read(stored.key) == content


async def test_a_png_named_pdf_is_recognised_as_png_and_refused_where_only_pdf_is_accepted(
    tmp_path: Path,
) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            store, stream(PNG), filename="x.pdf", accept=["application/pdf"], max_bytes=MB
        )

    assert rejected.value.code == "type_not_allowed"
    assert rejected.value.message_zh == "只接受 PDF 格式，此文件是 PNG"
    assert rejected.value.message_en == "Only PDF files are accepted; this file is PNG."
    assert files_under(tmp_path) == []


async def test_an_unrecognised_file_is_refused_naming_the_accepted_formats(
    tmp_path: Path,
) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            store, stream(b"PK\x03\x04" * 8), filename="a.docx", accept=DOCUMENTS, max_bytes=MB
        )

    assert rejected.value.code == "type_not_allowed"
    assert rejected.value.message_zh == "只接受 PDF、JPG、PNG 格式，无法识别此文件的格式"
    assert rejected.value.message_en == (
        "Only PDF, JPG or PNG files are accepted; the format of this file is not recognised."
    )


async def test_an_oversized_upload_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    upload = CountingStream(head=PDF, size=1024, total=1000)

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            store, upload, filename="scan.pdf", accept=DOCUMENTS, max_bytes=10 * 1024
        )

    assert rejected.value.code == "too_large"
    assert upload.consumed == 10  # the 10th chunk crosses 10 KiB; not one chunk more is read
    assert files_under(tmp_path) == []


async def test_a_refused_type_is_refused_after_its_first_chunk(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    upload = CountingStream(head=PNG, size=1024, total=1000)

    with pytest.raises(UploadRejected):
        await store_upload(
            store, upload, filename="x.pdf", accept=["application/pdf"], max_bytes=10 * MB
        )

    assert upload.consumed == 1


@pytest.mark.parametrize(
    ("max_bytes", "limit"),
    [(10 * MB, "10 MB"), (MB + MB // 2, "1.5 MB"), (10 * MB - 1, "9.9 MB"), (512 * 1024, "512 KB")],
)
async def test_the_size_message_states_the_limit_never_above_the_real_one(
    tmp_path: Path, max_bytes: int, limit: str
) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            store,
            stream(PDF, bytes(max_bytes)),
            filename="a.pdf",
            accept=DOCUMENTS,
            max_bytes=max_bytes,
        )

    assert rejected.value.message_zh == f"文件超过 {limit} 上限，请压缩后重新上传"
    assert rejected.value.message_en == (
        f"The file is larger than the {limit} limit; please compress it and upload it again."
    )


async def test_an_upload_of_exactly_max_bytes_is_accepted(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    stored = await store_upload(
        store, stream(PDF), filename="a.pdf", accept=DOCUMENTS, max_bytes=len(PDF)
    )

    assert stored.size == len(PDF)


async def test_an_empty_upload_is_refused(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    with pytest.raises(UploadRejected) as rejected:
        await store_upload(
            store, stream(b"", b""), filename="a.pdf", accept=DOCUMENTS, max_bytes=MB
        )

    assert rejected.value.code == "empty"
    assert files_under(tmp_path) == []


async def test_the_same_document_uploaded_twice_is_stored_once(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    first = await store_upload(store, stream(PDF), filename="a.pdf", accept=DOCUMENTS, max_bytes=MB)
    second = await store_upload(
        store, stream(PDF), filename="b.pdf", accept=DOCUMENTS, max_bytes=MB
    )

    assert first.key == second.key
    assert (first.filename, second.filename) == ("a.pdf", "b.pdf")
    assert files_under(tmp_path) == [store.path(first.key)]


@pytest.mark.parametrize("accept", [[], ["image/gif"], ["image/jpg"]])
async def test_accepting_a_type_sniffing_cannot_recognise_is_a_programming_error(
    tmp_path: Path, accept: list[str]
) -> None:
    with pytest.raises(ValueError, match="accept"):
        await store_upload(
            LocalFileStore(tmp_path), stream(PDF), filename="a.pdf", accept=accept, max_bytes=MB
        )


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("身份证正面.jpg", "身份证正面.jpg"),
        ("C:\\Users\\张三\\Desktop\\户口本.pdf", "户口本.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\r\n\t.pdf", "ab.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a right-to-left override disguising .exe
        ("  scan.png  ", "scan.png"),
        ("e\u0301.pdf", "\u00e9.pdf"),  # decomposed accents, as iOS sends them, composed
        ("", ""),
    ],
)
def test_a_filename_is_kept_only_as_display_text(name: str, cleaned: str) -> None:
    assert clean_filename(name) == cleaned


def test_a_long_filename_is_cut_to_100_characters_keeping_its_extension() -> None:
    assert clean_filename("材" * 300 + ".pdf") == "材" * 96 + ".pdf"
    assert clean_filename("x" * 300) == "x" * 100


@settings(deadline=None, max_examples=50)
@given(payload=st.binary(max_size=2000), data=st.data())
async def test_an_upload_split_anywhere_is_stored_whole_with_its_sha256(
    payload: bytes, data: st.DataObject
) -> None:
    content = pdf(payload)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(content)), max_size=6)))
    parts = [content[a:b] for a, b in zip([0, *cuts], [*cuts, len(content)], strict=True)]
    with tempfile.TemporaryDirectory() as root:  # hypothesis runs many examples per tmp_path
        store = LocalFileStore(Path(root))

        stored = await store_upload(
            store, stream(*parts), filename="a.pdf", accept=DOCUMENTS, max_bytes=MB
        )

        assert stored.sha256 == stored.key == hashlib.sha256(content).hexdigest()
        assert (stored.size, stored.content_type) == (len(content), "application/pdf")
        assert await store.read(stored.key) == content
        assert files_under(Path(root)) == [store.path(stored.key)]
