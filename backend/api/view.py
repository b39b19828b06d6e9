"""The GraphQL-over-HTTP endpoint: strawberry's ASGI view plus the spec's
`application/graphql-response+json` media type and status codes."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from backend.api.context import Context
from backend.api.persisted import PersistedQueries
from backend.api.public_answers import PublicAnswers, Sent

GRAPHQL_RESPONSE = "application/graphql-response+json"


class GraphQLView(GraphQL[Context, None]):
    """The citizen endpoint: a bearer token names a citizen."""

    keeps_public_answers = True

    def __init__(self, services: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.persisted = PersistedQueries(lambda: services.kv, services.settings.cache_prefix)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An anonymous request whose public answer was sent before gets the same response again,
        before anything is parsed: the mini-program repeats the same bytes for the same page."""
        headers = dict(scope["headers"]) if scope["type"] == "http" else {}
        if (
            not self.keeps_public_answers
            or scope["type"] != "http"
            or b"authorization" in headers
            or not _plain(scope["method"], headers)
        ):
            return await super().__call__(scope, receive, send)
        body = await _body(receive)
        if body is None:
            return  # the client went away
        answers: PublicAnswers = self.services.public_answers
        key = answers.request_key(scope, headers, body)
        sent = answers.sent.get(key)
        if sent is not None:
            return await sent.send_again(send, headers.get(b"if-none-match", b""))
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

        await super().__call__(scope, replay, keeping)
        etag = dict(start.get("headers", [])).get(b"etag")
        # Only a public answer carries an ETag; strawberry sends it in one message.
        if start.get("status") == 200 and etag and not streamed and len(whole) == 1:
            answers.keep_sent(key, Sent(start["headers"], whole[0], etag), generation)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        context = Context(services=self.services, request=request, response=response)
        token = bearer(request)
        if token:
            await self.identify(context, token)
        return context

    async def identify(self, context: Context, token: str) -> None:
        context.citizen = await self.services.sessions.citizen(token)

    async def on_ws_connect(self, context: Context) -> None:
        """Browsers cannot set headers on a WebSocket: the token comes in connection_init."""
        auth = str((context.connection_params or {}).get("Authorization", ""))
        if auth.lower().startswith("bearer "):
            await self.identify(context, auth[7:].strip())

    def should_render_graphql_ide(self, request: Any) -> bool:
        """Not for a persisted query sent by GET, which has extensions but no query text."""
        return (
            super().should_render_graphql_ide(request) and "extensions" not in request.query_params
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub = await super().get_sub_response(request)
        sub.graphql_response_json = GRAPHQL_RESPONSE in request.headers.get("accept", "")  # type: ignore[attr-defined]
        sub.if_none_match = request.headers.get("if-none-match", "")  # type: ignore[attr-defined]
        return sub

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)  # type: ignore[arg-type]
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            response.pop("data", None)  # the request failed before execution: no data entry
        return response

    async def execute_single(  # type: ignore[override]
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData,
        **kwargs: Any,
    ) -> ExecutionResult:
        resolved = await self.persisted.resolve(request_data)
        if isinstance(resolved, GraphQLError):
            return ExecutionResult(data=None, errors=[resolved])
        answers: PublicAnswers = self.services.public_answers
        key = answers.key(resolved) if self.keeps_public_answers and not bearer(request) else None

        async def execute() -> ExecutionResult:
            try:
                return await super(GraphQLView, self).execute_single(
                    request=request,
                    request_adapter=request_adapter,
                    request_data=resolved,
                    **kwargs,
                )
            except HTTPException as e:
                if (
                    isinstance(e.__cause__, InvalidOperationTypeError)
                    and request_adapter.method == "GET"
                ):
                    raise HTTPException(405, "Mutations need POST.") from e  # as the spec requires
                raise

        if key is None:
            return await execute()
        result = await answers.answer(key, execute)
        kwargs["sub_response"].public = not result.errors  # the same for everyone: an ETag
        return result

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)  # UTF-8 as is: Chinese text is not escaped

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        if getattr(sub_response, "public", False) and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.body).hexdigest()[:32] + '"'
            if etag in getattr(sub_response, "if_none_match", ""):
                return Response(status_code=304, headers={"ETag": etag})
            response.headers["ETag"] = etag
            response.headers["Cache-Control"] = "no-cache"  # keep it, but ask again each time
        if getattr(sub_response, "graphql_response_json", False):
            response.headers["content-type"] = GRAPHQL_RESPONSE
            if (
                isinstance(response_data, dict)
                and "data" not in response_data
                and not sub_response.status_code
            ):
                response.status_code = 400
        return response


class StaffGraphQLView(GraphQLView):
    """The staff endpoint: a bearer token names a staff member; citizens' tokens mean nothing here."""

    keeps_public_answers = False

    async def identify(self, context: Context, token: str) -> None:
        context.staff = await self.services.staff_sessions.member(token)


def _plain(method: str, headers: dict[bytes, bytes]) -> bool:
    """A GET, or a POST of JSON: a request whose bytes name its answer (not an upload)."""
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


def bearer(request: Request | WebSocket) -> str | None:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None
