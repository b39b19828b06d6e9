"""Applications (办件): start, save, submit, and the citizen's own list. The server is the
authority: every submit re-validates the form and re-evaluates every rule against the exact
matter version the application is pinned to.

The public surface of the domain: other domains and the API import only this module.
"""

from __future__ import annotations

from backend.applications.acted import done_by, in_name_of
from backend.applications.applicant import applicant_for
from backend.applications.completing import complete
from backend.applications.confirming import confirm, submit
from backend.applications.consents import revoke_consent
from backend.applications.eligibility import pending_ids
from backend.applications.identity import verified as identity_verified
from backend.applications.materials import sign_commitment, upload_material
from backend.applications.models import Application, ApplicationEvent, Correction
from backend.applications.parties import Invitation, decline, invite, join
from backend.applications.party_access import PartyEntry, listing, part_for, rows_of
from backend.applications.party_parts import Part
from backend.applications.party_parts import for_party as party_definition
from backend.applications.reading import evaluation_of, item_names, mine
from backend.applications.records import (
    ApplicationProblem,
    Children,
    accepted_among,
    add_event,
    children_by_parent,
    children_of,
    definition_of,
    members,
    not_found,
    own,
    timelines,
)
from backend.applications.starting import start, start_life_event
from backend.applications.submitting import save

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationProblem",
    "Children",
    "Correction",
    "Invitation",
    "Part",
    "PartyEntry",
    "accepted_among",
    "add_event",
    "applicant_for",
    "children_by_parent",
    "children_of",
    "complete",
    "confirm",
    "decline",
    "definition_of",
    "done_by",
    "evaluation_of",
    "identity_verified",
    "in_name_of",
    "invite",
    "item_names",
    "join",
    "listing",
    "members",
    "mine",
    "not_found",
    "own",
    "part_for",
    "party_definition",
    "pending_ids",
    "revoke_consent",
    "rows_of",
    "save",
    "sign_commitment",
    "start",
    "start_life_event",
    "submit",
    "timelines",
    "upload_material",
]
