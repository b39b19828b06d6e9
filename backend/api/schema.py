"""The citizen schema, assembled from each domain's queries and mutations."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    GraphQLError,
    ValidationRule,
    get_named_type,
    is_introspection_type,
)
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.extensions.tracing import OpenTelemetryExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from backend.api.accounts.mutations import AccountMutations
from backend.api.accounts.queries import AccountQueries
from backend.api.applications.consents import SharingMutations
from backend.api.applications.mutations import (
    ApplicationMutations,
    LifeEventMutations,
    MaterialMutations,
)
from backend.api.applications.party_mutations import PartyMutations
from backend.api.applications.queries import ApplicationQueries
from backend.api.applications.subscriptions import ApplicationSubscriptions
from backend.api.appointments.mutations import AppointmentMutations
from backend.api.appointments.queries import AppointmentQueries
from backend.api.appointments.staff import (
    HallAdminMutations,
    HallAdminQueries,
    HallStaffQueries,
)
from backend.api.authoring.mutations import AuthoringMutations
from backend.api.authoring.queries import AuthoringQueries
from backend.api.backoffice.audit_log import AuditLogQueries
from backend.api.backoffice.clocks import AutomaticCheckQueries, ClockMutations
from backend.api.backoffice.intake import IntakeMutations
from backend.api.backoffice.live import BackofficeSubscriptions
from backend.api.backoffice.mutations import BackofficeMutations
from backend.api.backoffice.queries import BackofficeQueries
from backend.api.backoffice.reconciliation import FinanceQueries
from backend.api.calendar.queries import CalendarQueries
from backend.api.catalog.queries import CatalogQueries
from backend.api.catalog.synonyms import SynonymMutations, SynonymQueries
from backend.api.datasources.queries import SharingQueries
from backend.api.fastpath.execution import Execution, mark_plain_fields
from backend.api.payments.mutations import PaymentMutations
from backend.api.ratings.mutations import (
    FollowUpMutations,
    FollowUpQueries,
    RatingMutations,
    RatingQueries,
)
from backend.api.regions.queries import RegionQueries
from backend.api.seals.mutations import SealMutations, StaffSealMutations
from backend.api.seals.queries import SealQueries, StaffSealQueries
from backend.api.staff.mutations import StaffMutations
from backend.api.staff.queries import StaffQueries
from backend.settings import Settings

KEPT_DOCUMENTS = 1024  # parsed and validated query texts each schema keeps
# graphql-core's hint in validation and coercion messages: "… Did you mean 'name' or 'names'?"
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
log = StrawberryLogger.logger  # "strawberry.execution", where strawberry logged every error


@strawberry.type
class Query(
    CatalogQueries,
    RegionQueries,
    CalendarQueries,
    AccountQueries,
    ApplicationQueries,
    SharingQueries,
    AppointmentQueries,
    RatingQueries,
    SealQueries,
):
    pass


@strawberry.type
class Mutation(
    AccountMutations,
    ApplicationMutations,
    LifeEventMutations,
    SharingMutations,
    MaterialMutations,
    PartyMutations,
    AppointmentMutations,
    RatingMutations,
    SealMutations,
    PaymentMutations,
):
    pass


def _unexpected(error: Exception) -> bool:
    """Errors raised on purpose (syntax, validation, a variable's value refused by its type,
    permissions) are shown; any other is masked."""
    original = getattr(error, "original_error", None)
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and not (getattr(error, "extensions", None) or {}).get("code")
    )


class IntrospectionDisabled(ValidationRule):
    """Refuses `__schema` and `__type` (not `__typename`) with a stable code: once per
    introspection field asked for, not again for each field below it or in its fragments."""

    def enter_field(self, node: FieldNode, *_args: Any) -> Any:
        named = get_named_type(self.context.get_type())
        parent = self.context.get_parent_type()
        if named is None or not is_introspection_type(named):
            return None
        if parent is not None and is_introspection_type(parent):
            return None  # inside an introspection type: refused where it was entered
        self.report_error(
            GraphQLError(
                f"Introspection is disabled on this server ('{node.name.value}').",
                node,
                extensions={"code": "INTROSPECTION_DISABLED"},
            )
        )
        return self.SKIP


class Schema(strawberry.Schema):
    """strawberry's schema, with our handling of errors before they are answered: when the
    schema is not visible, graphql-core's suggestions of names ("Did you mean …?") are cut from
    every message (validation, variables, execution); an unexpected error is logged once, with
    its request id and traceback, the others (answers to the client) not at all."""

    def __init__(self, *args: Any, visible: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible = visible

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if not self.visible:
                error.message = SUGGESTION.sub("", error.message)
            if _unexpected(error):
                context = execution_context.context if execution_context else None
                log.error(
                    "Unexpected error in request %s at %s: %s",
                    getattr(context, "request_id", None),
                    ".".join(map(str, error.path or [])) or "-",
                    error.message,
                    exc_info=error.original_error,
                )


class ValidatedOnce(SchemaExtension):
    """Each parsed document is validated once. The parser cache hands back the same document for
    the same text; strawberry's ValidationCache would hash the whole document tree on every
    request to find it (graphql-core's nodes hash recursively), this keeps it by identity. The
    rules are the same for every request to a schema, so the answer is too."""

    def __init__(self, kept: OrderedDict[int, tuple[DocumentNode, list[GraphQLError]]]) -> None:
        super().__init__()
        self.kept = kept

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        entry = self.kept.get(id(document))
        if document is not None and (entry is None or entry[0] is not document):
            errors = validate_document(context.schema._schema, document, context.validation_rules)
            entry = self.kept[id(document)] = (document, errors)  # held: its id stays its own
            if len(self.kept) > KEPT_DOCUMENTS:
                self.kept.popitem(last=False)
        if entry is not None:
            context.pre_execution_errors = entry[1]
        yield


def build_schema(
    settings: Settings,
    query: type = Query,
    mutation: type | None = Mutation,
    subscription: type | None = None,
    traced: bool = False,
) -> strawberry.Schema:
    """The schema of these root types under the settings' limits (`traced`: a span per
    operation), built once a process for each: every app a test makes builds two, and building
    one takes a tenth of a second."""
    return _built(
        query,
        mutation,
        subscription,
        settings.max_query_depth,
        settings.max_aliases,
        settings.max_tokens,
        settings.schema_visible,
        settings.development,
        settings.fast_path,
        traced,
    )


@cache
def _built(
    query: type,
    mutation: type | None,
    subscription: type | None,
    max_depth: int,
    max_aliases: int,
    max_tokens: int,
    visible: bool,
    development: bool,
    fast_path: bool,
    traced: bool,
) -> strawberry.Schema:
    # Factories: strawberry builds fresh extensions per request; the parser cache lives at module
    # level, the validated documents in this schema's own dict. The depth and alias rules are
    # made once here, not per request as QueryDepthLimiter and MaxAliasesLimiter would.
    limits: list[type[ASTValidationRule]] = [
        depth_rule(max_depth, should_ignore=None),
        aliases_rule(max_aliases),
    ]
    if not visible:
        limits.append(IntrospectionDisabled)
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(AddValidationRules, limits),
        partial(MaxTokensLimiter, max_token_count=max_tokens),
        partial(ParserCache, maxsize=KEPT_DOCUMENTS),
        partial(ValidatedOnce, OrderedDict()),
    ]
    if not development:
        extensions.append(partial(MaskErrors, should_mask_error=_unexpected))
    if traced:
        extensions.append(OpenTelemetryExtension)
    built = Schema(
        query=query,
        mutation=mutation,
        subscription=subscription,
        extensions=extensions,
        execution_context_class=Execution,
        visible=visible,
    )
    if fast_path:
        mark_plain_fields(built._schema)
    return built


@strawberry.type
class StaffQuery(
    StaffQueries,
    BackofficeQueries,
    AutomaticCheckQueries,
    FinanceQueries,
    AuditLogQueries,
    FollowUpQueries,
    AuthoringQueries,
    HallStaffQueries,
    HallAdminQueries,
    SynonymQueries,
    StaffSealQueries,
):
    pass


@strawberry.type
class StaffMutation(
    StaffMutations,
    BackofficeMutations,
    ClockMutations,
    IntakeMutations,
    FollowUpMutations,
    AuthoringMutations,
    HallAdminMutations,
    SynonymMutations,
    StaffSealMutations,
):
    pass


@strawberry.type
class Subscription(ApplicationSubscriptions):
    pass


@strawberry.type
class StaffSubscription(BackofficeSubscriptions):  # the window's live queue (helper h1)
    pass


def contracts() -> tuple[strawberry.Schema, strawberry.Schema]:
    """The citizen and the staff schemas as committed (schema.graphql, staff.graphql): built
    when asked, not when the API is imported (a third of a second of every process's start)."""
    settings = Settings()
    return (
        build_schema(settings, subscription=Subscription),
        build_schema(settings, StaffQuery, StaffMutation, StaffSubscription),
    )
