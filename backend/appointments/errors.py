"""Expected failures of booking, returned to the client as data with stable codes."""

from __future__ import annotations

from backend.forms.validation import FieldError


class AppointmentProblem(Exception):
    """Every problem found with one request; the first one names the whole refusal. A plain
    exception, raised fresh: a frozen one cannot pass through a context manager."""

    def __init__(self, errors: list[FieldError]) -> None:
        first = errors[0]
        super().__init__(f"{first.code}: {first.message_en}")
        self.code, self.message_zh, self.message_en = first.code, first.message_zh, first.message_en
        self.errors = errors

    @classmethod
    def of(cls, *errors: FieldError) -> AppointmentProblem:
        return cls(list(errors))


def slot_not_found(path: str = "/slotId") -> FieldError:
    return FieldError(path, "NOT_FOUND", "没有找到这个预约时段。", "No such appointment slot.")


def slot_in_past(path: str = "/slotId") -> FieldError:
    return FieldError(
        path,
        "SLOT_IN_PAST",
        "这个时段已经开始或已过去，请另选时间。",
        "This slot has already begun; please choose a later time.",
    )


def slot_full(path: str = "/slotId") -> FieldError:
    return FieldError(
        path,
        "SLOT_FULL",
        "这个时段已约满，请另选时间。",
        "This slot is fully booked; please choose another time.",
    )


def booking_not_found(path: str = "/bookingId") -> FieldError:
    return FieldError(path, "NOT_FOUND", "没有找到您的这个预约。", "No such booking of yours.")


def booking_cancelled(path: str = "/bookingId") -> FieldError:
    return FieldError(
        path,
        "NOT_FOUND",
        "这个预约已取消，请重新预约。",
        "This booking was cancelled; please book a new time.",
    )


def booking_started(path: str = "/bookingId") -> FieldError:
    return FieldError(
        path,
        "SLOT_IN_PAST",
        "预约时间已到，不能再取消。",
        "This appointment has already begun; it can no longer be cancelled.",
    )


def application_not_found(path: str = "/applicationId") -> FieldError:
    return FieldError(path, "NOT_FOUND", "没有找到您的这份申请。", "No such application of yours.")


def already_booked(path: str) -> FieldError:
    if path == "/applicationId":
        return FieldError(
            path,
            "ALREADY_BOOKED",
            "这份申请已有一个预约；如需换时间，请改约。",
            "This application already has a booking; reschedule it to change the time.",
        )
    return FieldError(
        path,
        "ALREADY_BOOKED",
        "您已预约了这个时段。",
        "You have already booked this slot.",
    )
