"""Types every domain shares."""

from __future__ import annotations

from collections.abc import Mapping

import strawberry

from backend.forms.validation import FieldError as FieldErrorData


@strawberry.type(description="A text in Chinese with its English translation.")
class LocalizedText:
    zh: str
    en: str

    @classmethod
    def of(cls, value: Mapping[str, str] | None) -> LocalizedText:
        value = value or {}
        return cls(zh=value.get("zh", ""), en=value.get("en", ""))


@strawberry.type(
    description="One problem with one input field, so a form can show it under the field."
)
class FieldError:
    path: str = strawberry.field(
        description="JSON pointer of the field, e.g. /answers/seller_name."
    )
    code: str
    message: LocalizedText

    @classmethod
    def of(cls, e: FieldErrorData) -> FieldError:
        return cls(
            path=e.path, code=e.code, message=LocalizedText(zh=e.message_zh, en=e.message_en)
        )


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None
