"""Applications (办件): start, save, submit, and the citizen's own list. The server is the
authority: every submit re-validates the form and re-evaluates every rule against the exact
matter version the application is pinned to.

The public surface of the domain: other domains and the API import only this module.
"""

from __future__ import annotations

from backend.applications.applicant import applicant_for
from backend.applications.completing import complete
from backend.applications.consents import revoke_consent
from backend.applications.materials import sign_commitment, upload_material
from backend.applications.models import Application, ApplicationEvent, Correction
from backend.applications.reading import evaluation_of, item_names, mine
from backend.applications.records import (
    ApplicationProblem,
    add_event,
    children_of,
    definition_of,
    members,
    not_found,
    own,
    timelines,
)
from backend.applications.starting import start, start_life_event
from backend.applications.submitting import save, submit

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationProblem",
    "Correction",
    "add_event",
    "applicant_for",
    "children_of",
    "complete",
    "definition_of",
    "evaluation_of",
    "item_names",
    "members",
    "mine",
    "not_found",
    "own",
    "revoke_consent",
    "save",
    "sign_commitment",
    "start",
    "start_life_event",
    "submit",
    "timelines",
    "upload_material",
]
