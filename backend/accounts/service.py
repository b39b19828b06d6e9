"""Sign-in through pluggable identity providers, and sessions kept in the database."""

from __future__ import annotations

import datetime as dt

from backend.accounts import agents as agents
from backend.accounts import grants as grants
from backend.accounts import guardians as guardians
from backend.accounts.consent_codes import ConsentCodes as ConsentCodes
from backend.accounts.consent_codes import masked_mobile as masked_mobile
from backend.accounts.identity import DevelopmentProvider as DevelopmentProvider
from backend.accounts.identity import Identity as Identity
from backend.accounts.identity import IdentityProvider as IdentityProvider
from backend.accounts.identity import SignInRefused as SignInRefused
from backend.accounts.miniprogram import MiniProgramProvider as MiniProgramProvider
from backend.accounts.miniprogram import Platform as Platform
from backend.accounts.models import Citizen as Citizen
from backend.accounts.models import CitizenSession
from backend.accounts.models import GuardianshipClaim as GuardianshipClaim
from backend.accounts.models import Representation as Representation
from backend.accounts.problems import AccountProblem as AccountProblem
from backend.accounts.representation import citizen_by_id_number as citizen_by_id_number
from backend.accounts.representation import covers_matter as covers_matter
from backend.accounts.representation import represent as represent
from backend.accounts.tokens import MIN_KEY
from backend.accounts.tokens import Keys as Keys
from backend.accounts.tokens import key_id as key_id
from backend.catalog.service import Applicant
from backend.settings import Settings

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Sessions:
    """A session is a row (citizen_session) that a signed token names by its random id. The
    database is the truth: a signed-in request reads the session joined with its citizen in
    one statement, so signing out, on any worker, ends the session at once everywhere."""

    def __init__(self, settings: Settings) -> None:
        if len(settings.secret_key) < MIN_KEY:
            raise RuntimeError(
                "ZERORUN_SECRET_KEY is not set or shorter than 32 characters: set it to a long random "
                "string (python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or set ZERORUN_ENV=development for a local demo."
            )
        self.ttl = dt.timedelta(seconds=settings.session_ttl_seconds)
        self.keys = Keys(settings.secret_key, settings.previous_secret_keys, "zerorun.session")

    async def issue(
        self,
        citizen: Citizen,
        representation: Representation | None = None,
        ttl: dt.timedelta | None = None,
    ) -> str:
        """A token for `citizen`: their own, or, naming a representation, for someone acting
        in their name (never longer than the representation lasts)."""
        expires = now() + min(ttl or self.ttl, self.ttl)
        if representation is not None and representation.valid_until is not None:
            expires = min(expires, representation.valid_until)
        session = await CitizenSession.create(
            citizen=citizen, representation=representation, expires_at=expires
        )
        return self.keys.sign(session.id)

    async def session(self, token: str) -> CitizenSession | None:
        """The session a token names while it lasts, with its citizen and the representation
        it acts under (if any, still in force): one statement, none for a forged token."""
        session_id = self.keys.session(token)
        if session_id is None:
            return None
        session = (
            await CitizenSession.filter(id=session_id, expires_at__gt=now())
            .select_related("citizen", "representation")
            .first()
        )
        if session is None or not in_force(session.representation):
            return None
        return session

    async def citizen(self, token: str) -> Citizen | None:
        """Whom a token names while its session lasts."""
        session = await self.session(token)
        return session.citizen if session is not None else None

    async def end(self, token: str) -> bool:
        """Sign out: the session the token names ends (whether it had expired or not)."""
        session_id = self.keys.session(token)
        return session_id is not None and await CitizenSession.filter(id=session_id).delete() > 0


def in_force(representation: Representation | None) -> bool:
    """Whether a session's representation still allows acting (none needed: acting as oneself)."""
    if representation is None:
        return True
    if representation.revoked_at is not None:
        return False
    return representation.valid_until is None or representation.valid_until > now()


def actor_of(representation: Representation | None) -> str | None:
    """Who acts under a representation, as timelines and the audit name them."""
    if representation is None:
        return None
    if representation.agent_staff:
        return f"staff:{representation.agent_staff}"
    return f"citizen:{representation.agent_citizen_id}"


async def purge_expired_sessions() -> int:
    """For the sweep: delete the citizens' sessions that have expired; how many there were."""
    return await CitizenSession.filter(expires_at__lte=now()).delete()


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
    id_number = identity.profile.get("id_number")
    if id_number and not await Citizen.exists(
        provider=identity.provider, subject=identity.subject
    ):  # someone a window or a guardian registered by resident ID now signs in themself
        await Citizen.filter(provider="resident_id", subject=id_number).update(
            provider=identity.provider, subject=identity.subject
        )
    citizen, _ = await Citizen.update_or_create(
        provider=identity.provider,
        subject=identity.subject,
        defaults={
            "name": identity.name,
            "profile": identity.profile,
            "id_number": id_number,
        },
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
