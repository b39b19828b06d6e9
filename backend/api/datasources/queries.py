from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.datasources.types import AccessEntry, Consent, ELicense, StaffReadEntry
from backend.api.permissions import IsSignedIn
from backend.api.types import LocalizedText
from backend.backoffice import service as backoffice
from backend.datasources import service
from backend.wallet import service as wallet


@strawberry.type
class SharingQueries:
    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Every consent I gave, newest first, revoked ones included. Requires sign-in.",
    )
    async def my_consents(self, info: Info) -> list[Consent]:
        assert info.context.citizen is not None
        return [Consent.of(c) for c in await service.ledger(info.context.citizen)]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Who read my data, from which source and when, newest first. Requires sign-in.",
    )
    async def my_data_access_log(self, info: Info, first: int = 50) -> list[AccessEntry]:
        assert info.context.citizen is not None
        return [
            AccessEntry.of(a)
            for a in await service.access_log(info.context.citizen, max(1, min(first, 200)))
        ]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="Which government office (role, department, county; never the staff member's name) or department's system read my applications, uploaded files and shared data, and when: newest first, `first` at most 200, `before` an entry's id for the older page. One entry per read of an application or file. Requires sign-in.",
    )
    async def my_access_log(
        self, info: Info, first: int = 50, before: strawberry.ID | None = None
    ) -> list[StaffReadEntry]:
        assert info.context.citizen is not None
        older = int(before) if before and str(before).isdigit() and len(before) < 10 else None
        reads = await backoffice.staff_reads(info.context.citizen.id, first, older)
        return [StaffReadEntry.of(r) for r in reads]

    @strawberry.field(
        permission_classes=[IsSignedIn],
        description="My e-licenses: from the e-license library and those issued by completed applications. Requires sign-in.",
    )
    async def my_wallet(self, info: Info) -> list[ELicense]:
        citizen = info.context.citizen
        assert citizen is not None
        cancelled = await wallet.cancelled_numbers(citizen)
        found = [
            ELicense(
                type=lic["type"],
                number=lic.get("number", ""),
                holder_name=lic.get("holder_name", citizen.name),
                issuer=LocalizedText.of(lic.get("issuer")),
                issued_on=lic.get("issued_on"),
                valid_until=lic.get("valid_until"),
                issued_by_zerorun=False,
                status=_status(cancelled, lic["type"], lic.get("number", "")),
            )
            for lic in await service.library_licenses(info.context.services.sharing, citizen)
        ]
        found += [
            ELicense(
                type=lic.type,
                number=lic.number,
                holder_name=lic.holder_name,
                issuer=LocalizedText.of(lic.issuer),
                issued_on=lic.issued_at.date().isoformat(),
                valid_until=None,
                issued_by_zerorun=True,
                status=_status(cancelled, lic.type, lic.number),
                held_for=wallet.held_for(citizen, lic),
            )
            for lic in await wallet.issued(citizen)
        ]
        return found


def _status(cancelled: set[tuple[str, str]], license_type: str, number: str) -> str:
    return "cancelled" if (license_type, number) in cancelled else "current"
