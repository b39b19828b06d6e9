"""Consent, pulls and prefill: data travels so that people don't, and only with consent.

Before any pull the citizen consents per data set and application; a pull reads every
consented source concurrently with bounded timeouts, keeps what each gave, prefills the form
with provenance, and logs each read. A failing source never fails the application: its
materials fall back to the next way and a later visit retries."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import orjson

from backend.datasources.connectors import Fetched, fetch

# What other domains and the API use of this domain's own modules (its public surface).
from backend.datasources.connectors import read_record as read_record
from backend.datasources.definitions import Source as Source
from backend.datasources.definitions import load_sources as load_sources
from backend.datasources.definitions import sources_of
from backend.datasources.household import minor_children as minor_children
from backend.datasources.models import Consent as Consent
from backend.datasources.models import DataAccess as DataAccess
from backend.datasources.models import DataPull as DataPull
from backend.infra import metrics
from backend.infra.kv import KeyValue

if TYPE_CHECKING:  # the rows this domain is handed; it never reads or writes them itself
    from backend.accounts.service import Citizen
    from backend.applications.service import Application

CACHE_SECONDS = 60
ACCESSOR = "ZeroRun 在线办事"


@dataclass
class Sharing:
    """What pulls need: the declared sources, one HTTP client, the shared cache."""

    sources: dict[str, Source]
    http: httpx.AsyncClient
    kv: KeyValue
    catalog_dir: Path
    cache_prefix: str = "zerorun"

    def needed(self, definition: dict[str, Any]) -> list[Source]:
        return sources_of(definition, self.sources)


class SharingProblem(Exception):
    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code, self.message_zh, self.message_en = code, zh, en


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def grant(
    sharing: Sharing,
    citizen: Citizen,
    app: Application,
    definition: dict[str, Any],
    source_ids: list[str],
    days: int,
) -> list[Consent]:
    needed = {s.id: s for s in sharing.needed(definition)}
    unknown = [s for s in source_ids if s not in needed]
    if unknown:
        raise SharingProblem(
            "NOT_NEEDED",
            f"此事项不需要这些数据：{', '.join(unknown)}。",
            f"This matter does not use: {', '.join(unknown)}.",
        )
    if not 1 <= days <= 365:
        raise SharingProblem(
            "INVALID_INPUT", "授权期限须为 1 到 365 天。", "days must be between 1 and 365."
        )
    active = await active_consents(app, citizen)
    created = []
    for source_id in dict.fromkeys(source_ids):
        if source_id in active:
            continue
        s = needed[source_id]
        created.append(
            await Consent.create(
                citizen=citizen,
                application=app,
                source_id=s.id,
                purpose={
                    "purpose": s.purpose,
                    "legal_basis": s.legal_basis,
                    "department": s.department["name"],
                },
                expires_at=now() + dt.timedelta(days=days),
            )
        )
    return created


async def revoke(sharing: Sharing, citizen: Citizen, consent_id: int) -> Consent:
    consent = await Consent.get_or_none(id=consent_id, citizen=citizen)
    if consent is None:
        raise SharingProblem("NOT_FOUND", "没有找到这项授权。", "No such consent of yours.")
    if consent.revoked_at is None:
        consent.revoked_at = now()
        await consent.save(update_fields=["revoked_at"])
        await sharing.kv.delete(cache_key(sharing, citizen, consent.source_id))
        await DataPull.filter(consent=consent).update(
            status="revoked", values={}, licenses=[], reason=None
        )
    return consent


async def active_consents(app: Application, citizen: Citizen | None = None) -> dict[str, Consent]:
    """The consents in force for the application (given by `citizen`, when named: each party
    of a multi-party application consents for their own data)."""
    rows = Consent.filter(application=app, revoked_at__isnull=True, expires_at__gt=now())
    if citizen is not None:
        rows = rows.filter(citizen=citizen)
    return {c.source_id: c for c in await rows.order_by("id")}


def pull_key(source_id: str, party: str | None) -> str:
    """A pull's key in its application: the source, or for a party who did not start a
    multi-party application, the source read with that party's identity."""
    return source_id if party is None else f"{source_id}:{party}"


async def pulls(app: Application, party: str | None = None) -> dict[str, DataPull]:
    """The latest reads for the application, by source: the starter's, or a party's."""
    return (await pulls_by_party(app)).get(party, {})


