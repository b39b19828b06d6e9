from __future__ import annotations

from collections.abc import Awaitable

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
from backend.authoring import service as authoring
from backend.catalog.service import LifeEvent


async def _then_show(info: Info, code: str, step: Awaitable[object]) -> AuthoringResult:
    """Run one change, then answer with the matter as it now is (checked, tests run)."""
    try:
        await step
        ws = await authoring.workspace(admin_of(info), code, info.context.services.authoring)
    except authoring.AuthoringProblem as p:
        return AuthoringError.of(p)
    return AuthoredMatter.of(ws)


@strawberry.type
class AuthoringMutations:
    @strawberry.mutation(
        permission_classes=ADMIN,
        description="A new matter of my region: blank, or localising a template (fromTemplate). The code is generated when omitted.",
    )
    async def create_matter(
        self,
        info: Info,
        from_template: str | None = None,
        code: str | None = None,
        name: LocalizedTextInput | None = None,
    ) -> AuthoringResult:
        try:
            created = await authoring.create(
                admin_of(info),
                from_template,
                code,
                {"zh": name.zh, "en": name.en} if name else None,
            )
        except authoring.AuthoringProblem as p:
            return AuthoringError.of(p)
        return await _then_show(info, created, _nothing())

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Save the draft, whatever its problems: they come back in problems, by path; test cases run again.",
    )
    async def save_draft(self, info: Info, code: str, document: JSON) -> AuthoringResult:
        return await _then_show(info, code, authoring.save_draft(admin_of(info), code, document))

    @strawberry.mutation(
        permission_classes=ADMIN, description="Drop the draft; citizens keep the published version."
    )
    async def discard_draft(self, info: Info, code: str) -> AuthoringResult:
        return await _then_show(info, code, authoring.discard_draft(admin_of(info), code))

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Make one change the zero-run advisor suggests (Advice.fix) in the draft.",
    )
    async def apply_advice(self, info: Info, code: str, item_id: str, fix: str) -> AuthoringResult:
        step = authoring.apply_advice(
            admin_of(info), code, item_id, fix, info.context.services.authoring
        )
        return await _then_show(info, code, step)

    @strawberry.mutation(
        permission_classes=ADMIN, description="Add (no id) or change a test case of the matter."
    )
    async def save_test_case(
        self, info: Info, code: str, test_case: TestCaseInput
    ) -> AuthoringResult:
        try:
            case = test_case.case()
        except authoring.AuthoringProblem as p:
            return AuthoringError.of(p)
        return await _then_show(info, code, authoring.save_case(admin_of(info), code, case))

    @strawberry.mutation(permission_classes=ADMIN)
    async def delete_test_case(self, info: Info, code: str, id: strawberry.ID) -> AuthoringResult:
        case_id = int(id) if str(id).isdigit() else -1
        return await _then_show(info, code, authoring.delete_case(admin_of(info), code, case_id))

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Publish the draft as the next immutable version; refused while errors or failing test cases remain.",
    )
    async def publish_matter(self, info: Info, code: str, note: str) -> PublishResult:
        staff, dictionary = admin_of(info), info.context.services.authoring
        try:
            number = await authoring.publish(staff, code, note, dictionary)
            ws = await authoring.workspace(staff, code, dictionary)
        except authoring.AuthoringProblem as p:
            return AuthoringError.of(p)
        await info.context.services.catalog_changed()
        return PublishedMatter(matter=AuthoredMatter.of(ws), version=number)

    @strawberry.mutation(
        permission_classes=ADMIN, description="An old version becomes the draft, to publish again."
    )
    async def restore_version(self, info: Info, code: str, version: int) -> AuthoringResult:
        return await _then_show(info, code, authoring.restore(admin_of(info), code, version))

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Withdraw the matter from citizens; applications in progress continue.",
    )
    async def retire_matter(self, info: Info, code: str) -> AuthoringResult:
        result = await _then_show(info, code, authoring.retire(admin_of(info), code))
        await info.context.services.catalog_changed()
        return result

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="A form_schemas/ file becomes the draft of its matter (created when new).",
    )
    async def import_matter(self, info: Info, document: JSON) -> AuthoringResult:
        try:
            code = await authoring.import_document(admin_of(info), document)
        except authoring.AuthoringProblem as p:
            return AuthoringError.of(p)
        return await _then_show(info, code, _nothing())

    @strawberry.mutation(
        permission_classes=ADMIN,
        description="Compose or change a life event of my region from published matters; saved only when valid (members must agree on shared fields and questions).",
    )
    async def save_life_event(self, info: Info, document: JSON) -> LifeEventResult:
        try:
            code = await authoring.save_life_event(admin_of(info), document)
        except authoring.AuthoringProblem as p:
            return AuthoringError.of(p)
        await info.context.services.catalog_changed()
        return life_event(await LifeEvent.get(code=code))


async def _nothing() -> None:
    return None
