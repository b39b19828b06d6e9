"""A county administrator's changes to halls refused, with stable codes: HallError's."""

from __future__ import annotations

from backend.forms.validation import FieldError


class HallProblem(Exception):
    """A county administrator's change to a hall refused, with a stable code; `errors` names
    each input at fault, all at once."""

    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


def invalid(errors: list[FieldError]) -> HallProblem:
    return HallProblem(
        "INVALID_INPUT",
        "有些内容需要修改，见各项说明。",
        "Some fields need changing; see each one.",
        errors,
    )


def not_managed(what: str, path: str) -> HallProblem:
    """Missing, or outside the administrator's county: the same answer."""
    return HallProblem(
        "NOT_FOUND",
        "您管辖的区划内没有找到它。",
        f"No such {what} in your region.",
        [
            FieldError(
                path, "NOT_FOUND", "您管辖的区划内没有找到它。", f"No such {what} in your region."
            )
        ],
    )


def bookings_exist(count: int) -> HallProblem:
    message = (
        f"这一天已有 {count} 个有效预约。确认闭厅后，这些预约将被取消，并逐一通知市民。",
        f"{count} active bookings fall on this day. Confirm the closure to cancel them; each citizen is told.",
    )
    return HallProblem("BOOKINGS_EXIST", *message, [FieldError("/day", "BOOKINGS_EXIST", *message)])


def capacity_below_bookings(booked: int) -> HallProblem:
    message = (
        f"这个时段已有 {booked} 个预约，容量不能少于预约数。",
        f"This slot has {booked} bookings; its capacity cannot go below them.",
    )
    return HallProblem(
        "INVALID_INPUT", *message, [FieldError("/capacity", "BELOW_BOOKINGS", *message)]
    )


def already_closed() -> FieldError:
    return FieldError(
        "/day", "ALREADY_CLOSED", "这一天已经闭厅。", "The hall is already closed that day."
    )
