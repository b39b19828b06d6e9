"""Who is acting in this request when it is not the person whose data it is: set once per
request by the endpoint that identified the caller, read where a step is recorded (an
application's timeline), so that every action done in someone's name says who did it."""

from __future__ import annotations

from contextvars import ContextVar

_acting: ContextVar[str | None] = ContextVar("zerorun_actor", default=None)
# The matter and life-event codes the actor may touch; None means all (or acting as oneself).
_scope: ContextVar[frozenset[str] | None] = ContextVar("zerorun_actor_scope", default=None)


def acting() -> str | None:
    """"citizen:<id>" or "staff:<username>" acting for the request's citizen, else None."""
    return _acting.get()


def act_as(actor: str | None, matters: list[str] | None = None) -> None:
    """Name the actor, and the matters they may touch, for the rest of this request (each
    request runs in its own context)."""
    _acting.set(actor)
    _scope.set(frozenset(matters) if matters is not None else None)


def may_touch(code: str | None) -> bool:
    """Whether this request's actor may act on an application of this matter or life event."""
    scope = _scope.get()
    return scope is None or (code is not None and code in scope)


def channel() -> str:
    """How an application started in this request reaches the government: "agent" when a
    staff member (a village or township agent) files in the citizen's name, else "online"."""
    return "agent" if (_acting.get() or "").startswith("staff:") else "online"
