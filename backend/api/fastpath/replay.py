"""The response replay: an anonymous request whose public answer was sent before gets the same
response again, before anything is parsed (the mini-program repeats the same bytes for the same
page); any other request passes through, and a public answer it gets is kept on the way out."""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.api.fastpath.answers import PublicAnswers, Sent


async def serve(
    answers: PublicAnswers,
    scope: Scope,
    receive: Receive,
    send: Send,
    endpoint: ASGIApp,
    request_id: Callable[[Scope], str],
) -> None:
    """The response kept for these bytes, or `endpoint`'s, kept when it carries a public answer."""
    headers = dict(scope["headers"]) if scope["type"] == "http" else {}
    if scope["type"] != "http" or b"authorization" in headers or not _plain(scope, headers):
        return await endpoint(scope, receive, send)
    body = await _body(receive)
    if body is None:
        return  # the client went away
    key = answers.request_key(scope, headers, body)
    sent = answers.sent.get(key)
    if sent is not None:
        answers.sent_again += 1
        return await sent.send_again(send, headers.get(b"if-none-match", b""), request_id(scope))
    generation = answers.generation
    start: Message = {}
    whole: list[bytes] = []  # the body, if it is sent in one message
    streamed = False

    async def replay() -> Message:
        nonlocal body
        if body is None:
            return await receive()
        message: Message = {"type": "http.request", "body": body, "more_body": False}
        body = None
        return message

    async def keeping(message: Message) -> None:
        nonlocal streamed
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            streamed = streamed or bool(message.get("more_body"))
            if not streamed:
                whole.append(message.get("body", b""))
        await send(message)

    await endpoint(scope, replay, keeping)
    etag = dict(start.get("headers", [])).get(b"etag")
    # Only a public answer carries an ETag; strawberry sends it in one message.
    if start.get("status") == 200 and etag and not streamed and len(whole) == 1:
        answers.keep_sent(key, Sent.of(start["headers"], whole[0], etag), generation)


def _plain(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """A GET, or a POST of JSON: a request whose bytes name its answer (not an upload)."""
    method = scope["method"]
    return method == "GET" or (
        method == "POST" and headers.get(b"content-type", b"").startswith(b"application/json")
    )


async def _body(receive: Receive) -> bytes | None:
    """The whole request body, or None when the client disconnected first."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
