"""Validate form answers against a form's JSON Schema (Draft 2020-12), every error at once.

Each error names the field by JSON pointer (a missing property by its own pointer, not its
parent's) and carries a plain message in Chinese and English naming the field by its
`title` (and `x-title-en` when present).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from backend.forms import messages, patterns
from backend.forms.formats import FORMAT_CHECKER, FORMATS
from backend.forms.keywords import FormSchemaValidator
from backend.forms.messages import Label

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

CODES = {
    "type": "type",
    "format": "format",
    "enum": "enum",
    "const": "enum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minimum": "minimum",
    "exclusiveMinimum": "minimum",
    "maximum": "maximum",
    "exclusiveMaximum": "maximum",
    "unevaluatedProperties": "unknown_field",
}
BOUNDS = {
    "minLength",
    "maxLength",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of the answers; `path` is the field's JSON pointer."""

    path: str
    code: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class SchemaProblem:
    """One problem with a form schema; `path` is a JSON pointer inside the schema."""

    path: str
    code: str
    message_zh: str
    message_en: str


class FormSchemaError(ValueError):
    def __init__(self, problems: Sequence[SchemaProblem]) -> None:
        self.problems = list(problems)
        lines = [f"  {p.path or '/'}: {p.message_en}" for p in self.problems]
        super().__init__("The form schema is not valid:\n" + "\n".join(lines))


class FormValidator:
    """Built once per form schema; validates any number of answer documents."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        problems = check_form_schema(schema)
        if problems:
            raise FormSchemaError(problems)
        self.schema = schema
        self._validator = FormSchemaValidator(schema, format_checker=FORMAT_CHECKER)

    def validate(self, answers: object) -> list[FieldError]:
        """Every error in the answers, sorted by field path."""
        found = {e for error in self._validator.iter_errors(answers) for e in self._convert(error)}
        return sorted(found, key=_order)

    def validate_partial(self, answers: object) -> list[FieldError]:
        """As `validate`, for a draft: a missing answer is no error yet."""
        return [e for e in self.validate(answers) if e.code != "required"]

    def _convert(self, error: ValidationError) -> list[FieldError]:
        where = list(error.absolute_path)
        keyword = str(error.validator)
        instance = error.instance
        if keyword in ("required", "dependentRequired"):
            missing = _missing(keyword, error.validator_value, instance)
            return [self._required([*where, name]) for name in missing]
        if keyword == "additionalProperties" and isinstance(error.schema, Mapping):
            return [
                self._error([*where, name], "unknown_field", messages.unknown_field(name))
                for name in _unexpected(error.schema, instance)
            ]
        label = self._label(where)
        if keyword == "type" and not where:
            message = ("答案应为一组字段（JSON 对象）", "The answers must be a JSON object")
        elif keyword == "type":
            message = messages.type_(label, error.validator_value)
        elif keyword == "format":
            message = messages.format_(label, str(error.validator_value), str(instance))
        elif keyword in BOUNDS:
            message = messages.bound(label, keyword, error.validator_value)
        else:
            message = messages.other(label, keyword)
        return [self._error(where, CODES.get(keyword, "invalid"), message)]

    def _required(self, where: list[str | int]) -> FieldError:
        return self._error(where, "required", messages.required(self._label(where)))

    def _error(self, where: list[str | int], code: str, message: messages.Message) -> FieldError:
        return FieldError(_pointer(where), code, *message)

    def _label(self, where: list[str | int]) -> Label:
        node = self._schema_at(where)
        for candidate in (node, self._resolve(node)):
            title, english = candidate.get("title"), candidate.get("x-title-en")
            if isinstance(title, str) and title:
                return Label(title, english if isinstance(english, str) and english else title)
        if not where:
            return Label("表单", "the form")
        last = where[-1]
        if isinstance(last, int):
            parent = self._label(where[:-1])
            return Label(f"{parent.zh}第 {last + 1} 项", f"{parent.en} item {last + 1}")
        return Label(last, last)

    def _schema_at(self, where: list[str | int]) -> Mapping[str, Any]:
        """The schema of the field at `where` (empty when unknown), before resolving its $ref."""
        node: Mapping[str, Any] = self.schema
        for part in where:
            parent = self._resolve(node)
            if isinstance(part, int):
                prefix = parent.get("prefixItems", [])
                child = prefix[part] if part < len(prefix) else parent.get("items")
            else:
                child = parent.get("properties", {}).get(part)
            if not isinstance(child, Mapping):
                return {}
            node = child
        return node

    def _resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow local `$ref`s ("#/$defs/person"); empty when one leads nowhere."""
        for _ in range(20):
            ref = node.get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#")):
                return node
            target: Any = self.schema
            for part in ref[1:].split("/")[1:]:
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part) if isinstance(target, Mapping) else None
            node = target if isinstance(target, Mapping) else {}
        return node


def compile_form(schema: Mapping[str, Any]) -> FormValidator:
    """A validator for one form schema; raises FormSchemaError listing the schema's problems."""
    return FormValidator(schema)


