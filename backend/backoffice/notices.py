"""The window's written decisions as sealed PDFs: 受理通知书, 不予受理通知书 and 补正告知书, each
sealed with the key of the county's one window (its code `<county>-WINDOW`) in the decision's
transaction, for the citizen to download and anyone to verify at /verify."""

from __future__ import annotations

from collections.abc import Sequence

from backend.accounts.service import SHANGHAI, Citizen
from backend.applications.service import Application
from backend.regions.service import Region
from backend.seals import service as seals


async def seal_notice(
    app: Application, kind: str, lines: Sequence[tuple[str, str, str]]
) -> seals.SealedDocument:
    """Seal a notice of `kind` (acceptance, rejection, correction) to the applicant."""
    citizen = await Citizen.get(id=app.citizen_id)
    region = await Region.get_or_none(code=app.region_code or "")
    place = region.name if region else (app.region_code or "")
    return await seals.seal(
        seals.Issue(
            kind=kind,
            application_id=app.id,
            citizen_id=citizen.id,
            region_code=app.region_code,
            issuer_code=f"{app.region_code}-WINDOW",
            issuer_name={
                "zh": f"{place}政务服务中心综合受理窗口",
                "en": f"One-window service centre, {app.region_code}",
            },
            holder_name=citizen.name,
            lines=[
                ("申请人", "Applicant", citizen.name),
                ("事项", "Matter", app.matter_code or app.life_event_code or ""),
                ("申请编号", "Application", str(app.id)),
                ("提交时间", "Submitted", _when(app)),
                *lines,
            ],
        )
    )


def _when(app: Application) -> str:
    at = app.submitted_at if app.submitted_at else app.created_at
    return at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
