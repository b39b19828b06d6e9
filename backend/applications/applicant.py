"""The applicant as the rules see them for one application: verified profile, e-licenses,
shared data consented to, commitments signed and files uploaded, each with its evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from backend.accounts.service import SHANGHAI, Citizen, applicant
from backend.applications.models import Application, MaterialAction
from backend.catalog.service import Applicant
from backend.datasources import service as datasources
from backend.datasources.service import DataPull, Sharing
from backend.wallet import service as wallet
from backend.wallet.service import IssuedLicense


async def applicant_for(
    citizen: Citizen, app: Application | None, sharing: Sharing, party: str | None = None
) -> Applicant:
    """The applicant as the rules see them for this application: verified profile, the
    e-licenses and shared data they consented to, and what they signed or uploaded. `party`:
    the shared data a party who did not start the application read with their own identity."""
    return (await applicants_for(app, {party: citizen}, sharing))[party]


async def applicants_for(
    app: Application | None, citizens: Mapping[str | None, Citizen], sharing: Sharing
) -> dict[str | None, Applicant]:
    """applicant_for for several parties of one application (None for the starter), its reads
    and actions read once for them all."""
    held = await wallet.held_by(citizens.values())
    reads = await datasources.pulls_by_party(app) if app is not None else {}
    actions = await MaterialAction.filter(application=app) if app is not None else []
    return {
        party: _applicant(citizen, held[citizen.id], reads.get(party, {}), actions, sharing)
        for party, citizen in citizens.items()
    }


def _applicant(
    citizen: Citizen,
    held: Iterable[IssuedLicense],
    reads: Mapping[str, DataPull],
    actions: Iterable[MaterialAction],
    sharing: Sharing,
) -> Applicant:
    e_licenses: set[str] = set()
    shared: set[str] = set()
    evidence: dict[str, dict[str, str]] = {}
    done: dict[str, str] = {}
    licenses = [(lic.type, lic.number, lic.issuer) for lic in held]
    for source_id, p in reads.items():
        if p.status != "ok":
            continue
        shared.add(source_id)
        source = sharing.sources.get(source_id)
        name = source.name if source else {"zh": source_id, "en": source_id}
        when = p.fetched_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        evidence[f"shared_data:{source_id}"] = {
            "zh": f"共享数据：{name['zh']}（{when} 核验）",
            "en": f"Shared data: {name['en']} (checked {when})",
        }
        licenses += [
            (lic["type"], lic.get("number", ""), lic.get("issuer") or {}) for lic in p.licenses
        ]
    for a in actions:
        done[a.material_id] = a.kind
        evidence[f"material:{a.material_id}"] = _action_evidence(a)
    for license_type, number, issuer in licenses:
        e_licenses.add(license_type)
        evidence[f"e_license:{license_type}"] = {
            "zh": f"电子证照 {number}（{issuer.get('zh', '')}）",
            "en": f"E-license {number} ({issuer.get('en', '')})",
        }
    profile = applicant(citizen).profile
    return Applicant(profile, frozenset(e_licenses), frozenset(shared), evidence, done)


def _action_evidence(a: MaterialAction) -> dict[str, str]:
    when = a.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    if a.kind == "commitment":
        return {"zh": f"已签署告知承诺（{when}）", "en": f"Commitment signed ({when})"}
    size = f"{(a.size or 0) / 1024:.0f} KB" if (a.size or 0) >= 1024 else f"{a.size or 0} B"
    return {
        "zh": f"已上传 {a.filename}（{size}，{when}）",
        "en": f"Uploaded {a.filename} ({size}, {when})",
    }
