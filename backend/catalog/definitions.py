"""Matter and life-event documents: reading files, merging county versions onto templates."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
import orjson
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from backend.catalog.definition_model import MatterDefinition, Way
from backend.catalog.definition_model import Text as TextModel
from backend.settings import CATALOG_DIR

Doc = dict[str, Any]
SCHEMA_DIR = CATALOG_DIR / "schema"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog file, located by a JSON pointer inside it."""

    file: str
    pointer: str
    message: str
    severity: str = "error"  # error | warning | info
    message_zh: str = ""  # for the configurator; given where the wording is known

    def __str__(self) -> str:
        return f"{self.file}:{self.pointer or '/'}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    doc: Doc


@cache
def meta_validator(name: str) -> Draft202012Validator:
    """The validator of one meta-schema (`matter`, `life_event`, `elements`), built once."""
    resources = []
    for path in SCHEMA_DIR.glob("*.schema.json"):
        schema = orjson.loads(path.read_bytes())
        resources.append((schema.get("$id", path.name), Resource.from_contents(schema)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = orjson.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())
    return Draft202012Validator(schema, registry=registry)


def pointer(path: Iterator[Any] | Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def schema_problems(file: str, doc: Any, kind: str) -> list[Problem]:
    errors = sorted(meta_validator(kind).iter_errors(doc), key=lambda e: list(map(str, e.path)))
    # An empty text breaks both `minLength` and the `\S` pattern: it is reported once.
    empty = {pointer(e.absolute_path) for e in errors if e.validator == "minLength"}
    return [
        Problem(file, pointer(e.absolute_path), e.message, message_zh=in_chinese(e, kind))
        for e in errors
        if not (_blank_pattern(e) and pointer(e.absolute_path) in empty)
    ]


def _blank_pattern(e: ValidationError) -> bool:
    return e.validator == "pattern" and e.validator_value == "\\S"


def in_chinese(e: ValidationError, kind: str) -> str:
    """A meta-schema error in the words of a county clerk, named by the field's own title."""
    value: Any = e.validator_value
    schema = e.schema if isinstance(e.schema, dict) else {}
    label = _zh(schema.get("title", ""))
    match e.validator:
        case "required":
            name = next((n for n in value if f"'{n}'" in e.message), "")
            return f"缺少必填项「{field_titles(kind).get(name, name)}」"
        case "minLength":
            return "不能为空" if value == 1 else f"至少 {value} 个字"
        case "maxLength":
            return f"最多 {value} 个字"
        case "pattern":
            return "不能为空或只有空格" if value == "\\S" else f"{label or '内容'}的格式不对"
        case "enum":
            return f"只能选：{'、'.join(map(str, value))}"
        case "const":
            return f"只能是 {value}"
        case "type":
            kinds = {"string": "文字", "number": "数字", "integer": "整数", "boolean": "是/否",
                     "object": "对象", "array": "列表"}  # fmt: skip
            wanted = value if isinstance(value, list) else [value]
            return f"应为{'或'.join(kinds.get(str(k), str(k)) for k in wanted)}"
        case "minItems":
            return f"至少要有 {value} 项"
        case "uniqueItems" | "maxContains":
            return "有重复的项"
        case "additionalProperties" | "unevaluatedProperties":
            return "有不认识的项（拼写错误，或此处不允许）"
        case "minimum" | "exclusiveMinimum":
            return f"不能小于{'' if e.validator == 'minimum' else '或等于'} {value}"
        case "maximum":
            return f"不能大于 {value}"
        case _:
            return ""


@cache
def field_titles(kind: str) -> dict[str, str]:
    """The Chinese title of every property a meta-schema names, by property name (a property
    without a title of its own takes the title of the definition it refers to)."""
    schema = orjson.loads((SCHEMA_DIR / f"{kind}.schema.json").read_bytes())
    defs = schema.get("$defs", {})
    titles: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if not isinstance(sub, dict):
                    continue
                target = defs.get(str(sub.get("$ref", "")).rpartition("/")[2], {})
                title = sub.get("title") or target.get("title")
                if title:
                    titles.setdefault(name, _zh(title))
            for sub in node.values():
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    walk(schema)
    return titles


def _zh(title: str) -> str:
    return title.split(" · ")[0]


def read_json(path: Path) -> tuple[Any, Problem | None]:
    try:
        return orjson.loads(path.read_bytes()), None
    except orjson.JSONDecodeError as e:
        return None, Problem(str(path), "", f"not valid JSON: {e}")


def content_hash(doc: Any) -> str:
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


REMOVE_KEY = {"$remove": True}


def merge(base: Any, change: Any) -> Any:
    """Apply a county version onto its template (rules in docs/catalog-format.md)."""
    if isinstance(base, Mapping) and isinstance(change, Mapping):
        merged = dict(base)
        for key, value in change.items():
            if value == REMOVE_KEY:  # where the meta-schema allows it: a form field
                merged.pop(key, None)
            else:
                merged[key] = merge(base[key], value) if key in base else value
        return merged
    if _is_id_list(base) and _is_id_list(change):
        by_id = {item["id"]: item for item in base}
        order = [item["id"] for item in base]
        for item in change:
            if item.get("$remove"):
                by_id.pop(item["id"], None)
            elif item["id"] in by_id:
                by_id[item["id"]] = merge(by_id[item["id"]], item)
            else:
                by_id[item["id"]] = item
                order.append(item["id"])
        return [by_id[i] for i in order if i in by_id]
    return change


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, Mapping) and "id" in i for i in value)


def effective(doc: Doc, templates: Mapping[str, Doc]) -> Doc:
    """The definition citizens see: the document itself, or its template merged with it."""
    if "extends" not in doc:
        return doc
    return merge(templates[doc["extends"]], doc)  # type: ignore[no-any-return]


class DefinitionInvalid(ValueError):
    """A matter definition the typed model refuses, located by a JSON pointer inside it."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer or '/'}: {message}")
        self.pointer = pointer
        self.message = message


def parse_definition(doc: Any) -> MatterDefinition:
    """The typed effective definition of a matter (a template, or a county version merged onto
    its template). Parse it once per version: the result is shared, never change it."""
    try:
        return msgspec.convert(doc, MatterDefinition)
    except msgspec.ValidationError as e:
        message, _, where = str(e).partition(" - at `")
        steps = _STEP.findall(where.removeprefix("$").removesuffix("`"))
        raise DefinitionInvalid(pointer(key or index for key, index in steps), message) from None


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")  # msgspec's `$.materials[0].ways`: keys and indexes


def as_text(t: TextModel) -> dict[str, str]:
    """A text of a typed definition as the plain `{"zh", "en"}` the rest of the code passes."""
    return {"zh": t.zh, "en": t.en}


def way_kind(way: Way) -> str:
    """`e_license`, `shared_data`, `commitment`, `upload` or `original`: the way's tag."""
    return str(type(way).__struct_config__.tag)


def iter_files(root: Path, folder: str) -> list[Path]:
    base = root / folder if (root / folder).is_dir() else None
    if base is None:
        return []
    return sorted(base.rglob("*.json"))


def text(value: Mapping[str, str] | None, lang: str = "zh") -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("zh", "")
