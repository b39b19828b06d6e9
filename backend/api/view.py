"""The GraphQL-over-HTTP endpoint: strawberry's ASGI view plus the spec's
`application/graphql-response+json` media type and status codes, the request envelope checked
before any work (`backend.api.envelope`), persisted queries, and text frames on WebSockets."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncGenerator, Mapping
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, GraphQLSyntaxError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from backend.api import envelope
from backend.api.context import Context, request_id
from backend.api.envelope import BadRequest
from backend.api.fastpath import replay
from backend.api.fastpath.answers import PublicAnswers
from backend.api.persisted import PersistedQueries
from backend.api.services import Services
from backend.infra import actors, metrics

GRAPHQL_RESPONSE = "application/graphql-response+json"
# strawberry's own refusals (an unknown operation, a mutation over GET), with a code and Chinese
HTTP_REFUSALS = {
    400: ("BAD_REQUEST", "请求无效。"),
    404: ("NOT_FOUND", "未找到。"),
    405: ("METHOD_NOT_ALLOWED", "不支持此请求方法。"),
}


class TextFrames(ASGIWebSocketAdapter):
    """Messages go out as text frames, as graphql-ws clients (Apollo, urql, Relay, GraphiQL)
    require: they close the connection with 4004 on a binary one. Incoming messages pass the
    same envelope checks as an HTTP request; one that fails closes the connection with 4400."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(self.view.encode_json_string(message))
        except WebSocketDisconnect as e:
            raise WebSocketDisconnected from e

    async def iter_json(
        self, *, ignore_parsing_errors: bool = False
    ) -> AsyncGenerator[object, None]:
        max_length = self.view.services.settings.max_query_length  # type: ignore[attr-defined]
        try:
            async for message in super().iter_json(ignore_parsing_errors=ignore_parsing_errors):
                envelope.check_socket_message(message, max_length)
                yield message
        except BadRequest as e:
            await self.close(4400, e.code)


