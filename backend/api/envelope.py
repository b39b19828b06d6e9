"""The request envelope, checked before anything is parsed as GraphQL: JSON nesting and number
length on the raw bytes, then the shape of `query`, `operationName`, `variables` and
`extensions`, and the query text's length. A request that fails is refused with HTTP 400 and a
stable code (`BadRequest`), never reaching graphql-core or the public-answer cache key.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from itertools import accumulate
from typing import Any

import orjson
from strawberry.http import GraphQLRequestData

MAX_DIGITS = 19  # a run of digits longer than this is a number no 64-bit integer holds

_STRINGS = re.compile(rb'"(?:[^"\\]++|\\.)*+"')
_LONG_NUMBER = re.compile(rb"\d{%d,}" % (MAX_DIGITS + 1))
# U+0000, raw or escaped (`\u0000` after an even run of backslashes), in JSON or a GraphQL string:
# PostgreSQL's text holds no such character, and no citizen or clerk types one.
_NUL = re.compile(rb"\x00|(?<!\\)(?:\\\\)*\\u0000")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes


class BadRequest(Exception):
    """A request refused before any work, with HTTP `status` and a stable `code`."""

    def __init__(self, code: str, en: str, zh: str, status: int = 400) -> None:
        super().__init__(en)
        self.code, self.en, self.zh, self.status = code, en, zh, status

    def body(self, request_id: str) -> dict[str, Any]:
        extensions = {"code": self.code, "zh": self.zh, "requestId": request_id}
        return {"errors": [{"message": self.en, "extensions": extensions}]}


def decode(data: str | bytes, max_depth: int) -> Any:
    """JSON, refused when nested deeper than `max_depth` or holding an over-long number. Both are
    checked on the text outside strings, without recursion, before `json.loads` runs."""
    raw = data.encode() if isinstance(data, str) else data
    check_characters(raw)
    bare = _STRINGS.sub(b"", raw)
    if _LONG_NUMBER.search(bare):
        raise BadRequest(
            "NUMBER_TOO_LONG",
            f"A number in the request has more than {MAX_DIGITS} digits.",
            f"请求中的数字超过 {MAX_DIGITS} 位。",
        )
    steps = array("b", bare.translate(_STEPS, _NOT_BRACKETS))
    if max(accumulate(steps), default=0) > max_depth:
        raise BadRequest(
            "TOO_DEEP",
            f"The request's JSON is nested more than {max_depth} levels deep.",
            f"请求的 JSON 嵌套超过 {max_depth} 层。",
        )
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, RecursionError) as e:  # JSONDecodeError and UnicodeDecodeError too
        raise BadRequest(
            "INVALID_JSON", "The request is not valid JSON.", "请求不是有效的 JSON。"
        ) from e
    try:  # a lone surrogate (`\ud800`) decodes to a text no UTF-8 holds: orjson says so, in C
        orjson.dumps(value)
    except orjson.JSONEncodeError as e:
        raise _invalid_character() from e
    return value


def request_data(data: object, max_query_length: int) -> GraphQLRequestData:
    """The one GraphQL request in a decoded body (or GET parameters), its fields' types checked."""
    if not isinstance(data, dict):
        raise BadRequest(
            "BAD_REQUEST",
            "A GraphQL request is one JSON object (batches are not supported).",
            "GraphQL 请求应为一个 JSON 对象（不支持批量请求）。",
        )
    query = data.get("query")
    name = data.get("operationName")
    variables = data.get("variables")
    extensions = data.get("extensions")
    for field, value, kind, wanted in (
        ("query", query, str, "a string"),
        ("operationName", name, str, "a string"),
        ("variables", variables, dict, "an object"),
        ("extensions", extensions, dict, "an object"),
    ):
        if value is not None and not isinstance(value, kind):
            raise BadRequest(
                "BAD_REQUEST",
                f"`{field}` must be {wanted} or null.",
                f"`{field}` 应为{'字符串' if kind is str else '对象'}或 null。",
            )
    check_query(query, max_query_length)
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=name, extensions=extensions
    )


def check_query(query: str | None, max_query_length: int) -> None:
    if query is not None and len(query) > max_query_length:
        raise BadRequest(
            "QUERY_TOO_LONG",
            f"The query text is longer than {max_query_length} characters.",
            f"查询文本超过 {max_query_length} 个字符。",
        )
    if query is not None:
        try:
            check_characters(query.encode())
        except UnicodeEncodeError as e:  # a lone surrogate
            raise _invalid_character() from e


def check_characters(raw: bytes) -> None:
    """No U+0000 anywhere in a request, whichever way it is written."""
    if (b"\x00" in raw or b"\\u0000" in raw) and _NUL.search(raw):  # the regex only if need be
        raise _invalid_character()


def _invalid_character() -> BadRequest:
    return BadRequest(
        "INVALID_CHARACTER",
        "The request contains U+0000 or half of a surrogate pair, which no text may hold.",
        "请求中含有不允许的字符（空字符或不成对的代理字符）。",
    )


def check_socket_message(message: object, max_query_length: int) -> None:
    """A graphql-transport-ws (or legacy graphql-ws) message: an object; a subscription's
    payload a request like any other."""
    if not isinstance(message, dict):
        raise BadRequest("BAD_REQUEST", "A message is a JSON object.", "消息应为 JSON 对象。")
    if message.get("type") in ("subscribe", "start"):
        if not isinstance(message.get("id"), str):
            raise BadRequest("BAD_REQUEST", "`id` must be a string.", "`id` 应为字符串。")
        request_data(message.get("payload"), max_query_length)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value
