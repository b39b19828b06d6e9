"""The staff domain's expected refusals, each with a stable code and both languages."""

from __future__ import annotations

from backend.forms.validation import FieldError


class StaffProblem(Exception):
    """An expected refusal, answered as StaffError with a stable code; `errors` names each
    input field at fault, all of them at once."""

    def __init__(
        self, code: str, message_zh: str, message_en: str, errors: list[FieldError] | None = None
    ) -> None:
        detail = "; ".join(f"{e.path}: {e.message_en}" for e in errors or [])
        super().__init__(f"{code}: {detail or message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.errors = errors or []


def refused() -> StaffProblem:
    """The one answer to a sign-in that fails, whatever the reason: unknown username, wrong
    password, locked account or too many attempts."""
    return StaffProblem(
        "INVALID_CREDENTIALS",
        "用户名或密码不正确，或尝试过于频繁（从同一地址连续失败 5 次将锁定 15 分钟）。请稍后再试或联系管理员。",
        "Wrong username or password, or too many attempts (five failures in a row from one address lock it out for 15 minutes). Try later or ask an administrator.",
    )


def invalid(errors: list[FieldError]) -> StaffProblem:
    return StaffProblem(
        "INVALID_INPUT",
        "有些内容需要修改，见各项说明。",
        "Some fields need changing; see each one.",
        errors,
    )


def not_found(username: str) -> StaffProblem:
    """No such account, or not one the administrator's region covers: the same answer."""
    return StaffProblem(
        "NOT_FOUND",
        f"您管辖的区划内没有用户名为 {username} 的账号。",
        f"No account named {username} in your region.",
    )
