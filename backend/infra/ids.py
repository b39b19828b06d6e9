"""Time-ordered UUIDs (RFC 9562 version 7): ids that sort by creation on every database."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, counter) of the previous id made by this process


def uuid7() -> uuid.UUID:
    """48 bits of Unix milliseconds, a 12-bit counter for ids made in the same millisecond
    (so one process's ids are strictly increasing), then 62 random bits."""
    global _last
    with _lock:
        ms, counter = time.time_ns() // 1_000_000, 0
        if ms <= _last[0]:
            ms, counter = _last[0], _last[1] + 1
            if counter > 0xFFF:
                ms, counter = ms + 1, 0
        _last = (ms, counter)
    rand = int.from_bytes(os.urandom(8)) & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | rand
    return uuid.UUID(int=value)
