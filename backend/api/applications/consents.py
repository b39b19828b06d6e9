"""Consents given and withdrawn inside an application: shared data fills in its answers."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from backend.accounts.service import Citizen
from backend.api.applications.errors import ApplicationError
from backend.api.applications.types import Application
from backend.api.context import Info
from backend.api.datasources.types import Consent
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.applications import service as applications
from backend.backoffice import service as backoffice
from backend.datasources import service

ConsentResult = Annotated[Application | ApplicationError, strawberry.union("ConsentResult")]
RevokeResult = Annotated[Consent | ApplicationError, strawberry.union("RevokeConsentResult")]


@strawberry.type
class SharingMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Consent to these data sets being read for this application, then read them and prefill the form; the consent is in the audit log. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def grant_consent(
        self, info: Info, application_id: strawberry.ID, sources: list[str], days: int = 30
    ) -> ConsentResult:
        citizen = info.context.citizen
        assert citizen is not None
        sharing = info.context.services.sharing
        app = await applications.own(citizen, application_id)
        definition, party = await _my_part(app, citizen)
        await service.grant(sharing, citizen, app, definition, sources, days)
        await backoffice.record_step(
            info.context.actor or f"citizen:{citizen.id}",
            "consent.granted",
            f"citizen:{citizen.id}",
            {"sources": sorted(sources), "days": days},
            app.id,
        )
        await service.pull(sharing, citizen, app, definition, party=party)
        return Application.of(app)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Read again the consented data sets that failed or were not read yet (a later visit). Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def refresh_shared_data(self, info: Info, application_id: strawberry.ID) -> ConsentResult:
        citizen = info.context.citizen
        assert citizen is not None
        app = await applications.own(citizen, application_id)
        definition, party = await _my_part(app, citizen)
        sharing = info.context.services.sharing
        await service.pull(sharing, citizen, app, definition, retry_only=True, party=party)
        return Application.of(app)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Revoke a consent: no further reads, its cached data is dropped and its materials fall back; in the audit log. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def revoke_consent(self, info: Info, consent_id: strawberry.ID) -> RevokeResult:
        citizen = info.context.citizen
        assert citizen is not None
        consent = int(consent_id) if str(consent_id).isdigit() else -1  # none such: NOT_FOUND
        sharing = info.context.services.sharing
        revoked = await applications.revoke_consent(sharing, citizen, consent)
        await backoffice.record_step(
            info.context.actor or f"citizen:{citizen.id}",
            "consent.revoked",
            f"citizen:{citizen.id}",
            {"consent": revoked.id, "source": revoked.source_id},
            revoked.application_id,
        )
        return Consent.of(revoked)


async def _my_part(
    app: applications.Application, citizen: Citizen
) -> tuple[dict[str, Any], str | None]:
    """The definition as the caller consents for it, and the key of their reads: a party of a
    multi-party application consents for their own data, which fills their own part."""
    definition = await applications.definition_of(app)
    found = await applications.part_for(app, citizen, definition)
    if found is None:
        return definition, None
    return applications.party_definition(definition, found[0]), found[0].pull_party
