"""Staff-written regular expressions (a form's `pattern`s and `patternProperties`), run in
linear time.

A JSON Schema pattern is an ECMA-262 regular expression, and the browser checks the same form
with its own backtracking engine. The server runs it with RE2 (google-re2), whose time is
linear in the answer: Python's `re` backtracks, and `^(a+)+$` held the worker for 10 s over
a 27-character answer. `ecma_regex.parse` reads the ECMA syntax into a small tree and writes
the RE2 pattern that means the same; `problem` says why staff cannot save a pattern: RE2
cannot run it (a backreference, lookaround), or a repeated part can match the same text in
more than one way, which backtracking engines (the browser's) take exponential time over.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from typing import Any, Protocol

import re2

from backend.forms.ecma_regex import (
    Alt,
    Chars,
    Node,
    Ranges,
    Repeat,
    Seq,
    overlap,
    parse,
    ranges_of,
)
from backend.forms.messages import Message

log = logging.getLogger(__name__)


def nullable(node: Node) -> bool:
    """The node can match the empty text."""
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(nullable(item) for item in node.items)
    if isinstance(node, Alt):
        return any(nullable(branch) for branch in node.branches)
    return node.low == 0 or nullable(node.node)


def first(node: Node) -> Ranges:
    """The characters a match of the node can start with."""
    if isinstance(node, Chars):
        return node.ranges
    if isinstance(node, Repeat):
        return first(node.node) if node.high != 0 else ()
    if isinstance(node, Alt):
        return ranges_of(r for branch in node.branches for r in first(branch))
    found: list[tuple[int, int]] = []
    for item in node.items:
        found += first(item)
        if not nullable(item):
            break
    return ranges_of(found)


def chars(node: Node) -> Ranges:
    """Every character the node can match anywhere."""
    return ranges_of(r for leaf in _walk(node) if isinstance(leaf, Chars) for r in leaf.ranges)


def _walk(node: Node) -> Iterator[Node]:
    yield node
    children = (
        node.items if isinstance(node, Seq) else
        node.branches if isinstance(node, Alt) else
        (node.node,) if isinstance(node, Repeat) else ()
    )  # fmt: skip
    for child in children:
        yield from _walk(child)


def _varies(node: Node) -> bool:
    """A part that can match the same text in more than one length or way: a repeat of
    varying count, or alternatives that can start alike (or be empty)."""
    if isinstance(node, Repeat):
        return node.high != node.low
    if isinstance(node, Alt):
        starts = [first(branch) for branch in node.branches]
        return any(nullable(b) for b in node.branches) or any(
            overlap(a, b) for i, a in enumerate(starts) for b in starts[i + 1 :]
        )
    return False


def ambiguous(tree: Node) -> bool:
    """A repeated part can match the same text in more than one way: `(a+)+`, `(a*)*`,
    `(a|aa)+`, `(\\w+\\s?)+`. Backtracking engines try every way before failing, which takes
    exponential time. A repetition is safe when each round must match a character the
    varying parts cannot (`([a-z]+\\.)+`: the dot ends a round)."""
    for node in _walk(tree):
        if not (isinstance(node, Repeat) and (node.high is None or node.high > 1)):
            continue
        varying = [part for part in _walk(node.node) if _varies(part)]
        if not varying:
            continue
        risky = ranges_of(r for part in varying for r in chars(part))
        rounds = node.node.items if isinstance(node.node, Seq) else (node.node,)
        delimited = any(
            not nullable(item)
            and not any(_varies(part) for part in _walk(item))
            and not overlap(chars(item), risky)
            for item in rounds
        )
        if not delimited:
            return True
    return False


class _Regex(Protocol):
    def search(self, text: str) -> object | None: ...


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # refusals are reported to staff, not to stderr
    options.never_capture = True
    return options


_OPTIONS = _options()


def _re2(pattern: str) -> _Regex:
    """RE2's compiled regex of an ECMA pattern; raises re2.error (or RecursionError)."""
    regex: _Regex = re2.compile(parse(pattern).re2_pattern, _OPTIONS)
    return regex


