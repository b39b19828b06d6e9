"""A department's decision that an application is done: its output e-license issued into the
citizen's wallet, a life event completed with its last member."""

from __future__ import annotations

import uuid

from tortoise.transactions import in_transaction

from backend.accounts.service import Citizen
from backend.applications.models import Application
from backend.applications.records import (
    ApplicationProblem,
    add_event,
)
from backend.catalog import service as catalog
from backend.catalog.service import (
    MatterVersion,
)
from backend.wallet import service as wallet

DELIVERY_NOTES = {
    "express": {
        "zh": "，结果将以快递寄出，寄出后可在此查看快递单号",
        "en": "; the result will be sent by express, with its tracking number here",
    },
    "pickup": {
        "zh": "，请到窗口领取结果（可网上预约）",
        "en": "; pick the result up at the window (you can book a time online)",
    },
}


async def complete(application_id: uuid.UUID) -> Application:
    """A department's decision that the application is done (the back office adds the real
    workflow): its output e-license is issued into the citizen's wallet, where it satisfies
    that material in every other matter; a life event completes with its last member."""
    app = await Application.get(id=application_id)
    if app.status not in ("submitted", "accepted") or app.matter_version_id is None:
        raise ApplicationProblem(
            "NOT_EDITABLE",
            "只有已提交的事项申请可以办结。",
            "Only a submitted matter application can be completed.",
        )
    d = catalog.compiled(await MatterVersion.get(id=app.matter_version_id)).definition
    output, department = d.output, catalog.as_text(d.department.name)
    citizen = await Citizen.get(id=app.citizen_id)
    async with in_transaction():
        if not await Application.filter(id=app.id, status=app.status).update(status="completed"):
            raise ApplicationProblem(
                "CONFLICT", "该申请已被处理。", "The application was already handled."
            )
        if output.license_type:
            await wallet.issue(
                citizen,
                app.id,
                output.license_type,
                department,
                {"matter": app.matter_code, "name": catalog.as_text(output.name)},
            )
            note = {
                "zh": f"，{output.name.zh}已发放到您的电子证照",
                "en": f"; {output.name.en} is now in your e-license wallet",
            }
        else:
            note = {"zh": "", "en": ""}
        sending = DELIVERY_NOTES.get(app.delivery_mode or "", {"zh": "", "en": ""})
        note = {lang: note[lang] + sending[lang] for lang in ("zh", "en")}
        await add_event(app, "completed", f"已办结{note['zh']}。", f"Completed{note['en']}.")
        if (
            app.parent_id
            and not await Application.filter(parent_id=app.parent_id)
            .exclude(status="completed")
            .exists()
        ):
            await Application.filter(id=app.parent_id).update(status="completed")
            parent = await Application.get(id=app.parent_id)
            await add_event(
                parent, "completed", "各部门均已办结。", "Every department has completed its part."
            )
    await app.refresh_from_db()
    return app
