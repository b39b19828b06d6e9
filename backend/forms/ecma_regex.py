"""ECMA-262 regular expressions (JSON Schema's `pattern` dialect) read into a small tree, and
written again in RE2's syntax with the same meaning.

RE2 and ECMA differ where a form pattern notices: `\\uXXXX` is `\\x{XXXX}` in RE2, and ECMA's
`.` and `\\s` know the Unicode line ends and spaces (the ideographic space U+3000 among them).
The tree keeps what `patterns.ambiguous` needs: which characters each part matches, and how
often. Lenient: what it does not know it passes on for RE2 to refuse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_CODE_POINT = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, inclusive code point ranges
ANY: Ranges = ((0, MAX_CODE_POINT),)
# ECMA-262 WhiteSpace and LineTerminator: \s in JavaScript (RE2's \s is ASCII only).
SPACE_CLASS = r"\t\n\v\f\r\p{Zs}\x{FEFF}\x{2028}\x{2029}"
LINE_ENDS = r"\n\r\x{2028}\x{2029}"


@dataclass(frozen=True)
class Chars:
    """One character out of a set."""

    ranges: Ranges


@dataclass(frozen=True)
class Seq:
    """Items one after the other; empty for an assertion (`^`, `$`, `\\b`, lookaround)."""

    items: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Alt:
    branches: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    node: Node
    low: int
    high: int | None  # None: no upper bound


Node = Chars | Seq | Alt | Repeat


@dataclass
class Parsed:
    tree: Node
    re2_pattern: str
    unsupported: list[str] = field(default_factory=list)  # "backreference", "lookaround"


class _Parser:
    """Recursive descent over ECMA-262 pattern syntax (no flags); lenient where RE2 decides."""

    def __init__(self, pattern: str) -> None:
        self.text, self.at = pattern, 0
        self.out: list[str] = []
        self.unsupported: list[str] = []

    def peek(self, n: int = 1) -> str:
        return self.text[self.at : self.at + n]

    def take(self) -> str:
        self.at += 1
        return self.text[self.at - 1]

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.out.append(self.take())
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alt(tuple(branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.at < len(self.text) and self.peek() not in "|)":
            items.append(self.quantified(self.atom()))
        return items[0] if len(items) == 1 else Seq(tuple(items))

    def quantified(self, node: Node) -> Node:
        bounds: tuple[int, int | None] | None = None
        if self.peek() in ("*", "+", "?"):
            symbol = self.take()
            bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}[symbol]
            self.out.append(symbol)
        elif self.peek() == "{" and (braced := self._braces()) is not None:
            bounds, written = braced
            self.out.append(written)
        if bounds is None:
            return node
        if self.peek() == "?":  # lazy: the same language, the same ambiguity
            self.out.append(self.take())
        return Repeat(node, *bounds)

    def _braces(self) -> tuple[tuple[int, int | None], str] | None:
        end = self.text.find("}", self.at)
        low, comma, high = self.text[self.at + 1 : end].partition(",")
        if end < 0 or not low.isdigit() or not (high.isdigit() or high == ""):
            return None  # not a quantifier: ECMA reads the brace as itself
        written = self.text[self.at : end + 1]
        self.at = end + 1
        top = int(low) if not comma else (int(high) if high else None)
        return (int(low), top), written

    def atom(self) -> Node:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.klass()
        if char == "\\":
            return self.escape()
        if char == ".":
            self.out.append(f"[^{LINE_ENDS}]")
            return Chars(complement(ranges_of(LINE_ENDS_POINTS)))
        if char in "^$*+?":  # an anchor; or a quantifier with nothing to repeat, for RE2 to refuse
            self.out.append(char)
            return Seq()
        self.out.append(_literal(ord(char)))
        return Chars(((ord(char), ord(char)),))

    def group(self) -> Node:
        opening = next(
            (o for o in ("?:", "?=", "?!", "?<=", "?<!") if self.text.startswith(o, self.at)), ""
        )
        if opening:
            self.out.append("(" + opening)
            self.at += len(opening)
        elif self.peek(2) == "?<":  # a named group: (?<name>…) in ECMA, (?P<name>…) in RE2
            end = self.text.find(">", self.at)
            end = end if end > 0 else len(self.text) - 1
            self.out.append("(?P" + self.text[self.at + 1 : end + 1])
            self.at = end + 1
        else:
            self.out.append("(")
        inner = self.alternation()
        if self.peek() == ")":
            self.out.append(self.take())
        if opening not in ("", "?:"):
            self.unsupported.append("lookaround")
            return Seq()
        return inner

    def escape(self) -> Node:
        char = self.take() if self.at < len(self.text) else "\\"
        if char in "dDwW":
            self.out.append("\\" + char)
            return Chars(CLASS_ESCAPES[char])
        if char in "sS":
            self.out.append(f"[{'^' if char == 'S' else ''}{SPACE_CLASS}]")
            return Chars(CLASS_ESCAPES[char])
        if char in "bB":
            self.out.append("\\" + char)
            return Seq()
        if char in "123456789" or (char == "k" and self.peek() == "<"):
            self.unsupported.append("backreference")
            self.out.append("\\" + char)
            return Seq()
        if char in "pP" and self.peek() == "{":  # a Unicode property: RE2 reads \p{…} alike
            end = self.text.find("}", self.at)
            self.out.append("\\" + char + self.text[self.at : end + 1])
            self.at = end + 1 if end > 0 else len(self.text)
            return Chars(ANY)
        point = self.code_point(char)
        self.out.append(_literal(point))
        return Chars(((point, point),))

    def code_point(self, char: str) -> int:
        """The character an escape outside the class escapes stands for."""
        if char == "u" and self.peek() == "{":
            end = self.text.find("}", self.at)
            digits = self.text[self.at + 1 : end]
            if end > 0 and _is_hex(digits) and int(digits, 16) <= MAX_CODE_POINT:
                self.at = end + 1
                return int(digits, 16)
        for letter, width in (("u", 4), ("x", 2)):
            digits = self.peek(width)
            if char == letter and len(digits) == width and _is_hex(digits):
                self.at += width
                return int(digits, 16)
        if char == "c" and self.peek().isascii() and self.peek().isalpha():
            return ord(self.take()) % 32
        return CONTROL_ESCAPES.get(char, ord(char))

    def klass(self) -> Node:
        negated = self.peek() == "^"
        if negated:
            self.at += 1
        parts: list[str] = []
        ranges: list[tuple[int, int]] = []
        while self.at < len(self.text) and self.peek() != "]":
            low, written = self.class_atom()
            if self.peek() == "-" and self.peek(2)[1:] not in ("]", ""):
                self.at += 1
                high, written_high = self.class_atom()
                if len(low) == 1 and len(high) == 1 and low[0][0] <= high[0][0]:
                    ranges.append((low[0][0], high[0][0]))
                else:  # a class escape at either end: RE2 will say what it makes of it
                    ranges += [*low, *high]
                parts.append(f"{written}-{written_high}")
                continue
            ranges += low
            parts.append(written)
        if self.at >= len(self.text):  # unterminated: left so for RE2 to refuse
            self.out.append("[" + "".join(parts))
            return Chars(())
        self.at += 1  # the closing bracket
        chosen = ranges_of(ranges)
        if not parts:  # [] matches nothing, [^] any character
            self.out.append(r"(?s:.)" if negated else r"[^\x00-\x{10FFFF}]")
            return Chars(ANY if negated else ())
        self.out.append("[" + ("^" if negated else "") + "".join(parts) + "]")
        return Chars(complement(chosen) if negated else chosen)

    def class_atom(self) -> tuple[Ranges, str]:
        char = self.take()
        if char != "\\":
            return ((ord(char), ord(char)),), _literal(ord(char))
        char = self.take() if self.at < len(self.text) else "\\"
        if char in CLASS_ESCAPES:
            written = SPACE_CLASS if char == "s" else "\\" + char
            return CLASS_ESCAPES[char], written
        if char in "pP" and self.peek() == "{":
            end = self.text.find("}", self.at)
            written = "\\" + char + self.text[self.at : end + 1]
            self.at = end + 1 if end > 0 else len(self.text)
            return ANY, written
        point = 8 if char == "b" else self.code_point(char)  # [\b] is a backspace
        return ((point, point),), _literal(point)


def _literal(point: int) -> str:
    """One character as RE2 reads it literally, wherever it stands."""
    char = chr(point)
    return char if char.isascii() and char.isalnum() else f"\\x{{{point:X}}}"


def _is_hex(digits: str) -> bool:
    return bool(digits) and all(c in "0123456789abcdefABCDEF" for c in digits)


def ranges_of(pairs: Iterable[tuple[int, int]]) -> Ranges:
    """Sorted, merged ranges."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(pairs):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def complement(ranges: Ranges) -> Ranges:
    gaps, start = [], 0
    for low, high in ranges:
        if low > start:
            gaps.append((start, low - 1))
        start = high + 1
    if start <= MAX_CODE_POINT:
        gaps.append((start, MAX_CODE_POINT))
    return tuple(gaps)


def overlap(a: Ranges, b: Ranges) -> bool:
    return any(
        low <= other_high and other_low <= high for low, high in a for other_low, other_high in b
    )


_DIGITS = ((48, 57),)
_WORD = ranges_of([(48, 57), (65, 90), (95, 95), (97, 122)])
_SPACE = ranges_of(
    [
        *((9, 13), (32, 32), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A)),
        *((0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)),
        (0xFEFF, 0xFEFF),
    ]
)
LINE_ENDS_POINTS = [(10, 10), (13, 13), (0x2028, 0x2029)]
CLASS_ESCAPES: dict[str, Ranges] = {
    "d": _DIGITS,
    "D": complement(_DIGITS),
    "w": _WORD,
    "W": complement(_WORD),
    "s": _SPACE,
    "S": complement(_SPACE),
}
CONTROL_ESCAPES = {"t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "0": 0}


def parse(pattern: str) -> Parsed:
    parser = _Parser(pattern)
    tree = parser.alternation()
    while parser.at < len(pattern):  # an unmatched ")": kept for RE2 to refuse
        parser.out.append(parser.take())
        tree = Seq((tree, parser.alternation()))
    return Parsed(tree, "".join(parser.out), parser.unsupported)
