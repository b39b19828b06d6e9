from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from backend.api.authoring.queries import ADMIN, admin_of, life_event
from backend.api.authoring.types import (
    AuthoredMatter,
    AuthoringError,
    AuthoringResult,
    LifeEventResult,
    LocalizedTextInput,
    PublishedMatter,
    PublishResult,
    TestCaseInput,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.authoring import service as authoring
from backend.backoffice import service as backoffice
from backend.catalog.service import LifeEvent


async def _shown(info: Info, code: str) -> AuthoredMatter:
    """The matter as it now is (checked, tests run): what every change answers with."""
    return AuthoredMatter.of(
        await authoring.workspace(admin_of(info), code, info.context.services.authoring)
    )


async def _audit(info: Info, action: str, code: str, after: dict[str, Any]) -> None:
    """An administrator's change to what citizens are offered, in the audit log: a publish
    names the version it replaced (versions are numbered one after another)."""
    staff = admin_of(info)
    number = after.get("version")
    before = {"version": number - 1} if isinstance(number, int) and number > 1 else None
    after = {**after, "region": staff.region_code}
    await backoffice.record_step(
        f"staff:{staff.username}", action, f"matter:{code}", after, None, before
    )


@strawberry.type
class AuthoringMutations:
    @strawberry.mutation(
        permission_classes=ADMIN,
        description="A new matter of my region: blank, or localising a template (fromTemplate). The code is generated when omitted. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def create_matter(
        self,
        info: Info,
        from_template: str | None = None,
        code: str | None = None,
        name: LocalizedTextInput | None = None,
    ) -> AuthoringResult:
        names = {"zh": name.zh, "en": name.en} if name else None
        created = await authoring.create(admin_of(info), from_template, code, names)
        return await _shown(info, created)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Save the draft, whatever its problems: they come back in problems, by path; test cases run again. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def save_draft(self, info: Info, code: str, document: JSON) -> AuthoringResult:
        await authoring.save_draft(admin_of(info), code, document)
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Drop the draft; citizens keep the published version. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def discard_draft(self, info: Info, code: str) -> AuthoringResult:
        await authoring.discard_draft(admin_of(info), code)
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Make one change the zero-run advisor suggests (Advice.fix) in the draft. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def apply_advice(self, info: Info, code: str, item_id: str, fix: str) -> AuthoringResult:
        dictionary = info.context.services.authoring
        await authoring.apply_advice(admin_of(info), code, item_id, fix, dictionary)
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Add (no id) or change a test case of the matter. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def save_test_case(
        self, info: Info, code: str, test_case: TestCaseInput
    ) -> AuthoringResult:
        await authoring.save_case(admin_of(info), code, test_case.case())
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Delete a test case of the matter. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def delete_test_case(self, info: Info, code: str, id: strawberry.ID) -> AuthoringResult:
        case_id = int(id) if str(id).isdigit() else -1  # no such case: NOT_FOUND
        await authoring.delete_case(admin_of(info), code, case_id)
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Publish the draft as the next immutable version; refused while errors or failing test cases remain; in the audit log with the version it replaces. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def publish_matter(self, info: Info, code: str, note: str) -> PublishResult:
        dictionary = info.context.services.authoring
        number = await authoring.publish(admin_of(info), code, note, dictionary)
        await _audit(info, "matter.published", code, {"version": number, "note": note[:200]})
        matter = await _shown(info, code)
        await info.context.services.catalog_changed()
        return PublishedMatter(matter=matter, version=number)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="An old version becomes the draft, to publish again; in the audit log. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def restore_version(self, info: Info, code: str, version: int) -> AuthoringResult:
        await authoring.restore(admin_of(info), code, version)
        await _audit(info, "matter.version_restored", code, {"draft_from_version": version})
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Withdraw the matter from citizens; applications in progress continue; in the audit log. County administrators only.",
    )
    @problems_as(AuthoringError)
    async def retire_matter(self, info: Info, code: str) -> AuthoringResult:
        await authoring.retire(admin_of(info), code)
        await _audit(info, "matter.retired", code, {"retired": True})
        await info.context.services.catalog_changed()
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="A form_schemas/ file becomes the draft of its matter (created when new). County administrators only.",
    )
    @problems_as(AuthoringError)
    async def import_matter(self, info: Info, document: JSON) -> AuthoringResult:
        code = await authoring.import_document(admin_of(info), document)
        return await _shown(info, code)

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Compose or change a life event of my region from published matters; saved only when valid (members must agree on shared fields and questions). County administrators only.",
    )
    @problems_as(AuthoringError)
    async def save_life_event(self, info: Info, document: JSON) -> LifeEventResult:
        code = await authoring.save_life_event(admin_of(info), document)
        await info.context.services.catalog_changed()
        return life_event(await LifeEvent.get(code=code))
