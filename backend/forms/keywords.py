"""The JSON Schema keywords that run a form's patterns, with RE2 in place of Python's `re`.

jsonschema matches `pattern`, `patternProperties` and the property names that
`additionalProperties` and `unevaluatedProperties` leave over with `re.search`, which
backtracks; these do the same with `patterns.search`, in linear time. Otherwise they follow
jsonschema's own (4.x) keywords, messages included.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from backend.forms import patterns


def pattern(validator: Any, written: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not patterns.search(written, instance):
        yield ValidationError(f"{instance!r} does not match {written!r}")


def pattern_properties(
    validator: Any, value: Mapping[str, Any], instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for written, subschema in value.items():
        for name, item in instance.items():
            if patterns.search(written, name):
                yield from validator.descend(item, subschema, path=name, schema_path=written)


def additional_properties(
    validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    extras = [name for name in instance if not _declared(schema, name)]
    if validator.is_type(value, "object"):
        for name in extras:
            yield from validator.descend(instance[name], value, path=name)
    elif value is False and extras:
        listed = ", ".join(repr(name) for name in sorted(extras))
        yield ValidationError(f"Additional properties are not allowed ({listed} unexpected)")


def unevaluated_properties(
    validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    evaluated = set(_evaluated(validator, instance, schema))
    refused = [
        name
        for name in instance
        if name not in evaluated and not _valid(validator, instance[name], value)
    ]
    if refused:
        listed = ", ".join(repr(name) for name in sorted(refused))
        yield ValidationError(f"Unevaluated properties are not allowed ({listed} unexpected)")


def _declared(schema: Mapping[str, Any], name: str) -> bool:
    """Named by `properties` or matched by a `patternProperties` pattern."""
    return name in schema.get("properties", {}) or any(
        patterns.search(written, name) for written in schema.get("patternProperties", {})
    )


def _valid(validator: Any, instance: Any, schema: Any) -> bool:
    return next(validator.descend(instance, schema), None) is None


def _evaluated(validator: Any, instance: Mapping[str, Any], schema: Any) -> Iterable[str]:
    """The property names some keyword of the schema evaluated successfully (jsonschema's
    `find_evaluated_property_keys_by_schema`, property names matched with RE2)."""
    if not isinstance(schema, Mapping):
        return
    for keyword in ("$ref", "$dynamicRef"):
        if isinstance(schema.get(keyword), str):
            resolved = validator._resolver.lookup(schema[keyword])
            deeper = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            yield from _evaluated(deeper, instance, resolved.contents)
    yield from (name for name in instance if _declared(schema, name))
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if keyword in schema:
            yield from (
                n for n, item in instance.items() if _valid(validator, item, schema[keyword])
            )
    for name, subschema in schema.get("dependentSchemas", {}).items():
        if name in instance:
            yield from _evaluated(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword, []):
            if _valid(validator, instance, subschema):
                yield from _evaluated(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            yield from _evaluated(validator, instance, schema["if"])
            yield from _evaluated(validator, instance, schema.get("then", {}))
        else:
            yield from _evaluated(validator, instance, schema.get("else", {}))


# The stubs leave `extend` untyped; the class it makes is a Draft202012Validator.
FormSchemaValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "pattern": pattern,
        "patternProperties": pattern_properties,
        "additionalProperties": additional_properties,
        "unevaluatedProperties": unevaluated_properties,
    },
)
