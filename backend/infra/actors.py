"""Who is acting in this request when it is not the person whose data it is: set once per
request by the endpoint that identified the caller, read where a step is recorded (an
application's timeline), so that every action done in someone's name says who did it."""

from __future__ import annotations

from contextvars import ContextVar

_acting: ContextVar[str | None] = ContextVar("zerorun_actor", default=None)


def acting() -> str | None:
    """"citizen:<id>" or "staff:<username>" acting for the request's citizen, else None."""
    return _acting.get()


def act_as(actor: str | None) -> None:
    """Name the actor for the rest of this request (each request runs in its own context)."""
    _acting.set(actor)
