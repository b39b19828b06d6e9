"""What a caller asked of the seals that they cannot answer, with the input at fault."""

from __future__ import annotations


class SealProblem(Exception):
    """An expected refusal, answered as data: a stable code, the input's path, both languages.
    Raised fresh each time."""

    def __init__(self, code: str, path: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.path = code, path
        self.message_zh, self.message_en = message_zh, message_en


def not_found(path: str) -> SealProblem:
    return SealProblem(
        "NOT_FOUND", path, "没有找到，或不在您的管辖范围内。", "Not found, or outside your region."
    )