UNSUPPORTED = "pattern_unsupported"
AMBIGUOUS = "pattern_ambiguous"
MAX_LENGTH = 1000  # form patterns are a few dozen characters; the checks above are quadratic


def problem(written: str) -> tuple[str, Message] | None:
    """Why staff cannot save this pattern, as (code, (Chinese, English)); None when it is fine.

    Codes: `pattern_unsupported` (RE2 cannot run it), `pattern_ambiguous` (nested quantifiers).
    """
    pattern = written if len(written) <= 80 else written[:77] + "..."  # as messages show it
    if len(written) > MAX_LENGTH:
        return UNSUPPORTED, (
            f"正则表达式“{pattern}”超过 {MAX_LENGTH} 个字符，请简化",
            f"The pattern {pattern!r} is longer than {MAX_LENGTH} characters; simplify it",
        )
    try:
        parsed = parse(written)
    except RecursionError:
        return UNSUPPORTED, (
            f"正则表达式“{pattern}”嵌套太深，请简化",
            f"The pattern {pattern!r} is nested too deeply; simplify it",
        )
    if parsed.unsupported:
        return UNSUPPORTED, _unsupported(pattern, parsed.unsupported)
    try:
        re2.compile(parsed.re2_pattern, _OPTIONS)
    except re2.error as e:
        reason = e.args[0].decode() if e.args and isinstance(e.args[0], bytes) else str(e)
        return UNSUPPORTED, (
            f"正则表达式“{pattern}”无法用服务器的线性时间引擎 RE2 检查：{reason}",
            f"The pattern {pattern!r} cannot run on RE2, the linear-time engine the server "
            f"checks answers with: {reason}",
        )
    if ambiguous(parsed.tree):
        return AMBIGUOUS, (
            f"正则表达式“{pattern}”中重复的部分能以多种方式匹配同一段文字（嵌套量词如 (a+)+、(a*)*，"
            "或可重叠的选项如 (a|aa)+）。服务器用 RE2 在线性时间内检查，但浏览器用 JavaScript "
            "检查同一表单时会逐一回溯，几十个字的答案就能让页面卡住几分钟；请改写，如把 (a+)+ 写成 a+",
            f"The pattern {pattern!r} has a repeated part that can match the same text in more "
            "than one way (nested quantifiers such as (a+)+ or (a*)*, or overlapping "
            "alternatives such as (a|aa)+). The server checks it with RE2 in linear time, but the "
            "browser's JavaScript engine checks the same form by backtracking and can freeze "
            "for minutes on an answer of a few dozen characters; rewrite it, e.g. (a+)+ as a+",
        )
    return None


def _unsupported(pattern: str, features: list[str]) -> Message:
    if "backreference" in features:
        zh, en = "反向引用（如 \\1）", "a backreference (such as \\1)"
    else:
        zh, en = (
            "前瞻或后顾断言（如 (?=…)、(?<!…)）",
            "lookahead or lookbehind (such as (?=…), (?<!…))",
        )
    return (
        f"正则表达式“{pattern}”使用了{zh}，服务器检查答案所用的线性时间引擎 RE2 不支持；请改写",
        f"The pattern {pattern!r} uses {en}, which RE2, the linear-time engine the server "
        "checks answers with, does not support; rewrite it without",
    )


@functools.lru_cache(maxsize=1024)
def compiled(pattern: str) -> _Regex | None:
    """The pattern compiled once for RE2; None when RE2 cannot run it (a pattern published
    before the check: answers are then refused, never checked with a backtracking engine)."""
    try:
        return _re2(pattern)
    except (re2.error, RecursionError):
        log.warning("pattern %r cannot run on RE2; answers to it are refused", pattern)
        return None


def search(pattern: str, text: str) -> bool:
    """The pattern matches somewhere in the text (JSON Schema's `pattern`), in linear time."""
    regex = compiled(pattern)
    return regex is not None and regex.search(text) is not None
