from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON

from backend.api.applications.deferred import delivered
from backend.api.applications.errors import ApplicationError
from backend.api.applications.types import (
    Application,
    SaveApplicationResult,
    SavedApplication,
    StartApplicationResult,
    SubmitApplicationResult,
)
from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.permissions import IsSignedIn
from backend.api.types import FieldError
from backend.applications import service
from backend.backoffice import service as backoffice


@strawberry.input
class SubmitApplicationInput:
    application_id: strawberry.ID
    answers: JSON | None = strawberry.field(
        default=None, description="Replaces the draft's answers when given."
    )
    situation: JSON | None = strawberry.field(
        default=None, description="Replaces the draft's situation answers when given."
    )
    delivery_mode: str | None = strawberry.field(
        default=None,
        description="e_license, express (needs answers.delivery_address), pickup or none, as the matter offers; default its first option.",
    )


@strawberry.type
class ApplicationMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Start a draft pinned to the version published now. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def start_application(
        self,
        info: Info,
        matter_code: str,
        idempotency_key: str | None = None,
        as_party: Annotated[
            str | None,
            strawberry.argument(
                description="The party I play in a multi-party matter; default its first applicant party."
            ),
        ] = None,
    ) -> StartApplicationResult:
        assert info.context.citizen is not None
        key = _key(idempotency_key)
        rows = info.context.services.catalog_rows
        app = await service.start(info.context.citizen, matter_code, key, as_party, rows)
        return Application.of(app)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Save a draft's answers (partial). Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def save_application(
        self, info: Info, id: strawberry.ID, answers: JSON, situation: JSON | None = None
    ) -> SaveApplicationResult:
        assert info.context.citizen is not None
        app, problems = await service.save(info.context.citizen, id, answers, situation)
        return SavedApplication(
            application=Application.of(app), problems=[FieldError.of(e) for e in problems]
        )

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Submit: full validation against the pinned version; all errors at once. In the audit log. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def submit_application(
        self, info: Info, input: SubmitApplicationInput
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        acting, answers = info.context.representation, input.answers  # a clerk for a walk-in:
        await backoffice.require_confirmation(acting, input.application_id, answers)  # h4
        app = await service.submit(
            info.context.citizen,
            info.context.services.sharing,
            info.context.services.catalog_rows,
            input.application_id,
            input.answers,
            input.situation,
            input.delivery_mode,
            info.context.session_id,
        )  # one that qualifies is decided at once by its rules (秒批); else it waits as it is
        await backoffice.record_step(
            info.context.actor or f"citizen:{info.context.citizen.id}",
            "application.submitted",
            f"citizen:{info.context.citizen.id}",
            {"matter": app.matter_code, "version": app.matter_version_id},
            app.id,
        )
        app = await backoffice.decide_automatically(info.context.services.calendar, app)
        return Application.of(app)


def _key(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > 64:
        raise service.ApplicationProblem(
            "INVALID_INPUT",
            "幂等键须为 1 到 64 个字符。",
            "idempotencyKey must be 1 to 64 characters.",
        )
    return value


@strawberry.type
class LifeEventMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Start one application for a life event (一件事): one form, one checklist, one submit for every member matter. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def start_life_event(
        self,
        info: Info,
        code: str,
        idempotency_key: str | None = None,
        as_party: Annotated[
            str | None,
            strawberry.argument(
                description="The party I play when the life event has parties; default its first applicant party."
            ),
        ] = None,
    ) -> StartApplicationResult:
        assert info.context.citizen is not None
        key = _key(idempotency_key)
        rows = info.context.services.catalog_rows
        app = await service.start_life_event(info.context.citizen, code, key, as_party, rows)
        return Application.of(app)


@strawberry.type
class MaterialMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Sign the commitment that replaces a material (告知承诺); the text signed is recorded, with a sealed signature record (the text's SHA-256, my session, the time). Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def sign_commitment(
        self, info: Info, application_id: strawberry.ID, material_id: str
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        citizen, session = info.context.citizen, info.context.session_id
        app = await service.sign_commitment(citizen, application_id, material_id, session)
        return Application.of(app)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Upload a file for a material (multipart request); the type is judged by the content, not the name. Requires sign-in.",
    )
    @problems_as(ApplicationError)
    async def upload_material(
        self, info: Info, application_id: strawberry.ID, material_id: str, file: Upload
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        services = info.context.services
        try:
            app = await delivered(info, application_id, material_id, file)  # deferred: h5
            app = app or await service.upload_material(
                info.context.citizen,
                application_id,
                material_id,
                file,
                services.files,
                services.settings.max_upload_bytes,
            )
        finally:
            if close := getattr(file, "close", None):
                await close()  # stop reading the request: what was not read never will be
        return Application.of(app)
