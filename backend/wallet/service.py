"""The citizen's e-licenses: those the e-license library holds and those ZeroRun issued."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from backend.accounts.service import Citizen
from backend.wallet.models import IssuedLicense


async def issued(citizen: Citizen) -> list[IssuedLicense]:
    return await IssuedLicense.filter(citizen=citizen).order_by("id")


async def issue(
    citizen: Citizen,
    application_id: uuid.UUID,
    license_type: str,
    issuer: dict[str, str],
    data: dict[str, Any],
) -> IssuedLicense:
    """Issue an application's output into the wallet; issuing twice for one application is a no-op."""
    existing = await IssuedLicense.get_or_none(application_id=application_id)
    if existing is not None:
        return existing
    number = f"ZR{license_type[:3].upper()}{secrets.token_hex(6).upper()}"
    return await IssuedLicense.create(
        citizen=citizen,
        type=license_type,
        number=number,
        holder_name=citizen.name,
        issuer=issuer,
        application_id=application_id,
        data=data,
    )
