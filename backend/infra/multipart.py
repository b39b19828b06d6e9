"""GraphQL multipart uploads read as the operation needs them: bounded, the file never spooled.

The GraphQL multipart request spec sends `operations` and `map` first, then the files. This
request adapter reads the leading form parts (at most MAX_FIELDS, together at most
`max_field_bytes`, each part's headers at most MAX_HEADER_BYTES), and stops at the first file
part's headers: that file is handed to the resolver as an `IncomingFile`, which reads it from
the network as the resolver asks. The resolver streams it to the file store and stops at its
material's limit, so an over-size file is refused without reading the rest, and nothing is
held in memory or in a spooled temporary file.

One file per request: a later part is never read (a map naming it answers 400, as strawberry
does for a missing file).

    view.request_adapter_class = streaming_uploads(max_field_bytes=1_000_000)
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import suppress

from cross_web import FormData, StarletteRequestAdapter
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from backend.infra.middleware import RequestRefused

MAX_FIELDS = 4  # operations and map, with room for a client's extras
MAX_HEADER_BYTES = 16 * 1024  # one part's headers


def streaming_uploads(max_field_bytes: int) -> type[StreamingUploads]:
    """The adapter class for a view (strawberry makes one per request, from the request)."""
    return type("StreamingUploads", (StreamingUploads,), {"max_field_bytes": max_field_bytes})


class StreamingUploads(StarletteRequestAdapter):
    """Starlette's request adapter, but a multipart body is read part by part as needed."""

    max_field_bytes = 1_000_000  # the form parts together

    async def get_form_data(self) -> FormData:
        kind, options = parse_options_header(self.content_type)
        if kind != b"multipart/form-data":
            return await super().get_form_data()
        boundary = options.get(b"boundary")
        if not boundary:
            raise _malformed("no boundary in Content-Type")
        parts = _Parts(self._request.stream(), boundary)
        form: dict[str, str] = {}
        fields = size = 0
        while (disposition := await parts.next_part()) is not None:
            name, filename = _disposition(disposition)
            if filename is not None:
                return FormData(files={name: IncomingFile(parts, filename)}, form=form)
            fields += 1
            if fields > MAX_FIELDS:
                raise RequestRefused(
                    400,
                    "MULTIPART_TOO_MANY_PARTS",
                    f"上传请求的表单部分超过 {MAX_FIELDS} 个",
                    f"The upload has more than {MAX_FIELDS} form parts.",
                )
            value = bytearray()
            async for chunk in parts.data():
                size += len(chunk)
                if size > self.max_field_bytes:
                    raise RequestRefused(
                        413,
                        "BODY_TOO_LARGE",
                        f"上传请求的表单部分超过 {self.max_field_bytes} 字节上限",
                        f"The upload's form parts are larger than {self.max_field_bytes} bytes.",
                    )
                value += chunk
            try:
                form[name] = value.decode()
            except UnicodeDecodeError:
                raise _malformed(f"form part {name!r} is not UTF-8") from None
        return FormData(files={}, form=form)


class IncomingFile:
    """A file part, read from the request as it is iterated: `async for chunk in file`.

    EOFError when the request ends, or breaks the multipart format, before the part does.
    """

    def __init__(self, parts: _Parts, filename: str) -> None:
        self.filename = filename
        self._parts = parts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._parts.data():
                yield chunk
        except RequestRefused as e:
            raise EOFError(e.message_en) from None
        except ClientDisconnect:
            raise EOFError("the client went away") from None

    async def close(self) -> None:
        """Stop reading the request; what the resolver did not read is never read."""
        await self._parts.close()


class _Parts:
    """python-multipart's push parser turned into pulls: part headers, then data chunks."""

    def __init__(self, stream: AsyncGenerator[bytes, None], boundary: bytes) -> None:
        self._stream = stream
        self._events: deque[tuple[str, bytes]] = deque()
        self._header: list[bytes] = [b"", b""]  # the name and value being read
        self._disposition = b""  # the current part's Content-Disposition
        self._header_bytes = 0
        self._ended = False
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._begin,
                "on_header_field": lambda data, start, end: self._header_part(0, data[start:end]),
                "on_header_value": lambda data, start, end: self._header_part(1, data[start:end]),
                "on_header_end": self._header_end,
                "on_headers_finished": lambda: self._events.append(
                    ("headers", self._disposition)
                ),
                "on_part_data": lambda data, start, end: self._events.append(
                    ("data", data[start:end])
                ),
                "on_part_end": lambda: self._events.append(("end", b"")),
                "on_end": lambda: self._events.append(("done", b"")),
            },
        )

    async def next_part(self) -> bytes | None:
        """The next part's Content-Disposition, or None after the last part."""
        while True:
            kind, value = await self._next()
            if kind == "headers":
                return value
            if kind == "done":
                return None

    async def data(self) -> AsyncIterator[bytes]:
        """The current part's data, in the chunks it arrived in."""
        while True:
            kind, value = await self._next()
            if kind == "end":
                return
            if kind != "data":
                raise _malformed("a part ended without its boundary")
            if value:
                yield value

    async def close(self) -> None:
        with suppress(Exception):
            await self._stream.aclose()

    async def _next(self) -> tuple[str, bytes]:
        while not self._events:
            if self._ended:
                raise _malformed("the body ended before the multipart message did")
            chunk = await anext(self._stream, None)
            try:
                if chunk is None:
                    self._ended = True
                    self._parser.finalize()
                else:
                    self._parser.write(chunk)
            except FormParserError as e:
                raise _malformed(str(e)) from None
        return self._events.popleft()

    def _begin(self) -> None:
        self._disposition = b""
        self._header_bytes = 0

    def _header_part(self, which: int, data: bytes) -> None:
        self._header_bytes += len(data)
        if self._header_bytes > MAX_HEADER_BYTES:
            raise RequestRefused(
                400,
                "MULTIPART_INVALID",
                f"上传请求的分段头超过 {MAX_HEADER_BYTES} 字节",
                f"A part's headers are longer than {MAX_HEADER_BYTES} bytes.",
            )
        self._header[which] += data

    def _header_end(self) -> None:
        if self._header[0].lower() == b"content-disposition":
            self._disposition = self._header[1]
        self._header = [b"", b""]


def _disposition(value: bytes) -> tuple[str, str | None]:
    """The part's form name and, for a file, its file name."""
    _, options = parse_options_header(value)
    if b"name" not in options:
        raise _malformed("a part has no name in its Content-Disposition")
    filename = options.get(b"filename")
    try:
        name = options[b"name"].decode()
    except UnicodeDecodeError:
        raise _malformed("a part's name is not UTF-8") from None
    return name, None if filename is None else filename.decode(errors="replace")  # display only


def _malformed(detail: str) -> RequestRefused:
    return RequestRefused(
        400,
        "MULTIPART_INVALID",
        f"上传请求的格式不正确（{detail}）",
        f"The upload is not a valid multipart request ({detail}).",
    )
