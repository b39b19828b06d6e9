"""The citizen schema, assembled from each domain's queries and mutations."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from backend.accounts.mutations import AccountMutations
from backend.accounts.queries import AccountQueries
from backend.applications.mutations import (
    ApplicationMutations,
    LifeEventMutations,
    MaterialMutations,
)
from backend.applications.queries import ApplicationQueries
from backend.applications.subscriptions import ApplicationSubscriptions
from backend.appointments.mutations import AppointmentMutations
from backend.appointments.queries import AppointmentQueries
from backend.authoring.mutations import AuthoringMutations
from backend.authoring.queries import AuthoringQueries
from backend.backoffice.mutations import BackofficeMutations
from backend.backoffice.queries import BackofficeQueries
from backend.catalog.queries import CatalogQueries
from backend.datasources.mutations import SharingMutations
from backend.datasources.queries import SharingQueries
from backend.ratings.mutations import (
    FollowUpMutations,
    FollowUpQueries,
    RatingMutations,
    RatingQueries,
)
from backend.regions.queries import RegionQueries
from backend.settings import Settings
from backend.staff.mutations import StaffMutations
from backend.staff.queries import StaffQueries


@strawberry.type
class Query(
    CatalogQueries,
    RegionQueries,
    AccountQueries,
    ApplicationQueries,
    SharingQueries,
    AppointmentQueries,
    RatingQueries,
):
    pass


@strawberry.type
class Mutation(
    AccountMutations,
    ApplicationMutations,
    LifeEventMutations,
    SharingMutations,
    MaterialMutations,
    AppointmentMutations,
    RatingMutations,
):
    pass


def _unexpected(error: Exception) -> bool:
    """Errors raised on purpose (syntax, validation, permissions) are shown; any other is masked."""
    original = getattr(error, "original_error", None)
    return original is not None and not (getattr(error, "extensions", None) or {}).get("code")


def build_schema(
    settings: Settings,
    query: type = Query,
    mutation: type = Mutation,
    subscription: type | None = None,
) -> strawberry.Schema:
    # Factories: strawberry builds fresh extensions per request; the caches live at module level.
    # The depth and alias rules are made once here: QueryDepthLimiter and MaxAliasesLimiter
    # would make new rule classes per request, and the validation cache, keyed by the rules,
    # would then never hit.
    limits: list[type[ASTValidationRule]] = [
        depth_rule(settings.max_query_depth, should_ignore=None),
        aliases_rule(settings.max_aliases),
    ]
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(AddValidationRules, limits),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(ParserCache, maxsize=1024),
        partial(ValidationCache, maxsize=1024),
    ]
    if not settings.development:
        extensions.append(partial(MaskErrors, should_mask_error=_unexpected))
    return strawberry.Schema(
        query=query, mutation=mutation, subscription=subscription, extensions=extensions
    )


@strawberry.type
class StaffQuery(StaffQueries, BackofficeQueries, FollowUpQueries, AuthoringQueries):
    pass


@strawberry.type
class StaffMutation(StaffMutations, BackofficeMutations, FollowUpMutations, AuthoringMutations):
    pass


@strawberry.type
class Subscription(ApplicationSubscriptions):
    pass


schema = build_schema(Settings(), subscription=Subscription)  # schema.graphql
staff_schema = build_schema(Settings(), StaffQuery, StaffMutation)  # staff.graphql
