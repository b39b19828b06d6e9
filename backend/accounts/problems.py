"""The expected failures of acting for others, as data: a stable code (the citizen endpoint's
ApplicationErrorCode names, the staff endpoint's AgentErrorCode), a message in both languages
and the fields at fault. A plain exception, raised fresh each time."""

from __future__ import annotations

from backend.forms.validation import FieldError


class AccountProblem(Exception):
    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


def problem(code: str, zh: str, en: str) -> AccountProblem:
    return AccountProblem(code, zh, en)


def invalid(errors: list[FieldError]) -> AccountProblem:
    return AccountProblem(
        "INVALID_INPUT", "请更正标出的内容。", "Correct the fields marked.", errors
    )
