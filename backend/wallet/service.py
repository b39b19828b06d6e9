"""The citizen's e-licenses: those the e-license library holds and those ZeroRun issued, to
the party a matter names as the holder; a guardian sees those held for their ward; a license
an output superseded (the seller's old real-estate certificate) shows cancelled."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q, Subquery

from backend.accounts.service import Citizen
from backend.wallet.models import CancelledLicense, LicenseViewer
from backend.wallet.models import IssuedLicense as IssuedLicense


async def issued(citizen: Citizen) -> list[IssuedLicense]:
    """The licenses issued into the citizen's wallet, theirs or held for a ward they see."""
    return (
        await IssuedLicense.filter(Q(citizen=citizen) | Q(viewers__citizen=citizen))
        .distinct()
        .order_by("id")
    )


async def held(citizen: Citizen) -> list[IssuedLicense]:
    """The licenses in the citizen's own wallet still in force (a guardian's include those
    held for their newborn, which the guardian presents for the child): what satisfies the
    materials they provide. One a later output superseded no longer does."""
    return (await held_by([citizen]))[citizen.id]


async def held_by(citizens: Iterable[Citizen]) -> dict[int, list[IssuedLicense]]:
    """held for several citizens (the parties of an application) in one statement."""
    citizens = list(citizens)
    ids = [c.id_number for c in citizens if c.id_number]
    found: dict[int, list[IssuedLicense]] = {c.id: [] for c in citizens}
    for lic in (
        await IssuedLicense.filter(citizen_id__in=list(found))
        .exclude(
            number__in=Subquery(CancelledLicense.filter(holder_id_number__in=ids).values("number"))
        )
        .order_by("id")
    ):
        found[lic.citizen_id].append(lic)
    return found


async def cancelled_numbers(citizen: Citizen) -> set[tuple[str, str]]:
    """(type, number) of the citizen's licenses an output superseded."""
    if not citizen.id_number:
        return set()
    rows = await CancelledLicense.filter(holder_id_number=citizen.id_number)
    return {(r.type, r.number) for r in rows}


@dataclass(frozen=True)
class Holder:
    """Whom an output is issued to: the account whose wallet holds it, the name and resident
    ID it is held in (a newborn's, for a guardian), and the other guardians who see it."""

    citizen: Citizen
    name: str
    id_number: str | None
    viewers: list[int] = field(default_factory=list)
    ward: bool = False  # held for someone without an account (a newborn), by a guardian


async def issue(
    holder: Holder,
    application_id: uuid.UUID,
    license_type: str,
    issuer: dict[str, str],
    data: dict[str, Any],
) -> IssuedLicense:
    """Issue an application's output into the holder's wallet; issuing twice for one
    application is a no-op."""
    existing = await IssuedLicense.get_or_none(application_id=application_id)
    if existing is not None:
        return existing
    number = f"ZR{license_type[:3].upper()}{secrets.token_hex(6).upper()}"
    issued = await IssuedLicense.create(
        citizen=holder.citizen,
        type=license_type,
        number=number,
        holder_name=holder.name,
        holder_id_number=holder.id_number,
        issuer=issuer,
        application_id=application_id,
        data={**data, "ward": True} if holder.ward else data,
    )
    for viewer in holder.viewers:
        await LicenseViewer.get_or_create(license=issued, citizen_id=viewer)
    return issued


def held_for(citizen: Citizen, lic: IssuedLicense) -> str | None:
    """The ward's name when the citizen sees the license as a guardian, else None."""
    mine = lic.citizen_id == citizen.id and lic.holder_id_number in (None, citizen.id_number)
    return None if mine and not lic.data.get("ward") else lic.holder_name


async def cancel(
    license_type: str, number: str, holder_id_number: str, application_id: uuid.UUID
) -> None:
    """An output superseded this license: it shows cancelled in its holder's wallet (once)."""
    await CancelledLicense.get_or_create(
        type=license_type,
        number=number,
        defaults={"holder_id_number": holder_id_number, "application_id": application_id},
    )


async def by_number(number: str) -> IssuedLicense | None:
    """An issued license by its number: the public registry lookup of /verify."""
    return await IssuedLicense.get_or_none(number=number)


async def cancelled_at(license_type: str, number: str) -> dt.datetime | None:
    """When this license was cancelled (superseded by an output, or revoked), else None."""
    row = await CancelledLicense.get_or_none(type=license_type, number=number)
    return row.cancelled_at if row else None


async def cancelled_by_number(number: str) -> CancelledLicense | None:
    """A license an output superseded, by its number: one the e-license library issued (not
    ZeroRun), which /verify can still say is no longer in force."""
    return await CancelledLicense.filter(number=number).order_by("-id").first()
