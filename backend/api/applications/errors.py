"""What a citizen's application operation answers when it did not happen: a code, a message
and every field problem at once."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import FieldError, LocalizedText
from backend.applications import service
from backend.datasources import service as datasources


@strawberry.enum
class ApplicationErrorCode(Enum):
    NOT_FOUND = "NOT_FOUND"
    MATTER_NOT_FOUND = "MATTER_NOT_FOUND"
    MATTER_RETIRED = "MATTER_RETIRED"
    NOT_EDITABLE = "NOT_EDITABLE"
    INVALID = "INVALID"
    INVALID_INPUT = "INVALID_INPUT"
    NOT_NEEDED = "NOT_NEEDED"
    CONFLICT = "CONFLICT"
    NOT_AUTHORISED = "NOT_AUTHORISED"  # outside what the actor's authorisation covers
    NOT_YOUR_PART = "NOT_YOUR_PART"  # another party's field or material
    PARTIES_PENDING = "PARTIES_PENDING"  # required parties have not confirmed yet
    INVITATION_INVALID = "INVITATION_INVALID"  # unknown, used, expired or for someone else
    DECLINED = "DECLINED"  # a party declined; the application cannot be submitted
    NEEDS_MATERIAL = "NEEDS_MATERIAL"  # a relation the shared data does not show
    CONFIRMATION_REQUIRED = "CONFIRMATION_REQUIRED"  # a walk-in's filing not confirmed yet (h4)


@strawberry.type(
    description="Why the operation did not happen; `errors` lists every field problem at once."
)
class ApplicationError:
    problem: ClassVar[Problems] = (
        service.ApplicationProblem,
        datasources.SharingProblem,
    )
    code: ApplicationErrorCode
    message: LocalizedText
    errors: list[FieldError]

    @classmethod
    def of(cls, p: service.ApplicationProblem | datasources.SharingProblem) -> ApplicationError:
        errors = p.errors if isinstance(p, service.ApplicationProblem) else []
        return cls(
            code=ApplicationErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in errors],
        )