def check_form_schema(schema: object) -> list[SchemaProblem]:
    """Problems with a form schema, each at its pointer inside the schema (empty when fine)."""
    meta = Draft202012Validator(
        Draft202012Validator.META_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    problems = [
        SchemaProblem(
            _pointer(list(error.absolute_path)),
            "schema",
            f"表单结构不符合 JSON Schema 2020-12：{error.message}",
            f"Not valid JSON Schema 2020-12: {error.message}",
        )
        for error in meta.iter_errors(schema)
    ]
    if problems or not isinstance(schema, Mapping):
        return sorted(problems, key=_order)
    if schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        problems.append(
            SchemaProblem(
                "/$schema",
                "dialect",
                f"表单结构须使用 {DRAFT_2020_12}",
                f"A form schema must use {DRAFT_2020_12}",
            )
        )
    if schema.get("type") != "object":
        problems.append(
            SchemaProblem(
                "/type",
                "not_object",
                "表单结构的 type 须为 object",
                "A form schema must have type object",
            )
        )
    problems += _semantic_problems(schema)
    return sorted(problems, key=_order)


def _semantic_problems(schema: Mapping[str, Any]) -> Iterator[SchemaProblem]:
    for pointer, node in _subschemas(schema, ""):
        fmt = node.get("format")
        if isinstance(fmt, str) and fmt not in FORMATS:
            known = ", ".join(sorted(FORMATS))
            yield SchemaProblem(
                f"{pointer}/format",
                "unknown_format",
                f"未知的格式“{fmt}”，可用：{known}",
                f"Unknown format {fmt!r}; known: {known}",
            )
        properties = node.get("properties")
        if isinstance(properties, Mapping):
            for i, name in enumerate(node.get("required", [])):
                if name not in properties:
                    yield SchemaProblem(
                        f"{pointer}/required/{i}",
                        "required_undefined",
                        f"必填项“{name}”不在 properties 中",
                        f"Required property {name!r} is not in properties",
                    )


def check_patterns(schema: object) -> list[SchemaProblem]:
    """Every `pattern` and `patternProperties` pattern of a form schema that staff cannot save
    (RE2 cannot run it, or it backtracks catastrophically in the browser: see
    `patterns.problem`), each at its pointer inside the schema. Kept out of
    `check_form_schema`, so a form published before this check still compiles: RE2 runs its
    patterns, and refuses the answers to one it cannot run."""
    found = []
    for pointer, node in _subschemas(schema, ""):
        written = node.get("pattern")
        if isinstance(written, str):
            found += _pattern_problems(f"{pointer}/pattern", written)
        keyed = node.get("patternProperties")
        for name in keyed if isinstance(keyed, Mapping) else ():
            found += _pattern_problems(f"{pointer}/patternProperties/{_escape(name)}", name)
    return sorted(found, key=_order)


def _pattern_problems(pointer: str, written: str) -> list[SchemaProblem]:
    refused = patterns.problem(written)
    return [] if refused is None else [SchemaProblem(pointer, refused[0], *refused[1])]


_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_VALUES = (
    "items",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "not",
)


def _subschemas(node: object, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every (sub)schema object in a schema, with its pointer (what is not where a schema
    should be is skipped: the meta-schema reports it)."""
    if not isinstance(node, Mapping):
        return
    yield pointer, node
    for key in _SCHEMA_MAPS:
        named = node.get(key)
        for name, sub in named.items() if isinstance(named, Mapping) else ():
            yield from _subschemas(sub, f"{pointer}/{key}/{_escape(name)}")
    for key in _SCHEMA_LISTS:
        listed = node.get(key)
        for i, sub in enumerate(listed if isinstance(listed, list) else ()):
            yield from _subschemas(sub, f"{pointer}/{key}/{i}")
    for key in _SCHEMA_VALUES:
        yield from _subschemas(node.get(key), f"{pointer}/{key}")


def _missing(keyword: str, value: Any, instance: Any) -> list[str]:
    if not isinstance(instance, Mapping):
        return []
    if keyword == "required":
        return [name for name in value if name not in instance]
    return [
        name
        for key, names in value.items()
        if key in instance
        for name in names
        if name not in instance
    ]


def _unexpected(schema: Mapping[str, Any], instance: object) -> list[str]:
    if not isinstance(instance, Mapping):
        return []
    known = schema.get("properties", {})
    written = list(schema.get("patternProperties", {}))
    return [
        name
        for name in instance
        if name not in known and not any(patterns.search(p, name) for p in written)
    ]


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _pointer(where: Sequence[str | int]) -> str:
    return "".join("/" + _escape(part) for part in where)


def _order(item: FieldError | SchemaProblem) -> tuple[Any, ...]:
    """By path, comparing array indexes as numbers (/a/2 before /a/10), then by code."""
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in item.path.split("/")[1:])
    return parts, item.code, item.message_en
