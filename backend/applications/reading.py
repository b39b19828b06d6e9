"""What is read of applications: the citizen's own list, an application's evaluation, and the
names of its fields and materials as a correction notice gives them."""

from __future__ import annotations

import uuid

from tortoise.expressions import Q, Subquery

from backend.accounts.service import Citizen
from backend.applications import bundles, party_access
from backend.applications.applicant import applicant_for  # re-exported
from backend.applications.checks import hidden, hidden_in_bundle
from backend.applications.models import Application, ApplicationParty
from backend.applications.records import (
    JOINED,
    ApplicationProblem,
    Children,
    children_of,
    members,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    Applicant,
    Evaluation,
    MatterVersion,
    evaluate,
)
from backend.datasources.service import Sharing


async def item_names(
    app: Application, children: Children | None = None
) -> dict[str, dict[str, str]]:
    """What citizens call each field and material of the application, by JSON pointer
    (/answers/<field>, /materials/<id>), as a correction notice names them."""
    if app.life_event_code:
        versions = [v for _, v in (await children_of(app) if children is None else children)]
    else:
        versions = [await MatterVersion.get(id=app.matter_version_id)]
    names: dict[str, dict[str, str]] = {}
    for d in (catalog.compiled(v).definition for v in versions):
        for key, prop in d.form.schema.get("properties", {}).items():
            title = prop.get("title", key)
            names.setdefault(f"/answers/{key}", {"zh": title, "en": prop.get("x-title-en", title)})
        for m in d.materials:
            names.setdefault(f"/materials/{m.id}", catalog.as_text(m.name))
    return names


async def evaluation_of(
    citizen: Citizen, app: Application, sharing: Sharing, children: Children | None = None
) -> Evaluation:
    """Eligibility, checklist and run count now; with parties, each party as they are (their
    own e-licenses, shared data and actions), each party's trips counted for them."""
    return (await judged(citizen, app, sharing, children))[0]


async def judged(
    citizen: Citizen, app: Application, sharing: Sharing, children: Children | None = None
) -> tuple[Evaluation, frozenset[str]]:
    """The evaluation now, and the fields the form's rules hide now (`ui:visibleWhen`, judged
    with the same applicant and parties, as submission judges them)."""
    if app.life_event_code is not None:
        children = await children_of(app) if children is None else children
        ms = await members(app, children)
        who, parties = await _cast(citizen, app, sharing, any(c.definition.parties for _, c in ms))
        return (
            bundles.evaluate_bundle(ms, who, app.answers, app.situation, parties),
            hidden_in_bundle(children, who, parties, app.answers, app.situation),
        )
    version = await MatterVersion.get(id=app.matter_version_id)
    compiled = catalog.compiled(version)
    who, parties = await _cast(citizen, app, sharing, bool(compiled.definition.parties))
    return (
        evaluate(compiled, who, app.answers, app.situation, parties),
        hidden(version, who, app.answers, app.situation, parties),
    )


async def _cast(
    citizen: Citizen, app: Application, sharing: Sharing, with_parties: bool
) -> tuple[Applicant, dict[str, Applicant] | None]:
    rows = await party_access.rows_of(app) if with_parties else []
    if rows:
        return await party_access.applicants(app, rows, sharing)
    return await applicant_for(citizen, app, sharing), None


async def mine(citizen: Citizen, first: int, after: str | None) -> tuple[list[Application], bool]:
    """Newest first, those I joined as a party too; ids are time-ordered, so the cursor is
    simply the last id seen."""
    joined = ApplicationParty.filter(citizen_id=citizen.id, status__in=JOINED).values(
        "application_id"
    )
    qs = Application.filter(
        Q(citizen=citizen) | Q(id__in=Subquery(joined)), parent_id__isnull=True
    ).order_by("-id")
    if after:
        try:
            qs = qs.filter(id__lt=uuid.UUID(after))
        except ValueError:
            raise ApplicationProblem(
                "INVALID_INPUT", "分页游标无效。", "after is not a cursor this API gave out."
            ) from None
    rows = await qs.limit(first + 1)
    return rows[:first], len(rows) > first
