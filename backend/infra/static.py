"""A web client built by Vite, served from its dist folder (issue 18: the first load is fast).

- Files under assets/ carry a hash of their content in their names (`index-D8zOwuuU.js`): a
  browser keeps them a year without asking again (`immutable`); a new build makes new names.
  Everything else (index.html above all) is asked again every time (`no-cache`: a 304 when it
  has not changed), so a new build is seen at the next load.
- The build writes `name.br` and `name.gz` next to each text file (vite.config.ts, compressed
  once at the best level): the answer is the brotli one when the request names `br` in
  Accept-Encoding, else the gzip one when it names `gzip`, else the file itself. Nothing is
  compressed here, at request time: no CPU per request, nothing compressed twice. `Vary:
  Accept-Encoding` on every answer, so that a cache never gives one client's encoding to
  another. A `*` in Accept-Encoding is not taken as asking for either: only a named encoding is.
- The .br and .gz files are not addressable themselves (404): they would reach the browser
  without their Content-Encoding.

Starlette's StaticFiles still resolves the path: `..` and symbolic links out of the folder are
refused (404), a missing file is a 404, only GET and HEAD are answered.
"""

from __future__ import annotations

import os
from mimetypes import guess_type
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, PathLike, StaticFiles
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"  # a year: what browsers keep at most
REVALIDATE = "no-cache"
# Best first: (the name in Accept-Encoding, the suffix of the file the build wrote).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class BuiltClient(StaticFiles):
    """StaticFiles in html mode (a folder's index.html) over a Vite build's dist folder."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)
        self.hashed = os.path.realpath(directory / "assets")

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.endswith(tuple(suffix for _, suffix in ENCODINGS)):
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)

    def file_response(
        self,
        full_path: PathLike,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        request_headers = Headers(scope=scope)
        hashed = os.path.dirname(os.path.realpath(full_path)) == self.hashed
        headers = {
            "cache-control": IMMUTABLE if hashed and status_code == 200 else REVALIDATE,
            "vary": "Accept-Encoding",
        }
        media_type = guess_type(str(full_path))[0] or "text/plain"
        path = str(full_path)
        named = accepted(request_headers.get("accept-encoding", ""))
        for encoding, suffix in ENCODINGS:
            if encoding in named and os.path.isfile(path + suffix):
                path += suffix
                stat_result = os.stat(path)
                headers["content-encoding"] = encoding
                break
        response = FileResponse(
            path,
            status_code=status_code,
            headers=headers,
            media_type=media_type,
            stat_result=stat_result,
        )
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response


def accepted(accept_encoding: str) -> set[str]:
    """The encodings an Accept-Encoding header names with a weight above zero ("br;q=0" refuses
    br). The header's length is bounded by the HTTP server (h11: 16 KB for all headers)."""
    names = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        weight = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            if float(weight) > 0:
                names.add(name.strip())
        except ValueError:
            continue  # a weight that is not a number: as if the encoding were not named
    return names