class GraphQLView(GraphQL[Context, None]):
    """The citizen endpoint: a bearer token names a citizen."""

    keeps_public_answers = True
    websocket_adapter_class = TextFrames
    endpoint = "citizen"  # its label in the metrics

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.persisted = PersistedQueries(
            lambda: services.kv,
            services.settings.cache_prefix,
            shared=bool(services.settings.redis_url),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """With the fast path on, a public answer sent before is sent again unparsed."""
        if self.keeps_public_answers and self.services.settings.fast_path:
            answers = self.services.public_answers
            return await replay.serve(answers, scope, receive, send, super().__call__, request_id)
        return await super().__call__(scope, receive, send)

    async def run(  # type: ignore[override]
        self,
        request: Request | WebSocket,
        context: Context | UnsetType = UNSET,
        root_value: UnsetType | None = UNSET,
    ) -> Response | WebSocket:
        """Every refusal before execution answers with a GraphQL error and a code, not text."""
        try:
            return await super().run(request, context, root_value)  # type: ignore[arg-type]
        except BadRequest as e:
            self.count("unknown", "refused")
            return self.refusal(request, e.status, e.body(request_id(request.scope)))
        except HTTPException as e:
            self.count("unknown", "refused")
            code, zh = HTTP_REFUSALS.get(e.status_code, ("BAD_REQUEST", "请求无效。"))
            refused = BadRequest(code, e.reason, zh, e.status_code)
            return self.refusal(request, e.status_code, refused.body(request_id(request.scope)))

    def refusal(self, request: Request | WebSocket, status: int, body: dict[str, Any]) -> Response:
        accept = request.headers.get("accept", "")
        media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else "application/json"
        headers = {"X-Request-Id": request_id(request.scope)}
        return JSONResponse(body, status_code=status, media_type=media_type, headers=headers)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        context = Context(
            services=self.services,
            request=request,
            response=response,
            request_id=request_id(request.scope),
        )
        token = bearer(request)
        if token:
            await self.identify(context, token)
        return context

    async def identify(self, context: Context, token: str) -> None:
        session = await self.services.sessions.session(token)
        if session is not None:
            context.citizen, context.representation = session.citizen, session.representation
            scope = session.representation.matters if session.representation else None
            actors.act_as(context.actor, scope)
        context.token = token

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

    def decode_json(self, data: str | bytes) -> object:
        return envelope.decode(data, self.services.settings.max_json_depth)

    def parse_json(self, data: str | bytes) -> Any:
        return self.decode_json(data)  # BadRequest, with its code, when it is not JSON

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """One request (no batches, no streaming transports: neither is enabled), its envelope
        checked; strawberry's own would call `.get` on whatever the JSON holds."""
        content_type, _ = parse_content_type(request.content_type or "")
        if request.method == "GET":
            data = self.parse_query_params(request.query_params)
        elif "application/json" in content_type:
            data = self.parse_json(await request.get_body())
        elif self.multipart_uploads_enabled and content_type == "multipart/form-data":
            data = await self.parse_multipart(request)
        else:
            raise BadRequest(
                "UNSUPPORTED_CONTENT_TYPE",
                "Send application/json (or multipart/form-data for uploads).",
                "请以 application/json（上传文件用 multipart/form-data）发送请求。",
            )
        return envelope.request_data(data, self.services.settings.max_query_length)

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        try:
            return await super().parse_multipart(request)
        except (TypeError, ValueError, IndexError, AttributeError) as e:
            raise BadRequest(
                "BAD_REQUEST",
                "The multipart map does not fit its operations.",
                "multipart 请求的 map 与 operations 不符。",
            ) from e

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub = await super().get_sub_response(request)
        sub.graphql_response_json = GRAPHQL_RESPONSE in request.headers.get("accept", "")  # type: ignore[attr-defined]
        sub.if_none_match = request.headers.get("if-none-match", "")  # type: ignore[attr-defined]
        sub.headers["X-Request-Id"] = request_id(request.scope)
        return sub

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)  # type: ignore[arg-type]
        if result.errors and _refused_before_execution(result):
            response.pop("data", None)  # the request failed before execution: no data entry
            response["errors"] = [_coded(e) for e in result.errors]
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
        max_tokens = self.services.settings.max_tokens
        public = self.keeps_public_answers and not bearer(request)
        key = answers.key(resolved, max_tokens) if public else None

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

        if key is not None and self.services.settings.fast_path:
            result = await answers.answer(key, execute)
        else:
            result = await execute()
        if key is not None:
            kwargs["sub_response"].public = not result.errors  # the same for everyone: an ETag
        # A query text sent with its hash is kept once the endpoint has parsed and validated it,
        # with the endpoint's own limits; one that failed is refused with its errors, not kept.
        refused = _refused_before_execution(result)
        if not refused:
            await self.persisted.keep(request_data)
        outcome = "refused" if refused else "error" if result.errors else "ok"
        self.count(metrics.operation_label(resolved.operation_name, resolved.query), outcome)
        return result

    def count(self, operation: str, outcome: str) -> None:
        """One operation answered, in the metrics."""
        metrics.GRAPHQL_REQUESTS.labels(self.endpoint, operation, outcome).inc()

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
    endpoint = "staff"

    async def identify(self, context: Context, token: str) -> None:
        context.staff = await self.services.staff_sessions.member(token)


def _refused_before_execution(result: ExecutionResult) -> bool:
    """Parsing or validation failed: errors without a path, and no data."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


# Parse and validation errors, by what graphql-core and strawberry's limit rules say
LIMIT_CODES = (
    ("tokens. Parsing aborted", "TOO_MANY_TOKENS"),
    ("exceeds maximum operation depth", "TOO_DEEP"),
    ("aliases found. Allowed", "TOO_MANY_ALIASES"),
)


def _coded(error: GraphQLError) -> dict[str, Any]:
    """The error as sent, with a code: a limit's own, else that parsing or validation failed."""
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = formatted.get("extensions") or {}
    if "code" not in extensions:
        parse = isinstance(error, GraphQLSyntaxError)
        code = "GRAPHQL_PARSE_FAILED" if parse else "GRAPHQL_VALIDATION_FAILED"
        code = next((c for text, c in LIMIT_CODES if text in error.message), code)
        formatted["extensions"] = {**extensions, "code": code}
    return formatted


def bearer(request: Request | WebSocket) -> str | None:
    auth = request.headers.get("authorization", "")
    return auth[7:].strip() if auth.lower().startswith("bearer ") else None
