"""Sign-in through pluggable identity providers, and signed session tokens."""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict

from itsdangerous import BadSignature, URLSafeTimedSerializer

from backend.accounts.identity import DevelopmentProvider as DevelopmentProvider
from backend.accounts.identity import Identity as Identity
from backend.accounts.identity import IdentityProvider as IdentityProvider
from backend.accounts.identity import SignInRefused as SignInRefused
from backend.accounts.miniprogram import MiniProgramProvider as MiniProgramProvider
from backend.accounts.miniprogram import Platform as Platform
from backend.accounts.models import Citizen as Citizen
from backend.catalog.service import Applicant
from backend.settings import Settings

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
KEEP_SECONDS = 60.0  # how long a worker keeps a citizen's row (see Sessions)
KEEP_MOST = 50_000



class Sessions:
    """Sessions are signed, expiring tokens naming a citizen; nothing is stored server-side.

    A worker keeps the citizens it has seen for KEEP_SECONDS, so a signed-in request costs no
    query for who is asking. A citizen's row changes only when they sign in again (the identity
    service's profile, refreshed at once in the worker that signs them in; other workers see it
    within KEEP_SECONDS). The rows are shared between requests: read them, never change them.
    A token's signature is checked once: the worker keeps whom it names until it expires."""

    def __init__(self, settings: Settings) -> None:
        if len(settings.secret_key) < 32:
            raise RuntimeError(
                "ZERORUN_SECRET_KEY is not set or shorter than 32 characters: set it to a long random "
                "string (python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or set ZERORUN_ENV=development for a local demo."
            )
        self.ttl = settings.session_ttl_seconds
        self.signer = URLSafeTimedSerializer(settings.secret_key, salt="zerorun.session")
        self.known: OrderedDict[int, tuple[float, Citizen]] = OrderedDict()
        self.checked: OrderedDict[str, tuple[float, int | None]] = OrderedDict()

    def issue(self, citizen: Citizen) -> str:
        self._keep(citizen)
        return self.signer.dumps({"c": citizen.id})

    async def citizen(self, token: str) -> Citizen | None:
        citizen_id = self._named(token)
        if citizen_id is None:
            return None
        known = self.known.get(citizen_id)
        if known is not None and known[0] > time.monotonic():
            return known[1]
        citizen = await Citizen.get_or_none(id=citizen_id)
        if citizen is not None:
            self._keep(citizen)
        return citizen

    def _named(self, token: str) -> int | None:
        """The citizen id a valid token names; the signature is checked once per token."""
        checked = self.checked.get(token)
        if checked is not None and checked[0] > time.time():
            return checked[1]
        try:
            payload, signed_at = self.signer.loads(token, max_age=self.ttl, return_timestamp=True)
        except BadSignature:
            return None
        citizen_id = payload.get("c") if isinstance(payload, dict) else None
        named = citizen_id if isinstance(citizen_id, int) else None
        self.checked[token] = (signed_at.timestamp() + self.ttl, named)
        if len(self.checked) > KEEP_MOST:
            self.checked.popitem(last=False)
        return named

    def _keep(self, citizen: Citizen) -> None:
        self.known[citizen.id] = (time.monotonic() + KEEP_SECONDS, citizen)
        self.known.move_to_end(citizen.id)
        if len(self.known) > KEEP_MOST:
            self.known.popitem(last=False)


async def sign_in(
    providers: dict[str, IdentityProvider], settings: Settings, provider: str, credential: str
) -> Citizen:
    chosen = providers.get(provider)
    if chosen is None:
        raise SignInRefused(
            "UNKNOWN_PROVIDER",
            f"no identity provider named {provider!r} here; this server offers {', '.join(sorted(providers))}",
        )
    if chosen.development_only and not settings.development:
        raise SignInRefused(
            "PROVIDER_DISABLED", f"{provider!r} sign-in works only in development mode"
        )
    identity = await chosen.authenticate(credential)
    if identity is None:
        raise SignInRefused(
            "INVALID_CREDENTIAL", "the identity provider did not accept this credential"
        )
    citizen, _ = await Citizen.update_or_create(
        provider=identity.provider,
        subject=identity.subject,
        defaults={"name": identity.name, "profile": identity.profile},
    )
    return citizen


def applicant(citizen: Citizen | None, today: dt.date | None = None) -> Applicant:
    """The rule-data view of a citizen: verified profile plus age computed today."""
    if citizen is None:
        return Applicant(profile={})
    p = citizen.profile
    profile = {
        k: p[k]
        for k in (
            "name",
            "id_number",
            "sex",
            "birth_date",
            "mobile",
            "hukou_region",
            "hukou_address",
        )
        if k in p
    }
    if "birth_date" in p:
        born = dt.date.fromisoformat(p["birth_date"])
        today = today or dt.datetime.now(SHANGHAI).date()
        profile["age"] = (
            today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        )
    return Applicant(profile=profile)

