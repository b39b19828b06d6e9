"""Why an upload was refused: a stable code and words for the citizen in Chinese and English."""

from __future__ import annotations

from typing import Literal

RejectionCode = Literal[
    "too_large",  # over the material's limit
    "type_not_allowed",  # the bytes are not a type the material accepts
    "empty",
    "damaged",  # the bytes start like an accepted type but do not parse or decode as one
    "image_too_large",  # more pixels than we decode
    "too_many_pages",
    "encrypted",  # a PDF staff could not open
    "incomplete",  # the upload ended before the file did
]


class UploadRejected(Exception):
    """An upload the citizen has to fix; the messages tell them how."""

    def __init__(self, code: RejectionCode, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
