from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from backend.accounts.permissions import IsSignedIn
from backend.api.context import Info
from backend.api.types import FieldError
from backend.applications import service
from backend.applications.types import (
    Application,
    ApplicationError,
    SaveApplicationResult,
    SavedApplication,
    StartApplicationResult,
    SubmitApplicationResult,
)


@strawberry.input
class SubmitApplicationInput:
    idempotency_key: str = strawberry.field(
        description="Any unique string per submission; a retry with the same key never creates a second application."
    )
    application_id: strawberry.ID | None = strawberry.field(
        default=None, description="Submit this draft..."
    )
    matter_code: str | None = strawberry.field(
        default=None, description="...or apply for this matter in one step."
    )
    answers: JSON | None = strawberry.field(
        default=None, description="Replaces the draft's answers when given."
    )
    situation: JSON | None = None


@strawberry.type
class ApplicationMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Start a draft pinned to the version published now. Requires sign-in.",
    )
    async def start_application(
        self, info: Info, matter_code: str, idempotency_key: str | None = None
    ) -> StartApplicationResult:
        assert info.context.citizen is not None
        try:
            return Application.of(
                await service.start(info.context.citizen, matter_code, _key(idempotency_key))
            )
        except service.ApplicationProblem as p:
            return ApplicationError.of(p)

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Save a draft's answers (partial). Requires sign-in.",
    )
    async def save_application(
        self, info: Info, id: strawberry.ID, answers: JSON, situation: JSON | None = None
    ) -> SaveApplicationResult:
        assert info.context.citizen is not None
        try:
            app, problems = await service.save(info.context.citizen, id, answers, situation)
        except service.ApplicationProblem as p:
            return ApplicationError.of(p)
        return SavedApplication(
            application=Application.of(app), problems=[FieldError.of(e) for e in problems]
        )

    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Submit: full validation against the pinned version; all errors at once. Requires sign-in.",
    )
    async def submit_application(
        self, info: Info, input: SubmitApplicationInput
    ) -> SubmitApplicationResult:
        assert info.context.citizen is not None
        try:
            app = await service.submit(
                info.context.citizen,
                key=_key(input.idempotency_key) or "",
                application_id=input.application_id,
                matter_code=input.matter_code,
                answers=input.answers,
                situation=input.situation,
            )
        except service.ApplicationProblem as p:
            return ApplicationError.of(p)
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
