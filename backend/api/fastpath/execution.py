"""graphql-core's executor, with a shortcut for the commonest field of our answers and without
the reference cycle it makes per request (see `Execution.__init__`). The cycle is broken
always; the shortcut is taken only for fields `mark_plain_fields` marked, which `build_schema`
does only when the fast path is on.

Most values in an answer are plain attributes of a scalar or enum type: `zh` and `en` of every
text, an application's `status`, a material's `id`. graphql-core completes each through the
general path (resolve info, argument values, resolver, completion by type), about a third of
an evaluation's cost. A plain field is read and coerced directly instead; anything else, and a
plain field whose value is null or cannot be coerced, takes the general path, which raises or
reports exactly as before. `mark_plain_fields` finds the plain fields once, when the schema is
built; each plain field counts how often it was read directly (`shortcuts_taken`), so a test
notices when graphql-core or strawberry change under it and the shortcut silently stops.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLResolveInfoHelpers,
    GraphQLSchema,
    Undefined,
    get_nullable_type,
    is_leaf_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

PLAIN = "zerorun-plain"  # the key of a plain field's `Plain` in the field's extensions


class Plain:
    __slots__ = ("nullable", "read", "taken", "type")

    def __init__(self, read: Callable[[Any], Any], leaf: GraphQLLeafType, nullable: bool) -> None:
        self.read = read
        self.type = leaf
        self.nullable = nullable
        self.taken = 0  # completions through the shortcut


def mark_plain_fields(schema: GraphQLSchema) -> None:
    """Mark every field strawberry resolves by reading an attribute (no resolver, permission or
    extension of its own) whose type is a scalar or an enum."""
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field in named.fields.values():
            leaf = get_nullable_type(field.type)
            definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if (
                definition is None
                or not definition.is_basic_field  # a resolver, permission or extension of its own
                or not getattr(field.resolve, "_is_default", False)
                or field.args
                or not is_leaf_type(leaf)
            ):
                continue
            name = definition.python_name
            default = definition.default_resolver
            read = (
                attrgetter(name) if default is getattr else (lambda s, n=name, d=default: d(s, n))
            )
            field.extensions[PLAIN] = Plain(read, leaf, not is_non_null_type(field.type))


def shortcuts_taken(schema: GraphQLSchema) -> int:
    """How many field values of this schema's answers were completed through the shortcut."""
    return sum(
        field.extensions[PLAIN].taken
        for named in schema.type_map.values()
        if isinstance(named, GraphQLObjectType)
        for field in named.fields.values()
        if PLAIN in field.extensions
    )


class Execution(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # graphql-core's helpers hold two bound methods of the execution: a reference cycle that
        # left every request's execution, context, loaders and request to the cyclic garbage
        # collector, whose full collections took a fifth of a loaded worker's time. Held weakly,
        # they are freed with the request.
        gather = weakref.WeakMethod(self.gather_async_work)
        track = weakref.WeakMethod(self.track_async_work)
        self.async_helpers = GraphQLResolveInfoHelpers(
            gather=lambda *a, **k: gather()(*a, **k),  # type: ignore[misc]
            track=lambda *a, **k: track()(*a, **k),  # type: ignore[misc]
        )
        # A middleware (a schema extension's `resolve`) must see every field: no shortcut then.
        manager = self.middleware_manager
        self.shortcut = not (manager and manager.middlewares)

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        field = self.schema.get_field(parent_type, node.name.value)
        plain: Plain | None = field.extensions.get(PLAIN) if field else None
        if plain is not None and not node.arguments and self.shortcut:
            try:
                value = plain.read(source)
                if value is None:
                    if plain.nullable:
                        plain.taken += 1
                        return None
                else:
                    coerced = plain.type.coerce_output_value(value)
                    if coerced is not None and coerced is not Undefined:
                        plain.taken += 1
                        return coerced
            except Exception:  # the general path reports it
                pass
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
