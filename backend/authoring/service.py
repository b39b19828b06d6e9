"""Authoring matters in the configurator: drafts checked in full on every save, test cases,
the zero-run advisor, publishing as immutable versions, history, restore, import and export.

A county administrator authors the matters of their own region; the templates of the regions
above it are read-only to them. Every step checks the document the same way `zerorun catalog
lint` checks a file, so a matter published here could equally be committed to form_schemas/.

The public surface of the domain: other domains and the API import only this module.
"""

from __future__ import annotations

from backend.authoring.cases import Advice, Case, CaseResult
from backend.authoring.checking import (
    AuthoringProblem,
    Checked,
    Dictionary,
    check,
    departments,
    license_types,
    not_found,
)
from backend.authoring.diff import Change
from backend.authoring.drafts import (
    apply_advice,
    blank,
    create,
    delete_case,
    discard_draft,
    export,
    import_document,
    save_case,
    save_draft,
)
from backend.authoring.publishing import Replay, publish, replay, restore, retire, save_life_event
from backend.authoring.workspace import (
    Summary,
    Workspace,
    case_of,
    preview,
    summaries,
    version_diff,
    workspace,
    worst_run_count,
)

__all__ = [
    "Advice",
    "AuthoringProblem",
    "Case",
    "CaseResult",
    "Change",
    "Checked",
    "Dictionary",
    "Replay",
    "Summary",
    "Workspace",
    "apply_advice",
    "blank",
    "case_of",
    "check",
    "create",
    "delete_case",
    "departments",
    "discard_draft",
    "export",
    "import_document",
    "license_types",
    "not_found",
    "preview",
    "publish",
    "replay",
    "restore",
    "retire",
    "save_case",
    "save_draft",
    "save_life_event",
    "summaries",
    "version_diff",
    "workspace",
    "worst_run_count",
]
