"""The ratings domain's expected refusals: one exception with a stable code, a message in both
languages and, for INVALID_INPUT, each input at fault by its path."""

from __future__ import annotations

from backend.forms.validation import FieldError


class RatingProblem(Exception):
    """An expected refusal, answered as the mutation's RatingError with a stable code."""

    def __init__(
        self,
        code: str,
        message_zh: str,
        message_en: str,
        errors: list[FieldError] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


def invalid(errors: list[FieldError]) -> RatingProblem:
    """Every input at fault at once, each under its path."""
    return RatingProblem("INVALID_INPUT", "填写有误，请检查。", "Some input is invalid.", errors)


def no_such_application() -> RatingProblem:
    """The same answer whether the application is missing or another citizen's."""
    return RatingProblem("NOT_FOUND", "没有找到您的这份申请。", "No such application of yours.")


def no_such_follow_up() -> RatingProblem:
    return RatingProblem(
        "NOT_FOUND", "没有找到，或不在您的管辖范围内。", "Not found, or outside your region."
    )


def score_errors(score: int, comment: str, max_comment: int = 500) -> list[FieldError]:
    errors = []
    if not 1 <= score <= 5:
        errors.append(FieldError("/score", "range", "评分须为 1 到 5 分。", "The score is 1 to 5."))
    if len(comment) > max_comment:
        zh, en = f"留言不超过 {max_comment} 字。", f"At most {max_comment} characters."
        errors.append(FieldError("/comment", "too_long", zh, en))
    return errors