async def pulls_by_party(app: Application) -> dict[str | None, dict[str, DataPull]]:
    """Every party's latest reads for the application in one statement: by party (None for
    the starter), then by source."""
    found: dict[str | None, dict[str, DataPull]] = {}
    for p in await DataPull.filter(application=app):
        source, _, of = p.source_id.partition(":")
        found.setdefault(of or None, {})[source] = p
    return found


async def pull(
    sharing: Sharing,
    citizen: Citizen,
    app: Application,
    definition: dict[str, Any],
    *,
    retry_only: bool = False,
    party: str | None = None,
) -> dict[str, DataPull]:
    """Read every consented source (only those not read successfully yet, with `retry_only`),
    concurrently; then prefill the form. Never raises for a source's failure. A party who did
    not start the application reads with their own identity, into pulls of their own (`party`)
    and, through the definition given, only the fields of their part."""
    consents = await active_consents(app, citizen)
    previous = await pulls(app, party)
    wanted = [
        s
        for s in sharing.needed(definition)
        if s.id in consents
        and not (retry_only and s.id in previous and previous[s.id].status in ("ok", "no_record"))
    ]
    id_number = citizen.profile.get("id_number", "")
    results = await asyncio.gather(*(_read(sharing, citizen, s, id_number) for s in wanted))
    for source, fetched in zip(wanted, results, strict=True):
        values: dict[str, Any] = {
            "status": fetched.status,
            "values": fetched.values,
            "licenses": fetched.licenses,
            "reason": fetched.reason,
            "fetched_at": now(),
            "consent": consents[source.id],
        }
        row = previous.get(source.id)
        if row is None:
            previous[source.id] = await DataPull.create(
                application=app, source_id=pull_key(source.id, party), **values
            )
        else:
            await row.update_from_dict(values).save()
    prefill(app, definition, previous)
    await app.save(update_fields=["answers", "provenance", "updated_at"])
    return previous


async def _read(sharing: Sharing, citizen: Citizen, source: Source, id_number: str) -> Fetched:
    key = cache_key(sharing, citizen, source.id)
    cached = await sharing.kv.get(key)
    if cached is not None:
        metrics.SHARED_DATA.hit.inc()
        fetched = Fetched(**orjson.loads(cached))
    else:
        metrics.SHARED_DATA.miss.inc()
        fetched = await fetch(source, id_number, sharing.http, sharing.catalog_dir)
        metrics.REGISTRY_PULLS.labels(source.id, fetched.status).inc()
        if fetched.status != "failed":  # failures are not kept: the next visit tries again
            await sharing.kv.set(key, orjson.dumps(asdict(fetched)), CACHE_SECONDS)
    await DataAccess.create(
        citizen=citizen,
        source_id=source.id,
        accessor=ACCESSOR,
        purpose=source.purpose["zh"][:200],
        outcome=fetched.status,
        from_cache=cached is not None,
    )
    return fetched


def cache_key(sharing: Sharing, citizen: Citizen, source_id: str) -> str:
    """Per citizen and source: a cached record is never served to anyone else."""
    return f"{sharing.cache_prefix}:pull:{citizen.id}:{source_id}"


def prefill(app: Application, definition: dict[str, Any], done: dict[str, DataPull]) -> None:
    """Copy pulled values into the form fields named by their data elements, recording where
    each came from; a value the citizen has edited (where allowed) is left alone."""
    fields = definition["form"]["schema"].get("properties", {})
    answers, provenance = dict(app.answers), dict(app.provenance)
    for source_id, p in sorted(done.items()):
        if p.status != "ok":
            continue
        for element, value in p.values.items():
            if element not in fields or provenance.get(element, {}).get("edited"):
                continue
            answers[element] = value
            provenance[element] = {
                "source": source_id,
                "fetched_at": p.fetched_at.isoformat(),
                "consent_id": p.consent_id,
                "value": value,
                "edited": False,
            }
    app.answers, app.provenance = answers, provenance


async def ledger(citizen: Citizen) -> list[Consent]:
    return await Consent.filter(citizen=citizen).order_by("-id")


async def access_log(citizen: Citizen, first: int) -> list[DataAccess]:
    return await DataAccess.filter(citizen=citizen).order_by("-id").limit(first)


async def library_licenses(sharing: Sharing, citizen: Citizen) -> list[dict[str, Any]]:
    """The citizen's own look at their wallet: a read of the e-license library at their request."""
    found: list[dict[str, Any]] = []
    for source in sharing.sources.values():
        if source.provides_licenses:
            found += (
                await _read(sharing, citizen, source, citizen.profile.get("id_number", ""))
            ).licenses
    return found
