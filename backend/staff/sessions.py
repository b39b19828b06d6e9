"""Staff sessions, kept in the database as citizens' are: a signed token names a random session
id, and a signed-in request reads the session joined with its (active) member in one statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from backend.accounts.service import Keys
from backend.staff.models import StaffMember, StaffSession

TTL = dt.timedelta(hours=8)  # a working day


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StaffSessions:
    """Tokens under a different salt from citizens', so neither passes as the other."""

    def __init__(
        self, secret_key: str, previous_keys: Iterable[str] = (), ttl_seconds: int | None = None
    ) -> None:
        self.ttl = TTL if ttl_seconds is None else dt.timedelta(seconds=ttl_seconds)
        self.keys = Keys(secret_key, previous_keys, "zerorun.staff-session")

    async def issue(self, member: StaffMember) -> str:
        session = await StaffSession.create(member=member, expires_at=now() + self.ttl)
        return self.keys.sign(session.id)

    async def member(self, token: str) -> StaffMember | None:
        """Whom the token names while the session lasts and the member is active."""
        session_id = self.keys.session(token)
        if session_id is None:
            return None
        session = (
            await StaffSession.filter(id=session_id, expires_at__gt=now(), member__active=True)
            .select_related("member")
            .first()
        )
        return session.member if session is not None else None

    async def end(self, token: str) -> bool:
        """Sign out: the session the token names ends."""
        session_id = self.keys.session(token)
        return session_id is not None and await StaffSession.filter(id=session_id).delete() > 0


async def end_all(member_id: int) -> int:
    """Every session of a member ends: how many there were."""
    return await StaffSession.filter(member_id=member_id).delete()


async def purge_expired_sessions() -> int:
    """For the sweep: delete the staff sessions that have expired; how many there were."""
    return await StaffSession.filter(expires_at__lte=now()).delete()
