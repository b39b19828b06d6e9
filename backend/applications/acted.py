"""Steps done in a citizen's name by someone else (a relative under an authorisation, a
guardian, an agent, a window clerk), as their timelines recorded them: the citizen represented
sees every one (`in_name_of`), and the one who acted sees what they did for whom (`done_by`)."""

from __future__ import annotations

from backend.applications.models import ApplicationEvent

MAX_STEPS = 200


async def in_name_of(citizen_id: int, first: int) -> list[ApplicationEvent]:
    """The latest steps someone other than the citizen took on the citizen's applications,
    newest first, each with its application."""
    return (
        await ApplicationEvent.filter(application__citizen_id=citizen_id, actor__isnull=False)
        .exclude(actor="system")
        .select_related("application")
        .order_by("-at", "-id")
        .limit(max(0, min(first, MAX_STEPS)))
    )


async def done_by(actor: str, first: int) -> list[ApplicationEvent]:
    """The latest steps `actor` ("citizen:<id>", "staff:<username>") took in others' names,
    newest first, each with its application."""
    return (
        await ApplicationEvent.filter(actor=actor)
        .select_related("application")
        .order_by("-at", "-id")
        .limit(max(0, min(first, MAX_STEPS)))
    )
