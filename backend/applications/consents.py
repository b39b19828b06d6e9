"""A consent withdrawn: the shared data goes, and so does the record of what it filled in."""

from __future__ import annotations

from backend.accounts.service import Citizen
from backend.applications.models import Application
from backend.datasources import service as datasources
from backend.datasources.service import Sharing


async def revoke_consent(
    sharing: Sharing, citizen: Citizen, consent_id: int
) -> datasources.Consent:
    """The citizen withdraws a consent: the shared data goes (see datasources.revoke), and so
    does the record of which answers it filled in (only its own: another party's consent to
    the same source fills that party's part and stays)."""
    consent = await datasources.revoke(sharing, citizen, consent_id)
    app = await Application.get(id=consent.application_id)
    kept = {k: v for k, v in app.provenance.items() if v["consent_id"] != consent.id}
    if kept != app.provenance:
        app.provenance = kept
        await app.save(update_fields=["provenance"])
    return consent
