"""Pure ASGI middleware: the security headers of every HTTP answer.

Each answer gets a Content-Security-Policy (the web client's own under its mount, a deny-all one
for the API), `frame-ancestors 'none'` and `X-Frame-Options: DENY` (no framing), `nosniff`, no
referrer; and `Cache-Control: no-store` when the request was signed in (it carried
Authorization), so that no browser or proxy keeps one person's answer. A header the answer set
itself is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A built web client: scripts and styles from its own origin only. antd writes its styles into
# <style> elements and style attributes at run time, hence 'unsafe-inline' for styles (never
# for scripts); images may be data: or blob: URLs (icons, previews of a chosen file), and a
# frame a blob: URL (a PDF the workbench fetched with the staff token, shown in its viewer).
_CLIENT = (
    "default-src 'self'; script-src 'self'{eval}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-src blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
WEB_CLIENT = _CLIENT.format(eval="")  # the citizens' mini-program
# The configurator's form preview validates with ajv (@rjsf/validator-ajv8), which compiles each
# staff-written JSON Schema into a function: without 'unsafe-eval' the preview cannot validate.
CONFIGURATOR = _CLIENT.format(eval=" 'unsafe-eval'")
# JSON answers load nothing and are framed by nobody.
API = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# GraphiQL, served in development only, loads itself from unpkg.com and starts from an inline
# script.
GRAPHIQL = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https://unpkg.com; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: blob:; "
    "font-src 'self' data: https://unpkg.com; connect-src 'self'; frame-ancestors 'none'"
)
FIXED = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """`clients` maps a web client's mount path (e.g. "/m") to its policy; other paths get the
    API's. With `ide`, an HTML page outside the clients (GraphiQL) gets GRAPHIQL."""

    def __init__(self, app: ASGIApp, clients: Mapping[str, str], ide: bool = False) -> None:
        self.app, self.clients, self.ide = app, clients, ide

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope["path"]
        client = next(
            (p for m, p in self.clients.items() if path == m or path.startswith(m + "/")), None
        )
        signed_in = any(name == b"authorization" for name, _ in scope["headers"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))  # a copy: the sender may keep its own
                names = {name.lower() for name, _ in headers}
                policy = client or (GRAPHIQL if self.ide and _html(headers) else API)
                added = [(b"content-security-policy", policy.encode()), *FIXED]
                if signed_in:
                    added.append((b"cache-control", b"no-store"))
                headers += [(name, value) for name, value in added if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(
        name.lower() == b"content-type" and value.startswith(b"text/html")
        for name, value in headers
    )
